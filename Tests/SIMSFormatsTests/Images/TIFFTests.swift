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
