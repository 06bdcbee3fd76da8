import CSIMSZlib
import Foundation

/// Writes PNG files (ISO/IEC 15948:2003, W3C PNG 2nd edition): signature, `IHDR`, one zlib-compressed
/// `IDAT`, `IEND`; every chunk closed by its CRC-32. Scanlines use filter type 0 (None); compression is zlib
/// deflate at level 6.
///
/// Supported pixel formats: 8-bit RGBA (colour type 6), 8-bit RGB (colour type 2) and 16-bit greyscale
/// (colour type 0, big-endian samples) for quantitative ion images.
public enum PNGEncoder {
    /// The 8-byte PNG signature.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// PNG bytes of an RGBA image (colour type 6, 8 bits per sample).
    public static func encode(_ image: PixelImage) -> Data {
        encode(width: image.width, height: image.height, colorType: 6, bitDepth: 8, bytesPerRow: image.width * 4) { row, out in
            let start = row * image.width * 4
            out.append(contentsOf: image.bytes[start ..< start + image.width * 4])
        }
    }

    /// PNG bytes of an RGB image (colour type 2): the alpha channel of `image` is dropped after compositing
    /// over `background`.
    public static func encodeRGB(_ image: PixelImage, background: RGBA = .white) -> Data {
        encode(width: image.width, height: image.height, colorType: 2, bitDepth: 8, bytesPerRow: image.width * 3) { row, out in
            let start = row * image.width * 4
            for x in 0 ..< image.width {
                let i = start + x * 4
                let a = UInt32(image.bytes[i + 3])
                for c in 0 ..< 3 {
                    let bg: UInt32 = c == 0 ? UInt32(background.red) : c == 1 ? UInt32(background.green) : UInt32(background.blue)
                    out.append(UInt8((UInt32(image.bytes[i + c]) * a + bg * (255 - a) + 127) / 255))
                }
            }
        }
    }

    /// PNG bytes of a 16-bit greyscale image (colour type 0): `samples` row-major from the top row,
    /// `width × height` values. Precondition: the sample count matches.
    public static func encodeGray16(width: Int, height: Int, samples: [UInt16]) -> Data {
        precondition(samples.count == width * height, "sample count must be width × height")
        return encode(width: width, height: height, colorType: 0, bitDepth: 16, bytesPerRow: width * 2) { row, out in
            for x in 0 ..< width {
                let v = samples[row * width + x]
                out.append(UInt8(v >> 8)); out.append(UInt8(v & 0xFF))
            }
        }
    }

    private static func encode(
        width: Int, height: Int, colorType: UInt8, bitDepth: UInt8, bytesPerRow: Int,
        row: (Int, inout [UInt8]) -> Void
    ) -> Data {
        var raw: [UInt8] = []
        raw.reserveCapacity((bytesPerRow + 1) * height)
        for y in 0 ..< height {
            raw.append(0) // filter type None
            row(y, &raw)
        }
        var out = Data(signature)
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [bitDepth, colorType, 0, 0, 0] // compression 0, filter method 0, no interlace
        appendChunk("IHDR", header, to: &out)
        appendChunk("IDAT", deflate(raw), to: &out)
        appendChunk("IEND", [], to: &out)
        return out
    }

    /// zlib stream (RFC 1950/1951) of `bytes`.
    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var bound = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(bound))
        let status = bytes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                compress2(dst.baseAddress, &bound, src.baseAddress, uLong(bytes.count), 6)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed with status \(status)") // only on out-of-memory
        out.removeLast(out.count - Int(bound))
        return out
    }

    /// CRC-32 (ISO 3309 / ITU-T V.42, as required by PNG) of `bytes`, computed by zlib.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(CSIMSZlib.crc32(0, $0.baseAddress, uInt($0.count))) }
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to out: inout Data) {
        var length: [UInt8] = []
        length.appendBigEndian(UInt32(data.count))
        out.append(contentsOf: length)
        let typeAndData = Array(type.utf8) + data
        out.append(contentsOf: typeAndData)
        var crc: [UInt8] = []
        crc.appendBigEndian(crc32(typeAndData))
        out.append(contentsOf: crc)
    }
}

extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24)); append(UInt8((value >> 16) & 0xFF))
        append(UInt8((value >> 8) & 0xFF)); append(UInt8(value & 0xFF))
    }
}
