import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

/// The pyimzML reference (Tests/Reference/imzml_pyimzml_reference.py → .json).
struct PyImzMLReference: Decodable {
    struct Spot: Decodable { var spectrum: Int; var index: Int; var mz: Double; var intensity: Double }
    struct Image: Decodable { var mz: Double; var tol: Double; var width: Int; var height: Int; var values: [Double]; var values64: [Double]; var pyimzml_agrees: Bool }
    struct File: Decodable { var coordinates: [[Int]]; var lengths: [Int]; var spots: [Spot]; var images: [Image] }
    var files: [String: File]

    static func load() throws -> PyImzMLReference {
        let url = SharedData.repositoryRoot.appendingPathComponent("Tests/Reference/imzml_pyimzml_reference.json")
        return try JSONDecoder().decode(PyImzMLReference.self, from: Data(contentsOf: url))
    }
}

@Suite("imzML reader")
struct ImzMLReaderTests {
    static let names = ["Example_Continuous", "Example_Processed", "iontof_sparse"]

    @Test(arguments: names) func indexMatchesPyImzML(name: String) throws {
        let reference = try #require(try PyImzMLReference.load().files[name])
        let file = try ImzML.open(try SharedData.path("imzml/\(name).imzML"))
        #expect(file.spectra.map { [$0.x, $0.y] } == reference.coordinates)
        #expect(file.spectra.map(\.mz.length) == reference.lengths)
        #expect(file.storage == (name == "Example_Continuous" ? .continuous : .processed))
    }

    @Test(arguments: names) func spectrumValuesMatchPyImzMLExactly(name: String) throws {
        let reference = try #require(try PyImzMLReference.load().files[name])
        let file = try ImzML.open(try SharedData.path("imzml/\(name).imzML"))
        for spot in reference.spots {
            let spectrum = try file.spectrum(at: spot.spectrum)
            #expect(spectrum.mz[spot.index] == spot.mz, "\(name) spectrum \(spot.spectrum) index \(spot.index)")
            #expect(spectrum.intensities[spot.index] == spot.intensity, "\(name) spectrum \(spot.spectrum) index \(spot.index)")
        }
    }

    @Test(arguments: names) func peakImagesMatchPyImzMLGetIonImage(name: String) throws {
        let reference = try #require(try PyImzMLReference.load().files[name])
        let file = try ImzML.open(try SharedData.path("imzml/\(name).imzML"))
        let peaks = reference.images.map { ImzML.Peak(ion: "m\($0.mz)", interval: MassInterval(lower: $0.mz - $0.tol, upper: $0.mz + $0.tol, center: $0.mz)) }
        let set = try file.peakImages(peaks)
        for (image, expected) in zip(set.images, reference.images) {
            #expect(image.width == expected.width && image.height == expected.height)
            // Same window summed in the same order in float64: exact.
            #expect(Array(image.counts) == expected.values64)
            // pyimzML's own result accumulates in float32: agreement to float32 precision — except where its
            // bisection quirk reports the first intensity for a window below all m/z values (see the script).
            guard expected.pyimzml_agrees else { continue }
            for (mine, theirs) in zip(image.counts, expected.values) {
                #expect(abs(mine - theirs) <= 1e-6 * max(1, abs(theirs)))
            }
        }
    }

    @Test func windowBelowAllMassesGivesZeroUnlikePyImzML() throws {
        let reference = try #require(try PyImzMLReference.load().files["iontof_sparse"])
        let quirk = try #require(reference.images.first { !$0.pyimzml_agrees })
        let file = try ImzML.open(try SharedData.path("imzml/iontof_sparse.imzML"))
        let set = try file.peakImages([ImzML.Peak(ion: "x", interval: MassInterval(lower: quirk.mz - quirk.tol, upper: quirk.mz + quirk.tol))])
        // Pixel (2,1) has m/z 101, 201, …: nothing lies in [99.5, 100.5]; pyimzML reports its first intensity (20).
        #expect(quirk.values[1] == 20)
        #expect(set.images[0][1, 0] == 0)
    }

    @Test func pixelSizeAndSparsePositions() throws {
        let file = try ImzML.open(try SharedData.path("imzml/iontof_sparse.imzML"))
        #expect(file.width == 4 && file.height == 4)
        #expect(file.pixelSizeXMicrometers == 4.40625)
        #expect(file.uuid.first == 0xFC)
        let set = try file.peakImages([])
        // 6 of 16 pixels hold spectra; empty pixels have total 0.
        #expect(set.total!.counts.filter { $0 > 0 }.count == 6)
    }

    @Test func uuidMismatchIsReported() throws {
        let folder = try TemporaryFolder()
        let xml = try String(contentsOfFile: try SharedData.path("imzml/iontof_sparse.imzML"), encoding: .isoLatin1)
        var ibd = try Data(contentsOf: URL(fileURLWithPath: try SharedData.path("imzml/iontof_sparse.ibd")))
        ibd[0] ^= 0xFF
        try folder.write(xml, to: "bad.imzML")
        try folder.write(ibd, to: "bad.ibd")
        #expect { try ImzML.open(folder.file("bad.imzML")) } throws: { ($0 as? SIMSError)?.kind == .inconsistent }
    }

    @Test func truncatedIbdAndMissingIbdAreReported() throws {
        let folder = try TemporaryFolder()
        let xml = try String(contentsOfFile: try SharedData.path("imzml/iontof_sparse.imzML"), encoding: .isoLatin1)
        let ibd = try Data(contentsOf: URL(fileURLWithPath: try SharedData.path("imzml/iontof_sparse.ibd")))
        try folder.write(xml, to: "t.imzML")
        #expect { try ImzML.open(folder.file("t.imzML")) } throws: { ($0 as? SIMSError)?.kind == .fileNotFound }
        try folder.write(ibd.prefix(100), to: "t.ibd")
        #expect { try ImzML.open(folder.file("t.imzML")) } throws: { ($0 as? SIMSError)?.kind == .truncated }
        try folder.write(String(xml.prefix(3000)), to: "u.imzML")
        try folder.write(ibd, to: "u.ibd")
        #expect(throws: SIMSError.self) { try ImzML.open(folder.file("u.imzML")) }
    }
}
