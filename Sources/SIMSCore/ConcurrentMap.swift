import Dispatch

extension RandomAccessCollection where Self: Sendable, Element: Sendable, Index == Int {
    /// `map(transform)` with the elements spread over all cores (`DispatchQueue.concurrentPerform`), results
    /// in the collection's order, so output is deterministic whatever the scheduling.
    ///
    /// At most one element per core is in flight at a time, and each result is stored as soon as it is
    /// made: memory is bounded by the results plus one element's working set per core. Use it for
    /// independent per-file or per-item work (reading and parsing files, per-measurement analysis); the
    /// transform must not depend on the order in which elements run.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let count = self.count
        guard count > 1 else { return map(transform) }
        let start = startIndex
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each iteration writes a distinct slot exactly once; concurrentPerform returns after all of them.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: count) { offset in
                (slots.baseAddress! + offset).initialize(to: transform(self[start + offset]))
            }
            initialized = count
        }
    }
}
