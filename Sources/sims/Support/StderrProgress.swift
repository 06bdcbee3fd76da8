#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import SIMSReport
import SIMSWorkflows

/// Writes `text` to standard error unbuffered (file descriptor 2).
func printToStderr(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

/// Progress and warnings on stderr, so stdout stays clean for results (`--json`).
///
/// On a terminal one line is rewritten in place (`\r`): a bar with counts and the time left
/// (``ProgressLine/bar(task:completed:total:elapsed:width:)``); when stderr is a file or pipe (CI logs,
/// `2> log`) whole lines are written at every tenth of the work and at the end (``ProgressLine/line(task:completed:total:elapsed:)``),
/// so logs stay readable.
struct StderrProgress: SIMSCore.ProgressReporting {
    /// Print nothing but warnings.
    var quiet = false
    /// Whether stderr is a terminal.
    private let isTerminal = isatty(2) != 0
    /// When each task started (monotonic seconds), for the time left.
    private let clock = TaskClock()

    func report(task: String, completed: Int, total: Int) {
        guard !quiet else { return }
        let elapsed = clock.elapsed(task: task, completed: completed)
        guard total > 0 else {
            printToStderr(isTerminal ? "\r\(task)…" : "\(task)…\n")
            return
        }
        let done = completed >= total
        if isTerminal {
            // \u{1B}[K clears what a longer previous line left behind.
            printToStderr("\r" + ProgressLine.bar(task: task, completed: completed, total: total, elapsed: elapsed) + "\u{1B}[K" + (done ? "\n" : ""))
        } else if ProgressLine.isLogLineDue(completed: completed, total: total) {
            printToStderr(ProgressLine.line(task: task, completed: completed, total: total, elapsed: elapsed) + "\n")
        }
    }

    func warn(_ message: String) {
        printToStderr("warning: \(message)\n")
    }
}

/// Start times of the tasks being reported (a task restarts when it reports 0 completed steps).
final class TaskClock: @unchecked Sendable {
    private let lock = NSLock()
    private var starts: [String: Double] = [:]

    /// Seconds since `task` started.
    func elapsed(task: String, completed: Int) -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let seconds = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        lock.lock()
        defer { lock.unlock() }
        if completed == 0 || starts[task] == nil { starts[task] = seconds }
        return seconds - starts[task]!
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
            // The lines and the tally of the report (Table III's warnings included), so the numbers agree.
            let reported = record.reportedWarnings
            for warning in reported.lines { warn(prefix + warning) }
            if reported.count > reported.lines.count {
                printToStderr("\(prefix)\(Provenance.warningSummary(count: reported.count, kinds: reported.lines.count)); every one in results/warnings.csv\n")
            }
            for failure in record.failures { printToStderr("error: \(prefix)\(failure.message)\n") }
        }
        print(summary)
        if records.contains(where: { $0.outcome == .completedWithErrors }) { throw ExitCode(ExitStatus.completedWithErrors) }
    }
}
