import Foundation
import SIMSCore
import Synchronization

/// Runs long synchronous work (an imzML index, the assignment library) on a Dispatch thread, off both the
/// ``ViewStore`` actor and Swift's cooperative thread pool (two threads on a 2-core machine: a minutes-long
/// build there would stall the server's request handling).
func inBackground<T: Sendable, E: Error>(_ work: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
    let result: Result<T, E> = await withCheckedContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            do throws(E) { continuation.resume(returning: .success(try work())) } catch { continuation.resume(returning: .failure(error)) }
        }
    }
    return try result.get()
}

/// How far a background load has come (`/api/imageset` reports it while an imzML is being indexed).
final class LoadProgress: Sendable {
    struct Snapshot: Sendable {
        /// What is being done (``RetrospectiveIndex/Phase`` raw value, or `opening`).
        var phase: String
        var done: Int
        var total: Int
        var finished: Bool
        /// Seconds since the load started.
        var seconds: Double
    }

    private let state = Mutex((phase: "opening", done: 0, total: 0, finished: false))
    private let start = ContinuousClock.now

    func report(_ phase: String, done: Int, total: Int) { state.withLock { $0.phase = phase; $0.done = done; $0.total = total } }

    func finish() { state.withLock { $0.finished = true } }

    var snapshot: Snapshot {
        let s = state.withLock { $0 }
        let elapsed = ContinuousClock.now - start
        return Snapshot(phase: s.phase, done: s.done, total: s.total, finished: s.finished,
                        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}
