import Foundation
import SIMSTestSupport
import Testing

/// `sims bench … --out FILE` follows the output-file rules of every command (`OutputFile`): written atomically,
/// an existing file only with `--force`, never a folder (`--out .`) and never an input — checked before the
/// benchmark runs.
@Suite("sims bench --out: the output-file rules")
struct BenchmarkReportOutputTests {
    /// The smallest benchmark: τ of an 8³ volume, no SciPy (≈ 0.1 s).
    static let tiny = ["bench", "tortuosity", "--size", "8", "--scipy-size", "0"]

    @Test("a new file gets the JSON report and nothing else is left in its folder; an existing one needs --force")
    func newAndExisting() throws {
        let folder = try TemporaryFolder()
        let (status, output) = try SIMSExecutable.run(Self.tiny + ["--out", "report.json"], in: folder.path)
        #expect(status == 0, "\(output)")
        let written = try Data(contentsOf: URL(fileURLWithPath: folder.file("report.json")))
        #expect(try JSONSerialization.jsonObject(with: written) is [String: Any])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])

        try folder.write("previous\n", to: "report.json")
        let (refused, message) = try SIMSExecutable.run(Self.tiny + ["--out", "report.json"], in: folder.path)
        #expect(refused != 0)
        #expect(message.contains("report.json") && message.contains("--force"), "\(message)")
        #expect(try String(contentsOfFile: folder.file("report.json"), encoding: .utf8) == "previous\n")

        let (forced, forcedOutput) = try SIMSExecutable.run(Self.tiny + ["--out", "report.json", "--force"], in: folder.path)
        #expect(forced == 0, "\(forcedOutput)")
        let replaced = try Data(contentsOf: URL(fileURLWithPath: folder.file("report.json")))
        #expect(try JSONSerialization.jsonObject(with: replaced) is [String: Any])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
    }

    @Test("--out . and --out of a folder are refused as a folder in the way, also with --force")
    func folderInTheWay() throws {
        let folder = try TemporaryFolder()
        for out in [".", folder.path + "/", "sub"] {
            try FileManager.default.createDirectory(atPath: folder.file("sub"), withIntermediateDirectories: true)
            let (status, output) = try SIMSExecutable.run(Self.tiny + ["--out", out, "--force"], in: folder.path)
            #expect(status != 0)
            #expect(output.contains("a folder is in the way"), "--out \(out): \(output)")
        }
    }

    @Test("a file of the benchmark's input folder is never written over, even with --force; the run does not start")
    func neverAnInput() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("not a spectrum\n", to: "exports/a.txt")
        let (status, output) = try SIMSExecutable.run(["bench", "parse", "--folder", "exports", "--no-numpy", "--repetitions", "1",
                                                       "--out", "exports/a.txt", "--force"], in: folder.path)
        #expect(status != 0)
        #expect(output.contains("also an input"), "\(output)")
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "not a spectrum\n")
        // A new file inside the input folder is fine (as for output folders): the check passes and the benchmark
        // itself then fails on the file that is not a spectrum.
        let (_, newOutput) = try SIMSExecutable.run(["bench", "parse", "--folder", "exports", "--no-numpy", "--repetitions", "1",
                                                    "--out", "exports/new.json"], in: folder.path)
        #expect(!newOutput.contains("also an input") && !newOutput.contains("exists"), "\(newOutput)")
    }
}
