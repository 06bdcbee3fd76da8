import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows
@testable import SIMSFormats

/// #25: "killing any workflow at a random moment (SIGINT, SIGKILL) and re-running it leaves a consistent folder",
/// with the `sims` executable as a child process, for every workflow family: spectra, pca, images (and mva, which
/// shares its reader), depth.
@Suite("killed runs leave a consistent output folder")
struct KilledRunTests {
    /// A workflow run two ways whose outputs differ (other files, or other contents of the same files), so a folder
    /// holding parts of both is told apart from either.
    enum Workflow: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case spectra, pca, images, mva, depth

        var testDescription: String { rawValue }

        /// Writes the inputs into `folder`; returns the two variants' arguments (`out` is the output folder).
        func arguments(in folder: TemporaryFolder, out: String) throws -> [[String]] {
            switch self {
            case .spectra:
                let (root, peaks) = try SmallStudies.spectra(in: folder)
                return [["spectra", root, "--peaks", peaks, "--no-plots", "--out", out],
                        ["spectra", root, "--peaks", folder.file("peaks6.csv"), "--no-plots", "--out", out]]
            case .pca:
                let (root, peaks) = try SmallStudies.spectra(in: folder)
                return [4, 2].map { ["pca", root, "--peaks", peaks, "--components", "\($0)", "--clusters", "none", "--no-plots", "--out", out] }
            case .images:
                _ = try SmallStudies.images(in: folder, at: "study/A")
                return [["images", folder.file("study"), "--ions", "Li+", "Ni+", "--no-plots", "--out", out],
                        ["images", folder.file("study"), "--ions", "Li+", "--no-plots", "--out", out]]
            case .mva:
                let images = try SmallStudies.images(in: folder)
                return [3, 2].map { ["mva", images, "--components", "\($0)", "--no-plots", "--out", out] }
            case .depth:
                let root = try SmallStudies.depth(in: folder)
                return [["depth", root, "--out", out, "--figures", "svg"], ["depth", root, "--ions", "A-", "--out", out, "--figures", "svg"]]
            }
        }
    }

    /// Files whose bytes are compared between runs: the results (deterministic), not the reports (which name the
    /// run's time).
    static func compared(_ file: String) -> Bool {
        !RunRecord.reportFiles.contains(file) && file != OutputFolder.manifestName && file != "notes.txt"
    }

    /// The state of `out`: every file's name and, for the compared ones, its bytes (nil when `out` does not exist).
    static func snapshot(_ out: String) -> [String: Data]? {
        guard FileManager.default.fileExists(atPath: out) else { return nil }
        var state: [String: Data] = [:]
        for file in OutputFolderTests.files(in: out) {
            state[file] = compared(file) ? (FileManager.default.contents(atPath: out + "/" + file) ?? Data()) : Data()
        }
        return state
    }

    /// Checks that `out` holds exactly one complete run: the manifest lists exactly its files (besides the user's
    /// `notes.txt`, which must still be there), and the files and results are those of one of `runs`.
    static func expectConsistent(_ out: String, oneOf runs: [[String: Data]], _ context: String) throws {
        let listed = try OutputFolderTests.manifest(of: out)
        let present = OutputFolderTests.files(in: out).filter { $0 != OutputFolder.manifestName && $0 != "notes.txt" }
        #expect(listed == present, "\(context): manifest and folder disagree")
        #expect(FileManager.default.fileExists(atPath: out + "/notes.txt"), "\(context): the user's file is gone")
        let state = try #require(snapshot(out))
        if !runs.contains(state) {
            let known = Set(runs.flatMap(\.keys))
            Issue.record("\(context): not one complete run; files of neither run: \(state.keys.filter { !known.contains($0) }.sorted()); differing: \(state.keys.filter { key in runs.allSatisfy { $0[key] != state[key] } }.sorted().prefix(8))")
        }
    }

    @Test("killed at random moments (SIGINT, SIGKILL, SIGTERM), then re-run: always one complete run, the user's file kept, nothing hidden left after SIGINT/SIGTERM",
          arguments: Workflow.allCases)
    func killAtRandomMoments(_ workflow: Workflow) throws {
        let folder = try TemporaryFolder()
        let out = folder.file("out")
        let variants = try workflow.arguments(in: folder, out: out)
        // The two complete runs, each into `out` (the reports name the output folder), and how long one takes.
        var runs: [[String: Data]] = []
        let start = Date()
        for arguments in variants {
            let run = try SIMSExecutable.run(arguments, in: folder.path)
            try #require(run.status == 0, "\(arguments): \(run.output)")
            if runs.isEmpty { try folder.write("mine", to: "out/notes.txt") }
            runs.append(try #require(Self.snapshot(out)))
        }
        let duration = Date().timeIntervalSince(start) / Double(variants.count)
        try #require(runs[0] != runs[1], "the variants must write different results")

        let seed = TestSeed.value(default: 25)
        var random = SeededGenerator(seed: seed)
        let rounds = Int(ProcessInfo.processInfo.environment["SIMSKIT_KILL_ROUNDS"] ?? "") ?? 3
        let signals: [Int32] = [SIGINT, SIGKILL, SIGTERM]
        for round in 0..<rounds {
            let signal = signals[round % signals.count]
            let context = "\(workflow) seed \(seed) round \(round) signal \(signal)"
            let leftByKill = Set(OutputFolderTests.stagingEntries(in: folder.path))  // removed by the next run that gets far enough
            let process = try SIMSExecutable.start(variants[round % 2], in: folder.path, log: folder.file("log.txt"))
            Thread.sleep(forTimeInterval: duration * 1.2 * Double(random.next() % 1000) / 1000)
            kill(process.processIdentifier, signal)
            let deadline = Date(timeIntervalSinceNow: 30)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning {
                Issue.record("\(context): sims did not end within 30 s of the signal")
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            try Self.expectConsistent(out, oneOf: runs, context)
            if signal != SIGKILL {
                #expect(Set(OutputFolderTests.stagingEntries(in: folder.path)).isSubset(of: leftByKill), "\(context): staging left")
                #expect(!OutputFolderTests.files(in: out).contains { $0.hasSuffix(".tmp") }, "\(context)")
            }
        }
        let last = try SIMSExecutable.run(variants[1], in: folder.path)
        #expect(last.status == 0, "\(last.output)")
        try Self.expectConsistent(out, oneOf: [runs[1]], "\(workflow) re-run")
        #expect(OutputFolderTests.stagingEntries(in: folder.path).isEmpty)
    }

    @Test("sims convert --to imzml killed at random moments (SIGKILL), then re-run: the pair reads, or its error names the parked previous .ibd and renaming it back gives a pair that reads")
    func convertPairKilled() throws {
        let folder = try TemporaryFolder()
        let images = try SmallStudies.images(in: folder)
        let target = folder.file("out/m.imzML")
        let peaks = try folder.write("assignment,lower,upper\nLi+,6.9,7.1\nNi+,57.8,58.1\nCo+,58.8,59.1\n", to: "peaks.csv")
        let arguments = ["convert", images, "--to", "imzml", "--peaks", peaks, "--out", target, "--force"]
        let start = Date()
        let first = try SIMSExecutable.run(arguments, in: folder.path)
        try #require(first.status == 0, "\(first.output)")
        let duration = Date().timeIntervalSince(start)
        let seed = TestSeed.value(default: 25)
        var random = SeededGenerator(seed: seed)
        let rounds = Int(ProcessInfo.processInfo.environment["SIMSKIT_KILL_ROUNDS"] ?? "") ?? 6
        for round in 0..<rounds {
            let process = try SIMSExecutable.start(arguments, in: folder.path, log: folder.file("log.txt"))
            Thread.sleep(forTimeInterval: duration * 1.2 * Double(random.next() % 1000) / 1000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            do {
                _ = try ImzML.open(target)
            } catch {
                // Only a kill between the two renames may leave a mixed pair, and then the previous one is parked.
                let parked = try #require(ImzML.parkedBinaries(of: folder.file("out/m.ibd")).first, "seed \(seed) round \(round): \(error.description)")
                #expect(error.description.contains(parked), "seed \(seed) round \(round): \(error.description)")
                #expect(rename(parked, folder.file("out/m.ibd")) == 0)
                #expect(throws: Never.self) { _ = try ImzML.open(target) }
            }
        }
        let last = try SIMSExecutable.run(arguments, in: folder.path)
        #expect(last.status == 0, "\(last.output)")
        #expect(throws: Never.self) { _ = try ImzML.open(target) }
        #expect(ImzML.parkedBinaries(of: folder.file("out/m.ibd")).isEmpty)
    }
}
