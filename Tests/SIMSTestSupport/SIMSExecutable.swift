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

    /// Runs `sims arguments…` in `folder` to the end; returns the exit status (128 + N when signal N ended it, as
    /// a shell reports it) and everything it printed.
    /// With a `timeout` (seconds), a run still going then is killed (SIGKILL) and reported as ``timedOut``, so a
    /// hang fails its test instead of stopping the suite.
    @discardableResult
    public static func run(_ arguments: [String], in folder: String, timeout: TimeInterval? = nil) throws -> (status: Int32, output: String) {
        let log = NSTemporaryDirectory() + "/sims-run-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let process = try start(arguments, in: folder, log: log)
        var timedOut = false
        if let timeout {
            let deadline = Date(timeIntervalSinceNow: timeout)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                timedOut = true
            }
        }
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        if timedOut { return (Self.timedOut, output) }
        // A process ended by a signal (a trap is SIGILL or SIGTRAP) reads as the shell shows it: 128 + the signal.
        return (process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus, output)
    }

    /// The status ``run(_:in:timeout:)`` reports for a run it killed at its timeout (no exit status is negative).
    public static let timedOut: Int32 = -1
}
