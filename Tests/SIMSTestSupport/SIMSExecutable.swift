import Foundation
import SIMSCore

/// The `sims` program built beside the test bundle (`swift build --build-tests` / `swift test` build it), run as
/// a child process for tests that need a real process: signals, the current folder, exit codes.
public enum SIMSExecutable {
    /// Its path; throws (a loud failure) when it has not been built.
    public static func path() throws -> String {
        let bundleFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidate = bundleFolder.appendingPathComponent("sims").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw SIMSError(.fileNotFound, "the sims executable is not built beside the tests (run `swift build --build-tests`)", file: candidate)
        }
        return candidate
    }

    /// Starts `sims arguments…` in `folder`; its stdout and stderr go to `log` (a file path) so a chatty run cannot block.
    public static func start(_ arguments: [String], in folder: String, log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Runs `sims arguments…` in `folder` to the end; returns the exit status and everything it printed.
    @discardableResult
    public static func run(_ arguments: [String], in folder: String) throws -> (status: Int32, output: String) {
        let log = NSTemporaryDirectory() + "/sims-run-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let process = try start(arguments, in: folder, log: log)
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output)
    }
}
