import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("Image set grouping and conversion")
struct ImageConversionRoundTripTests {
    static func set() throws -> ImageSet {
        func image(_ ion: String, _ center: Double?, _ f: (Int, Int) -> Double) -> IonImage {
            var counts = ContiguousArray<Double>()
            for y in 0..<5 { for x in 0..<4 { counts.append(f(x, y)) } }
            var image = IonImage(width: 4, height: 5, counts: counts, ion: ion, fieldOfViewMicrometers: 100)
            if let center { image.massInterval = MassInterval(lower: center - 0.05, upper: center + 0.05, center: center) }
            return image
        }
        return try ImageSet(measurement: "Cathode_A", id: 3, images: [
            image("Li-", 7.016, { x, y in Double(x * 10 + y) }),
            image("SO3-", 79.957, { x, y in Double((x + y) % 3) }),
            image("NiO2-", 89.925, { x, y in Double(70000 + x * y) }),
        ], total: image("total", nil, { x, y in Double(200 + x + 7 * y) }))
    }

    @Test func groupsFilesByMeasurementAndId() throws {
        let sources = try ImageSetSource.group([
            "/d/A (1) - Li-.txt", "/d/A (1) - total.txt", "/d/A (2) - Li-.txt", "/d/B (1) - F-.txt",
            "/d/notes.txt", "/d/C.bif6", "/d/D.imzML", "/d/D.ibd",
        ])
        #expect(sources.map(\.measurement) == ["A", "A", "B", "C", "D"])
        guard case .iontofASCII(_, let id, let files) = sources[0] else { Issue.record("expected ASCII"); return }
        #expect(id == 1 && files.keys.sorted() == ["Li-", "total"])
        #expect(throws: SIMSError.self) { try ImageSetSource.group(["/d/A (1) - Li-.txt", "/e/A (1) - Li-.txt"]) }
    }

    /// ASCII → BIF6 → imzML → ASCII: counts, ion names, ids and the total image survive exactly; masses pass
    /// through BIF6's float32 (so they come back rounded to float32).
    @Test func asciiToBIF6ToImzMLToASCIIIsLossless() throws {
        let folder = try TemporaryFolder()
        let original = try Self.set()
        try original.writeIONTOFASCII(to: folder.file("ascii"))
        let sources = try ImageSetSource.discover(in: folder.file("ascii"))
        #expect(sources.count == 1)
        let fromASCII = try sources[0].load()
        #expect(fromASCII.ions == ["Li-", "NiO2-", "SO3-"])
        #expect(fromASCII.image(of: "Li-")?.massInterval?.center == 7.016)

        try BIF6.write(fromASCII, to: folder.file("Cathode_A.bif6"))
        let peaks = fromASCII.images.enumerated().map { Peak(index: $0.offset + 1, assignment: $0.element.ion, interval: $0.element.massInterval!) }
        let fromBIF6 = try ImageSetSource.bif6(path: folder.file("Cathode_A.bif6")).load(peaks: peaks)
        #expect(fromBIF6.ions == fromASCII.ions)

        try ImzML.write(fromBIF6, to: folder.file("Cathode_A.imzML"))
        var fromImzML = try ImageSetSource.imzML(path: folder.file("Cathode_A.imzML")).load()
        fromImzML.id = 3
        try fromImzML.writeIONTOFASCII(to: folder.file("back"))
        let back = try ImageSetSource.discover(in: folder.file("back"))[0].load()

        #expect(back.measurement == "Cathode_A" && back.id == 3)
        #expect(Set(back.ions) == Set(original.ions))
        for image in original.images {
            let restored = try #require(back.image(of: image.ion))
            #expect(restored.counts == image.counts, "\(image.ion)")
            #expect(restored.massInterval?.center == Double(Float(image.massInterval!.center)))
        }
        #expect(back.total?.counts == original.total?.counts)
    }
}
