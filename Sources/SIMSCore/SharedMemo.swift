import Foundation

/// A thread-safe memo shared by every caller in the process: the value for a key is computed at the first
/// request and then reused (null distributions of a test statistic, bootstrap draws, quantiles — the same few
/// keys recur thousands of times in a study).
///
/// The computation runs outside the lock, so callers with other keys never wait for it; two callers computing
/// the same key at once both compute, and the first value stored is the one every caller gets. With a
/// `capacity`, the memo is emptied when it is full (the workloads it serves have few distinct keys, so a simple
/// reset bounds the memory without bookkeeping).
public final class SharedMemo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]
    private let capacity: Int

    /// An empty memo holding at most `capacity` values.
    public init(capacity: Int = .max) {
        precondition(capacity > 0, "a memo needs room for one value")
        self.capacity = capacity
    }

    /// The value stored for `key`, computed by `make` and stored when there is none.
    public func value(for key: Key, computing make: (Key) -> Value) -> Value {
        if let known = lock.withLock({ values[key] }) { return known }
        let made = make(key)
        return lock.withLock {
            if let stored = values[key] { return stored }
            if values.count >= capacity { values.removeAll() }
            values[key] = made
            return made
        }
    }

    /// The number of values stored.
    public var count: Int { lock.withLock { values.count } }
}
