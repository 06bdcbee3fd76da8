import Foundation
import SIMSCore
import SIMSTestSupport
import Testing
@testable import SIMSFuzz

/// The fuzz targets of `scripts/fuzz.sh` in the ordinary suite: every committed regression input
/// (`Fuzz/regressions/<target>/`, minimized crashers of past campaigns) and every hand-written seed
/// (`Fuzz/seeds/<target>/`) is fed to its reader, so a reader that traps on one again fails `swift test`, not only
/// the fuzz job (docs/reliability.md, "Fuzzing").
@Suite("Fuzz regressions and seeds", .serialized)  // the imzML target writes to one scratch folder per process
struct FuzzRegressionTests {
    static let fuzzFolder = SharedData.repositoryRoot.appendingPathComponent("Fuzz").path

    /// `(target, file)` for every file under `Fuzz/<kind>/<target>/`; a folder not named after a target is an error.
    static func inputs(_ kind: String) throws -> [(FuzzTarget, String)] {
        let root = fuzzFolder + "/" + kind
        var found: [(FuzzTarget, String)] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: root).sorted() where !folder.hasPrefix(".") {
            let target = try #require(FuzzTarget(rawValue: folder), "Fuzz/\(kind)/\(folder) is not a fuzz target")
            for file in try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder).sorted() where !file.hasPrefix(".") {
                found.append((target, root + "/" + folder + "/" + file))
            }
        }
        return found
    }

    /// Feeds every input under `Fuzz/<kind>/`: each is read, or refused with a `SIMSError` that names the input.
    func feed(_ kind: String) throws {
        for (target, path) in try Self.inputs(kind) {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            do throws(SIMSError) {
                try target.run(bytes)
            } catch {
                #expect(error.file?.contains("fuzz-input") == true || error.file?.contains("simsfuzz-") == true,
                        "\(path): error does not name the input: \(error)")
            }
        }
    }

    @Test("every minimized crasher is read or refused with a SIMSError naming the input")
    func regressions() throws { try feed("regressions") }

    @Test("every hand-written seed is read or refused with a SIMSError naming the input")
    func handWrittenSeeds() throws { try feed("seeds") }

    @Test("the writer-made seeds read back without error, for every target that has them")
    func writerSeeds() throws {
        for target in FuzzTarget.allCases {
            let seeds = try FuzzSeeds.seeds(for: target)
            #expect(!seeds.isEmpty || target == .xlsx || target == .manifest, "\(target.rawValue) has no writer seed")
            for seed in seeds {
                #expect(throws: Never.self, "\(target.rawValue)") { try target.run(seed) }
            }
        }
    }

    @Test("imzML inputs split at the marker; without it the .ibd is empty and the open fails cleanly")
    func imzMLSplit() throws {
        let seed = try #require(try FuzzSeeds.seeds(for: .imzML).first)
        try FuzzTarget.imzML.run(seed)
        let marker = try #require(FuzzTarget.markerOffset(in: seed))
        #expect(seed[..<marker].firstIndex(of: 0) == nil && Array(seed[marker..<(marker + 5)]) == FuzzTarget.ibdMarker)
        #expect(FuzzTarget.markerOffset(in: [0, 73, 66, 0, 0, 73, 66, 68, 0, 1]) == 4)
        #expect(FuzzTarget.markerOffset(in: [0, 73, 66, 68]) == nil)
        let xmlOnly = Array(seed[..<marker])
        #expect(throws: SIMSError.self) { try FuzzTarget.imzML.run(xmlOnly) }
    }
}
