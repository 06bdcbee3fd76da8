#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import SIMSWorkflows

/// Writes `text` to standard error unbuffered (file descriptor 2).
func printToStderr(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

/// Progress and warnings on stderr, so stdout stays clean for results (`--json`).
///
/// On a terminal one line is rewritten in place (`\r`); when stderr is a file or pipe (CI logs, `2> log`)
/// whole lines are written at every tenth of the work and at the end, so logs stay readable.
struct StderrProgress: ProgressReporting {
    /// Print nothing but warnings.
    var quiet = false
    /// Whether stderr is a terminal.
    private let isTerminal = isatty(2) != 0

    func report(task: String, completed: Int, total: Int) {
        guard !quiet else { return }
        guard total > 0 else {
            printToStderr(isTerminal ? "\r\(task)…" : "\(task)…\n")
            return
        }
        let done = completed >= total
        if isTerminal {
            printToStderr("\r\(task): \(completed)/\(total)" + (done ? "\n" : ""))
        } else if done || completed == 0 || completed * 10 / total != (completed - 1) * 10 / total {
            printToStderr("\(task): \(completed)/\(total)\n")
        }
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

extension StderrProgress {
    /// Ends a workflow command: its warnings and failures on stderr, the one-line `summary` on stdout, and exit
    /// code 3 when some inputs failed (``ExitStatus/completedWithErrors``).
    func finish(_ record: RunRecord, summary: String) throws {
        try finish([record], summary: summary)
    }

    /// Ends a command that ran one study per polarity: every run's warnings and failures (each prefixed with its
    /// sub-folder when there are several), then `summary`.
    func finish(_ records: [RunRecord], labels: [String]? = nil, summary: String) throws {
        for (number, record) in records.enumerated() {
            let prefix = labels.map { $0[number] + ": " } ?? ""
            for warning in record.warnings { warn(prefix + warning) }
            for failure in record.failures { printToStderr("error: \(prefix)\(failure.message)\n") }
        }
        print(summary)
        if records.contains(where: { $0.outcome == .completedWithErrors }) { throw ExitCode(ExitStatus.completedWithErrors) }
    }
}
