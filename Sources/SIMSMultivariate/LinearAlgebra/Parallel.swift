import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits independent work over the machine's cores (Grand Central Dispatch `concurrentPerform`).
enum Parallel {
    /// Number of worker threads used by the dense kernels (online processors, at least 1).
    static let workers: Int = {
        #if canImport(Glibc) || canImport(Darwin)
        let n = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return max(1, n)
        #else
        return 1
        #endif
    }()

    /// Runs `body(worker)` for `worker` in `0..<count`, concurrently when `count > 1`.
    static func run(_ count: Int, _ body: (Int) -> Void) {
        if count <= 1 { body(0); return }
        // The workers only write disjoint memory (callers' contract), so handing the closure to other threads is
        // safe even though the type system cannot see it.
        withoutActuallyEscaping(body) { escapable in
            let sendable = unsafeBitCast(escapable, to: (@Sendable (Int) -> Void).self)
            DispatchQueue.concurrentPerform(iterations: count, execute: sendable)
        }
    }
}

/// A raw pointer shared by workers that write disjoint parts of one buffer.
struct SharedPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
