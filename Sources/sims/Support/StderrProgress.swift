#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SIMSWorkflows

/// Writes `text` to standard error unbuffered (file descriptor 2).
func printToStderr(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

/// Progress and warnings on stderr, so stdout stays clean for results (`--json`).
struct StderrProgress: ProgressReporting {
    /// Print nothing but warnings.
    var quiet = false

    func report(task: String, completed: Int, total: Int) {
        guard !quiet else { return }
        let line = total > 0 ? "\r\(task): \(completed)/\(total)" : "\r\(task)…"
        printToStderr(line + (completed >= total ? "\n" : ""))
    }

    func warn(_ message: String) {
        printToStderr("warning: \(message)\n")
    }
}

/// Exit codes of `sims`: 0 success, 1 error, 3 completed with errors (some inputs skipped), 64 usage.
enum ExitStatus {
    /// Some inputs failed and were skipped; results cover the rest.
    static let completedWithErrors: Int32 = 3
}
