import Foundation
import Testing
@testable import SIMSCore

@Suite("SharedMemo")
struct SharedMemoTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }

    @Test("a value is computed once per key and then shared; every concurrent caller gets the one stored value")
    func computedOnceAndShared() {
        let memo = SharedMemo<Int, [Int]>()
        let calls = Counter()
        #expect(memo.value(for: 3) { calls.increment(); return Array(0..<$0) } == [0, 1, 2])
        #expect(memo.value(for: 3) { _ in calls.increment(); return [] } == [0, 1, 2])
        #expect(calls.count == 1)
        // 8 threads racing on one new key: all see the same value even if several compute it.
        let results = (0..<8).concurrentMap { worker in memo.value(for: 100) { _ in [worker] } }
        #expect(Set(results).count == 1)
        #expect(memo.count == 2)
    }

    @Test("a full memo is emptied before the next value is stored")
    func capacity() {
        let memo = SharedMemo<Int, Int>(capacity: 2)
        for key in 0..<2 { _ = memo.value(for: key) { $0 * 10 } }
        #expect(memo.count == 2)
        #expect(memo.value(for: 5) { $0 * 10 } == 50)
        #expect(memo.count == 1)
        let calls = Counter()
        #expect(memo.value(for: 0) { calls.increment(); return $0 * 10 } == 0)
        #expect(calls.count == 1)  // recomputed after the reset
    }
}
