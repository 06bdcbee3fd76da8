#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SIMSWorkflows

/// Progress and warnings on stderr, so stdout stays clean for results (`--json`).
struct StderrProgress: ProgressReporting {
    /// Print nothing but warnings.
    var quiet = false

    func report(task: String, completed: Int, total: Int) {
        guard !quiet else { return }
        let line = total > 0 ? "\r\(task): \(completed)/\(total)" : "\r\(task)…"
        fputs(line + (completed >= total ? "\n" : ""), stderr)
    }

    func warn(_ message: String) {
        fputs("warning: \(message)\n", stderr)
    }
}

/// Exit codes of `sims`: 0 success, 1 error, 3 completed with errors (some inputs skipped), 64 usage.
enum ExitStatus {
    /// Some inputs failed and were skipped; results cover the rest.
    static let completedWithErrors: Int32 = 3
}
