import Foundation
import SIMSCore

/// Counts finished items of work that runs on several threads and reports `completed of total` to a
/// ``ProgressReporting`` as each one finishes (counts only rise, whatever order items finish in).
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var completed = 0
    private let task: String
    private let total: Int
    private let progress: any SIMSCore.ProgressReporting

    /// Reports 0 of `total` now.
    init(task: String, total: Int, progress: any SIMSCore.ProgressReporting) {
        self.task = task
        self.total = total
        self.progress = progress
        progress.report(task: task, completed: 0, total: total)
    }

    /// One more item is done.
    func advance() {
        lock.withLock {
            completed += 1
            progress.report(task: task, completed: completed, total: total)
        }
    }
}
