import Foundation
import Testing
@testable import SIMSReport

@Suite("PNG encoder")
struct PNGEncoderTests {
    @Test("RGBA round trip: signature, chunk CRCs, inflated pixels equal the drawn ones")
    func rgbaRoundTrip() throws {
        var image = PixelImage(width: 7, height: 5, fill: RGBA(10, 20, 30, 255))
        image[0, 0] = RGBA(255, 0, 0, 255)
        image[6, 4] = RGBA(1, 2, 3, 4)
        image[3, 2] = RGBA(0, 200, 100, 128)
        let png = try DecodedPNG(PNGEncoder.encode(image))
        #expect(png.chunkTypes == ["IHDR", "IDAT", "IEND"])
        #expect(png.width == 7 && png.height == 5 && png.bitDepth == 8 && png.colorType == 6)
        #expect(png.raw == image.bytes)
    }

    @Test("RGB composites over the background")
    func rgb() throws {
        var image = PixelImage(width: 2, height: 1, fill: .white)
        image[0, 0] = RGBA(0, 0, 0, 0)        // transparent → white
        image[1, 0] = RGBA(0, 0, 0, 255)      // black
        let png = try DecodedPNG(PNGEncoder.encodeRGB(image))
        #expect(png.colorType == 2)
        #expect(png.raw == [255, 255, 255, 0, 0, 0])
    }

    @Test("16-bit greyscale stores big-endian samples")
    func gray16() throws {
        let samples: [UInt16] = [0, 1, 256, 65535, 4660, 43981]
        let png = try DecodedPNG(PNGEncoder.encodeGray16(width: 3, height: 2, samples: samples))
        #expect(png.colorType == 0 && png.bitDepth == 16)
        #expect(png.raw == [0, 0, 0, 1, 1, 0, 255, 255, 0x12, 0x34, 0xAB, 0xCD])
    }

    @Test("CRC-32 of the check string is 0xCBF43926 (ISO 3309 check value)")
    func crcCheckValue() {
        #expect(PNGEncoder.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(DecodedPNG.crc32Bitwise(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test("A corrupted byte is caught by the chunk CRC")
    func corruption() throws {
        var data = PNGEncoder.encode(PixelImage(width: 3, height: 3, fill: .black))
        data[20] ^= 0x01 // inside IHDR
        #expect(throws: DecodedPNG.Failure.self) { try DecodedPNG(data) }
    }
}

@Suite("Rasteriser")
struct RasterTests {
    @Test("Filled rectangle covers exactly its pixels; outside stays background")
    func rectangle() throws {
        var d = Drawing(width: 10, height: 10, background: .white)
        d.rect(Rect(x: 2, y: 3, width: 4, height: 5), fill: RGBA(255, 0, 0), stroke: nil)
        let img = d.rasterize(scale: 1, supersampling: 2)
        #expect(img.width == 10 && img.height == 10)
        #expect(img[2, 3] == RGBA(255, 0, 0))
        #expect(img[5, 7] == RGBA(255, 0, 0))
        #expect(img[1, 3] == .white)
        #expect(img[6, 3] == .white)
        #expect(img[2, 8] == .white)
        // Round trip through the PNG encoder.
        let png = try DecodedPNG(d.png(scale: 1))
        #expect(png.width == 10 && png.raw.count == 400)
    }

    @Test("Half-covered pixel is anti-aliased to the mean colour")
    func antiAliasing() {
        var d = Drawing(width: 4, height: 1, background: .white)
        d.rect(Rect(x: 0, y: 0, width: 1.5, height: 1), fill: .black, stroke: nil)
        let img = d.rasterize(scale: 1, supersampling: 2)
        #expect(img[0, 0] == .black)
        #expect(img[1, 0].red == 128 || img[1, 0].red == 127)
        #expect(img[2, 0] == .white)
    }

    @Test("Bitmap text draws ink; rotated text draws upwards")
    func text() {
        var d = Drawing(width: 40, height: 40, background: .white)
        d.text("H", at: Point(5, 20), TextStyle(size: 10, color: .black))
        let img = d.rasterize(scale: 1, supersampling: 1)
        // 'H' left stem: column 0 of the glyph, rows 0…6 above the baseline.
        #expect(img[5, 13] == .black && img[5, 19] == .black)
        #expect(img[5, 20] == .white)
        #expect(img[6, 16] == .black) // crossbar row 3
        var r = Drawing(width: 40, height: 40, background: .white)
        r.text("HHH", at: Point(20, 30), TextStyle(size: 10, color: .black, rotation: 90))
        let rot = r.rasterize(scale: 1, supersampling: 1)
        var inkRows = Set<Int>()
        for y in 0 ..< 40 { for x in 0 ..< 40 where rot[x, y] == .black { inkRows.insert(y) } }
        #expect(inkRows.max()! <= 29 && inkRows.min()! >= 30 - 17)  // 3 glyphs × 6 − 1 px upwards
    }
}
