/// The text of a progress report, for a terminal (one line rewritten in place: a bar, counts, time left) or a
/// log (whole lines at every tenth of the work and at the end).
///
/// Time left is the elapsed time × remaining ÷ completed steps (steps assumed alike); it is shown once a
/// step is done and a second has passed, so the first, noisy estimates are not.
public enum ProgressLine {
    /// `reading spectra [██████░░░░░░░░░░] 135/270 · 50 % · 1 min 10 s left` (no newline; the caller prefixes `\r`).
    public static func bar(task: String, completed: Int, total: Int, elapsed: Double, width: Int = 20) -> String {
        let fraction = total > 0 ? min(1, max(0, Double(completed) / Double(total))) : 0
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "\(task) [\(bar)] \(completed)/\(total) · \(Int((fraction * 100).rounded(.down))) %" + suffix(completed: completed, total: total, elapsed: elapsed, separator: " · ")
    }

    /// `drawing figures: 135/270 (50 %, 1 min 10 s left)` — one whole line for logs.
    public static func line(task: String, completed: Int, total: Int, elapsed: Double) -> String {
        guard total > 0 else { return "\(task)…" }
        let percent = Int((Double(min(completed, total)) / Double(total) * 100).rounded(.down))
        if completed >= total { return "\(task): \(total)/\(total) (done in \(duration(elapsed)))" }
        return "\(task): \(completed)/\(total) (\(percent) %" + suffix(completed: completed, total: total, elapsed: elapsed, separator: ", ") + ")"
    }

    /// Whether a log line is due for `completed` of `total`: the start, each new tenth, and the end.
    public static func isLogLineDue(completed: Int, total: Int) -> Bool {
        guard total > 0 else { return true }
        return completed == 0 || completed >= total || completed * 10 / total != (completed - 1) * 10 / total
    }

    static func suffix(completed: Int, total: Int, elapsed: Double, separator: String) -> String {
        guard completed > 0, completed < total, elapsed >= 1 else { return "" }
        let left = elapsed / Double(completed) * Double(total - completed)
        return separator + duration(left) + " left"
    }

    /// `45 s`, `1 min 10 s`, `2 h 05 min`.
    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(s % 60) s" }
        let minutes = (s % 3600) / 60
        return "\(s / 3600) h " + (minutes < 10 ? "0" : "") + "\(minutes) min"
    }
}
