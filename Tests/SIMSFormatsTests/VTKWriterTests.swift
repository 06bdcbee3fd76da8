import Foundation
import Testing
@testable import SIMSFormats

@Suite("VTK volume export")
struct VTKWriterTests {
    @Test func legacyStructuredPointsLayoutWithBigEndianFloats() throws {
        func plane(_ base: Double) throws -> ImageSet {
            let li = IonImage(width: 2, height: 3, counts: ContiguousArray((0..<6).map { base + Double($0) }), ion: "Li-", fieldOfViewMicrometers: 10)
            return try ImageSet(measurement: "m", images: [li])
        }
        let volume = try Volume(planes: [plane(0), plane(100)], planeThicknessMicrometers: 0.5)
        let data = VTKWriter.data(for: volume)
        let headerEnd = data.range(of: Data("LOOKUP_TABLE default\n".utf8))!.upperBound
        let header = String(decoding: data[..<headerEnd], as: UTF8.self)
        #expect(header.contains("DIMENSIONS 2 3 2\n"))
        #expect(header.contains("SPACING 5.0 5.0 0.5\n"))
        #expect(header.contains("POINT_DATA 12\n"))
        #expect(header.contains("SCALARS Li- float 1\n"))
        // 12 floats, x fastest, plane 1 after plane 0.
        let values = (0..<12).map { i -> Float in
            let start = headerEnd + 4 * i
            let bits = data[start..<start + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return Float(bitPattern: bits)
        }
        #expect(values == [0, 1, 2, 3, 4, 5, 100, 101, 102, 103, 104, 105])
        #expect(data.count == headerEnd + 48 + 1)
    }
}
