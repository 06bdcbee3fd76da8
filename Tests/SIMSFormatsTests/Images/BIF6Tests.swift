import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("BIF6")
struct BIF6Tests {
    /// Bytes assembled by hand from the layout in FORMATS.md (independent of the writer).
    static func handMadeFile() -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0x42, 0x49, 0x46, 0x36]
        bytes += [2, 0, 3, 0, 2, 0]  // 2 intervals, width 3, height 2
        func u32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
        func f32(_ v: Float) -> [UInt8] { u32(v.bitPattern) }
        bytes += u32(7) + f32(6.9) + f32(7.016) + f32(7.1)
        for c: UInt32 in [0, 1, 2, 3, 4, 70000] { bytes += u32(c) }
        bytes += u32(0) + f32(0) + f32(0) + f32(0)
        for c: UInt32 in [10, 11, 12, 13, 14, 70015] { bytes += u32(c) }
        return bytes
    }

    @Test func readsHandMadeBytes() throws {
        let set = try BIF6.decode(Self.handMadeFile(), file: "x.bif6", measurement: "x", names: [7: "Li-"])
        #expect(set.width == 3 && set.height == 2)
        #expect(set.ions == ["Li-"])
        let li = try #require(set.image(of: "Li-"))
        #expect(li[2, 1] == 70000)
        #expect(li[1, 0] == 1)
        #expect(li.intervalID == 7)
        #expect(li.massInterval?.center == Double(Float(7.016)))
        #expect(set.total?.counts == [10, 11, 12, 13, 14, 70015])
    }

    @Test func unnamedIntervalsAreNamedByMass() throws {
        let set = try BIF6.decode(Self.handMadeFile(), file: "x.bif6", measurement: "x")
        #expect(set.ions == ["mz 7.0160"])
    }

    @Test func writerReproducesHandMadeBytes() throws {
        let set = try BIF6.decode(Self.handMadeFile(), file: "x.bif6", measurement: "x", names: [7: "Li-"])
        #expect(try BIF6.encode(set) == Self.handMadeFile())
    }

    @Test func roundTripThroughFile() throws {
        let folder = try TemporaryFolder()
        var li = IonImage(width: 4, height: 3, counts: ContiguousArray((0..<12).map { Double($0 * 3) }), ion: "Li-")
        li.massInterval = MassInterval(lower: 6.99, upper: 7.04, center: 7.016)
        var f = IonImage(width: 4, height: 3, counts: ContiguousArray((0..<12).map { Double(100 - $0) }), ion: "F-")
        f.massInterval = MassInterval(lower: 18.97, upper: 19.03, center: 18.998)
        let total = IonImage(width: 4, height: 3, counts: ContiguousArray((0..<12).map { Double(200 + $0) }), ion: "total")
        let set = try ImageSet(measurement: "m", images: [li, f], total: total)
        let path = folder.file("m.bif6")
        try BIF6.write(set, to: path)
        let back = try BIF6.read(path, names: [1: "Li-", 2: "F-"])
        #expect(back.measurement == "m")
        #expect(back.ions == ["Li-", "F-"])
        #expect(back.image(of: "Li-")?.counts == li.counts)
        #expect(back.image(of: "F-")?.counts == f.counts)
        #expect(back.total?.counts == total.counts)
    }

    @Test func rejectsFractionalCountsAndMissingMasses() throws {
        let fractional = IonImage(width: 1, height: 1, counts: [1.5], ion: "total")
        #expect(throws: SIMSError.self) { try BIF6.encode(try ImageSet(measurement: "m", images: [], total: fractional)) }
        let noMass = IonImage(width: 1, height: 1, counts: [1], ion: "Li-")
        #expect(throws: SIMSError.self) { try BIF6.encode(try ImageSet(measurement: "m", images: [noMass])) }
    }

    @Test func corruptFilesGiveOffsets() throws {
        var bad = Self.handMadeFile()
        bad[2] = 0x43
        #expect { try BIF6.decode(bad, file: "b.bif6", measurement: "b") } throws: { ($0 as? SIMSError)?.byteOffset == 0 }
        let truncated = Array(Self.handMadeFile().dropLast(3))
        #expect { try BIF6.decode(truncated, file: "t.bif6", measurement: "t") } throws: { ($0 as? SIMSError)?.kind == .truncated }
        #expect { try BIF6.decode(Self.handMadeFile() + [0], file: "t.bif6", measurement: "t") } throws: { ($0 as? SIMSError)?.kind == .malformed }
        #expect { try BIF6.decode([0, 0, 0x42], file: "s.bif6", measurement: "s") } throws: { ($0 as? SIMSError)?.kind == .truncated }
    }
}
