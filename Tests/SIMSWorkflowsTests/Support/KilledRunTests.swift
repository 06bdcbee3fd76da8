import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

/// #25: "killing any workflow at a random moment (SIGINT, SIGKILL) and re-running it leaves a consistent folder",
/// with the `sims` executable as a child process.
@Suite("killed runs leave a consistent output folder")
struct KilledRunTests {
    /// A small study (3 samples × 4 spots, 12 peaks) and its peak list, so one `sims pca` run takes about a second.
    static func study(in folder: TemporaryFolder) throws -> (root: String, peaks: String) {
        var random = SeededGenerator(seed: 11)
        let masses = (0..<12).map { 10.0 + Double($0) * 7.3 }
        let root = folder.file("study")
        for (s, sample) in ["A", "B", "C"].enumerated() {
            for spot in 1...4 {
                var mass = ContiguousArray<Double>(), intensity = ContiguousArray<Double>()
                for i in 0..<3000 {
                    let m = 5.0 + Double(i) * 0.03
                    var value = 2.0
                    for (k, center) in masses.enumerated() {
                        let level = Double(1 + (k * (s + 2)) % 7)
                        let noise: Double = 1 + 0.05 * random.normal()
                        let z = (m - center) / 0.05
                        value += 100 * level * noise * exp(-0.5 * z * z)
                    }
                    mass.append(m)
                    intensity.append(value.rounded())
                }
                try IONTOFSpectrumFormat.write(Spectrum(mass: mass, intensity: intensity, channel: nil, metadata: [:]),
                                               to: root + "/\(sample)/\(sample)_\(spot).txt")
            }
        }
        let list = "assignment,lower,upper\n" + masses.enumerated().map { "X\($0.offset)-,\($0.element - 0.15),\($0.element + 0.15)" }.joined(separator: "\n") + "\n"
        return (root, try folder.write(list, to: "peaks.csv"))
    }

    /// Whether `out` holds exactly one complete run: its manifest lists exactly the files there (besides the user's
    /// `notes.txt`), and the number of per-PC loading files is the component count its provenance states.
    /// Returns that count (nil when the folder does not exist yet).
    static func consistentRun(_ out: String) throws -> Int? {
        guard FileManager.default.fileExists(atPath: out) else { return nil }
        let listed = try OutputFolderTests.manifest(of: out)
        let present = OutputFolderTests.files(in: out).filter { $0 != OutputFolder.manifestName && $0 != "notes.txt" }
        #expect(listed == present, "manifest and folder disagree")
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/provenance.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let settings = try #require(object["settings"] as? [[String: String]])
        let components = try #require(Int(settings.first { $0["name"] == "components" }?["value"] ?? ""))
        #expect(present.filter { $0.hasPrefix("results/loadings_PC") }.count == components, "a mix of two runs")
        #expect(FileManager.default.fileExists(atPath: out + "/notes.txt"), "the user's file is gone")
        return components
    }

    @Test("pca killed at random moments (SIGINT, SIGTERM, SIGKILL), then re-run: always one complete run, the user's file kept, nothing hidden left after SIGINT/SIGTERM")
    func killAtRandomMoments() throws {
        let folder = try TemporaryFolder()
        let (root, peaks) = try Self.study(in: folder)
        let out = folder.file("out")
        func arguments(_ components: Int) -> [String] {
            ["pca", root, "--peaks", peaks, "--components", "\(components)", "--clusters", "none", "--no-plots", "--out", out]
        }
        let start = Date()
        let first = try SIMSExecutable.run(arguments(4), in: folder.path)
        let duration = Date().timeIntervalSince(start)
        #expect(first.status == 0, "\(first.output)")
        try folder.write("mine", to: "out/notes.txt")
        #expect(try Self.consistentRun(out) == 4)

        var random = SeededGenerator(seed: UInt64(Date().timeIntervalSince1970))
        let rounds = Int(ProcessInfo.processInfo.environment["SIMSKIT_KILL_ROUNDS"] ?? "") ?? 6
        let signals: [Int32] = [SIGINT, SIGKILL, SIGTERM]
        for round in 0..<rounds {
            let signal = signals[round % signals.count]
            let components = round % 2 == 0 ? 2 : 3
            let leftByKill = Set(OutputFolderTests.stagingEntries(in: folder.path))  // removed by the next run that gets far enough
            let process = try SIMSExecutable.start(arguments(components), in: folder.path, log: folder.file("log.txt"))
            Thread.sleep(forTimeInterval: duration * 1.2 * Double(random.next() % 1000) / 1000)
            kill(process.processIdentifier, signal)
            let deadline = Date(timeIntervalSinceNow: 30)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning {
                Issue.record("round \(round): sims did not end within 30 s of signal \(signal)")
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            let found = try Self.consistentRun(out)
            #expect(found == 4 || found == 2 || found == 3, "round \(round): \(String(describing: found))")
            if signal != SIGKILL {
                #expect(Set(OutputFolderTests.stagingEntries(in: folder.path)).isSubset(of: leftByKill), "round \(round): staging left after signal \(signal)")
                #expect(!OutputFolderTests.files(in: out).contains { $0.hasSuffix(".tmp") })
            }
        }
        let last = try SIMSExecutable.run(arguments(2), in: folder.path)
        #expect(last.status == 0, "\(last.output)")
        #expect(try Self.consistentRun(out) == 2)
        #expect(OutputFolderTests.stagingEntries(in: folder.path).isEmpty)
    }
}
