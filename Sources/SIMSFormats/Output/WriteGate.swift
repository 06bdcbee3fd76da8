import Foundation

/// Lets an interrupted process stop writing before it removes its unfinished outputs.
///
/// Every file SIMSKit writes goes through ``write(_:)`` (``AtomicFile`` and the streaming imzML writer do this),
/// and long-lived temporary files are registered with ``registerTemporary(_:)``. On SIGINT/SIGTERM the CLI calls
/// ``close()``: it waits until the writes in progress have finished (each either renamed its temporary file into
/// place or removed it), after which no new write starts (a write that tries blocks until the process exits), and
/// returns the temporary files still registered so they can be removed. The run's staging folder is then removed
/// and nothing hidden is left behind (docs/reliability.md).
public enum WriteGate {
    nonisolated(unsafe) private static let condition = NSCondition()
    nonisolated(unsafe) private static var writesInProgress = 0
    nonisolated(unsafe) private static var closed = false
    nonisolated(unsafe) private static var temporaries: Set<String> = []

    /// Runs `body` as one write (it may create, fill and rename a temporary file).
    public static func write<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        condition.lock()
        while closed { condition.wait() }  // the process is exiting; never returns
        writesInProgress += 1
        condition.unlock()
        defer {
            condition.lock()
            writesInProgress -= 1
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }

    /// Registers a temporary file that outlives one ``write(_:)`` (e.g. an .ibd filled spectrum by spectrum).
    public static func registerTemporary(_ path: String) {
        condition.lock()
        temporaries.insert(path)
        condition.unlock()
    }

    /// Forgets a temporary file registered with ``registerTemporary(_:)`` (renamed into place or removed).
    public static func unregisterTemporary(_ path: String) {
        condition.lock()
        temporaries.remove(path)
        condition.unlock()
    }

    /// Stops all writing: waits (at most `timeout` seconds) for the writes in progress, blocks every later one,
    /// and returns the registered temporary files for the caller to remove. Called once, when the process exits on
    /// a signal.
    public static func close(timeout: TimeInterval = 10) -> [String] {
        condition.lock()
        closed = true
        let deadline = Date(timeIntervalSinceNow: timeout)
        while writesInProgress > 0, condition.wait(until: deadline) {}
        let left = Array(temporaries)
        condition.unlock()
        return left
    }
}
