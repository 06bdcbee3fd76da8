import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("sims.toml manifest")
struct StudyManifestTests {
    static let manifest = """
    polarity = "negative"
    title = "NMC cathodes"

    [samples]
    pristine = ["p/spot1.txt", "p/spot2.txt"]
    cycled = "c"

    [acquisition]
    primary_ion = "Bi3+"
    energy_keV = 30
    current_pA = 0.35
    area_um = 200
    raster = 256
    scans = 20
    shots_per_pixel = 1
    dead_time_corrected = true

    [sample_preparation]
    transfer = "Ar vessel"
    sputter = { species = "Cs", energy_keV = 1 }
    """

    @Test func manifestListsSamplesAcquisitionAndMetadata() throws {
        let folder = try TemporaryFolder()
        try folder.write("x", to: "study/p/spot1.txt")
        try folder.write("x", to: "study/p/spot2.txt")
        try folder.write("x", to: "study/c/b.txt")
        try folder.write("x", to: "study/c/a.txt")
        try folder.write(Self.manifest, to: "study/sims.toml")
        let study = try StudyLoader.load(from: folder.file("study"))
        #expect(study.samples.map(\.name).sorted() == ["cycled", "pristine"])
        let pristine = try #require(study.samples.first { $0.name == "pristine" })
        #expect(pristine.spots.map(\.name) == ["spot1", "spot2"])
        #expect(pristine.spots[0].path == folder.file("study/p/spot1.txt"))
        #expect(study.samples.first { $0.name == "cycled" }?.spots.map(\.name) == ["a", "b"])
        #expect(study.acquisition.polarity == .negative)
        #expect(study.acquisition.primaryIon == "Bi3+")
        #expect(study.acquisition.primaryEnergyKeV == 30)
        #expect(study.acquisition.primaryCurrentPicoampere == 0.35)
        #expect(study.acquisition.rasterWidth == 256 && study.acquisition.rasterHeight == 256)
        #expect(study.acquisition.deadTimeCorrected == true)
        #expect(study.acquisition.primaryPulses == 1_310_720.0)
        #expect(study.metadata["title"] == "NMC cathodes")
        #expect(study.metadata["sample_preparation.transfer"] == "Ar vessel")
        #expect(study.metadata["sample_preparation.sputter.species"] == "Cs")
    }

    @Test func missingListedFileIsAClearError() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("[samples]\na = [\"gone.txt\"]\n", to: "sims.toml")
        #expect { try StudyManifest.read(from: path) } throws: { error in
            let e = error as? SIMSError
            return e?.kind == .fileNotFound && "\(error)".contains("sample \"a\" lists a missing file") && "\(error)".contains("gone.txt")
        }
    }

    @Test func badTomlAndUnknownKeysAreErrors() throws {
        #expect { try StudyManifest.parse("[samples\n", path: "s.toml") } throws: { error in
            "\(error)".hasPrefix("s.toml:1: invalid TOML")
        }
        let folder = try TemporaryFolder()
        try folder.write("x", to: "a.txt")
        #expect { try StudyManifest.parse("[samples]\na = [\"a.txt\"]\n[acquisition]\nenergy = 30\n", path: folder.file("s.toml")) } throws: { error in
            "\(error)".contains("unknown [acquisition] key") && "\(error)".contains("found \"energy\"")
        }
        #expect { try StudyManifest.parse("title = 1\n", path: "s.toml") } throws: { error in
            "\(error)".contains("no [samples] table")
        }
    }

    /// Regression (CI of 63e082b): `sims simulate` writes a parameters-only `sims.toml` beside image sets; `sims
    /// images` on that folder (and so `sims demo`) ended in "manifest has no [samples] table".
    @Test func aFolderWithAParametersOnlyManifestIsDiscoveredAndDescribed() throws {
        let folder = try TemporaryFolder()
        try folder.write("x", to: "cathode/cathode_neg.txt")
        try folder.write("x", to: "anode/anode_neg.txt")
        try folder.write("[acquisition]\nprimary_ion = \"Bi3+\"\nenergy_keV = 30\n[sample_preparation]\nstorage = \"glovebox\"\n",
                         to: "sims.toml")
        let study = try StudyLoader.load(from: folder.path, fileExtensions: ["txt"])
        #expect(study.samples.map(\.name).sorted() == ["anode", "cathode"])
        #expect(study.acquisition.primaryIon == "Bi3+" && study.acquisition.primaryEnergyKeV == 30)
        #expect(study.metadata["sample_preparation.storage"] == "glovebox")
        #expect(!study.leftOut.contains { $0.path.hasSuffix("/sims.toml") })
        // Given explicitly, the same manifest still has to list its samples.
        #expect(throws: SIMSError.self) { try StudyManifest.read(from: folder.file("sims.toml")) }
    }
}
