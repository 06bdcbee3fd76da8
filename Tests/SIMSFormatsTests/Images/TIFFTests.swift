import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("TIFF")
struct TIFFTests {
    @Test func sixteenBitHeaderIsBaseline() throws {
        let bytes = try TIFF.encode([0, 1, 65535, 300, 2, 3], width: 3, height: 2, type: .uint16)
        #expect(Array(bytes[0..<4]) == [0x49, 0x49, 42, 0])
        // pixel data starts right after the 8-byte header, little-endian
        #expect(Array(bytes[8..<14]) == [0, 0, 1, 0, 0xFF, 0xFF])
        let image = try TIFF.decode(bytes, file: "x.tif")
        #expect(image.width == 3 && image.height == 2 && image.sampleType == .uint16)
        #expect(image.values == [0, 1, 65535, 300, 2, 3])
    }

    @Test func floatMapsRoundTripWithPixelSizeAndDescription() throws {
        let folder = try TemporaryFolder()
        let values: ContiguousArray<Double> = [0.25, 0.5, 0.125, 3.75]
        let path = folder.file("r.tif")
        try TIFF.write(values, width: 2, height: 2, type: .float32, to: path, pixelSizeMicrometers: 0.5, description: "Li- / total")
        let image = try TIFF.read(path)
        #expect(image.sampleType == .float32)
        #expect(image.values == values)  // all exactly representable in float32
        #expect(abs((image.pixelSizeMicrometers ?? 0) - 0.5) < 1e-9)
        #expect(image.description == "Li- / total")
    }

    @Test("multi-page stack: IFDs chained in page order, each page decodes, loops and wrong sizes rejected")
    func multiPageStack() throws {
        let pages: [ContiguousArray<Double>] = [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], [0, 0, 0, 0, 0, 65535]]
        let bytes = try TIFF.encode(pages: pages, width: 3, height: 2, type: .uint16, pixelSizeMicrometers: 0.25, description: "stack")
        let decoded = try TIFF.decodePages(bytes, file: "s.tif")
        #expect(decoded.map(\.values) == pages)
        #expect(decoded.allSatisfy { $0.width == 3 && $0.height == 2 && $0.pixelSizeMicrometers.map { abs($0 - 0.25) < 1e-9 } == true })
        #expect(decoded.map(\.description) == ["stack", nil, nil])
        #expect(try TIFF.decode(bytes, file: "s.tif").values == pages[0])
        // By hand: page 0's pixels follow the header; the first IFD's next-pointer leads to page 1's IFD,
        // whose first entry (ImageWidth) reads 3.
        #expect(Array(bytes[8..<12]) == [1, 0, 2, 0])
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        let first = u32(4)
        let entries = Int(bytes[first]) | Int(bytes[first + 1]) << 8
        let second = u32(first + 2 + 12 * entries)
        #expect(second > first && Int(bytes[second + 2]) | Int(bytes[second + 3]) << 8 == 256 && u32(second + 10) == 3)
        // A chain pointing back to itself is an error, not an endless loop.
        var looped = bytes
        let lastEntries = Int(bytes[second]) | Int(bytes[second + 1]) << 8
        let third = u32(second + 2 + 12 * lastEntries)
        let lastNext = third + 2 + 12 * (Int(bytes[third]) | Int(bytes[third + 1]) << 8)
        for k in 0..<4 { looped[lastNext + k] = UInt8(truncatingIfNeeded: first >> (8 * k)) }
        #expect { try TIFF.decodePages(looped, file: "l.tif") } throws: { ($0 as? SIMSError)?.kind == .malformed }
        #expect { try TIFF.encode(pages: [[1, 2], [1]], width: 2, height: 1, type: .uint8) } throws: { ($0 as? SIMSError)?.kind == .invalidArgument }
    }

    @Test("multi-page stack read by tifffile (runs when python3 can import tifffile)")
    func multiPageStackReadByTifffile() throws {
        guard ExternalTool.pythonCanImport("tifffile") else { return }  // the hand-checked layout test above still runs
        let folder = try TemporaryFolder()
        let pages: [ContiguousArray<Double>] = (0..<5).map { z in ContiguousArray((0..<12).map { Double($0) * 0.5 + Double(z) }) }
        try TIFF.write(pages: pages, width: 4, height: 3, type: .float32, to: folder.file("z.tif"), pixelSizeMicrometers: 2)
        let (status, output) = try ExternalTool.run(["python3", "-c", "import sys, tifffile; a = tifffile.imread(sys.argv[1]); print(a.shape); print(' '.join(repr(float(v)) for v in a.ravel()))", folder.file("z.tif")])
        #expect(status == 0)
        let text = String(decoding: output, as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "(5, 3, 4)")
        #expect(lines.last?.split(separator: " ").compactMap { Double($0) } == pages.flatMap { $0 })
    }

    @Test func refusesValuesThatDoNotFit() {
        #expect(throws: SIMSError.self) { try TIFF.encode([70000], width: 1, height: 1, type: .uint16) }
        #expect(throws: SIMSError.self) { try TIFF.encode([.nan], width: 1, height: 1, type: .float32) }
        #expect(throws: SIMSError.self) { try TIFF.encode([1, 2], width: 1, height: 1, type: .float32) }
    }

    @Test func countsTypeIsLossless() {
        #expect(TIFF.countsType(for: [0, 65535]) == .uint16)
        #expect(TIFF.countsType(for: [0, 65536]) == .uint32)
        #expect(TIFF.countsType(for: [0.5]) == .float32)
    }
}
