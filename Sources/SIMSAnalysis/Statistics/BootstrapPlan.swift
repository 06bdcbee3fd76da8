import Foundation
import SIMSCore

/// The draws of a seeded bootstrap of `sampleSize` observations: for each of `resamples` resamples, the indices
/// drawn with replacement, in draw order (row-major, one row per resample).
///
/// The draws depend only on (sample size, resamples, seed), never on the values, so every group of a study
/// with the same number of spots resamples the same index sequences (``SampleSummary`` seeds every group
/// alike). Drawing them once per sample size and reusing them gives exactly the numbers of drawing them anew —
/// the same generator (``SplitMix64``), the same order, the same sums — at the cost of a gather: in
/// `sims spectra` (26 400 groups × 2000 resamples × ~4 spots) drawing was the largest part of the statistics.
struct BootstrapPlan: Sendable {
    /// Observations per resample (n).
    let sampleSize: Int
    /// Resamples (B).
    let resamples: Int
    /// B × n indices in `0..<n`, resample by resample in draw order.
    let indices: ContiguousArray<UInt8>

    /// Largest sample size a plan is kept for (indices are stored as bytes); larger samples draw directly.
    static let largestSampleSize = 256

    /// Draws the plan: identical to `resamples × sampleSize` calls of `nextIndex(below: sampleSize)` on
    /// `SplitMix64(seed: seed)`.
    init(sampleSize: Int, resamples: Int, seed: UInt64) {
        precondition(sampleSize > 0 && sampleSize <= Self.largestSampleSize && resamples >= 0)
        self.sampleSize = sampleSize
        self.resamples = resamples
        var generator = SplitMix64(seed: seed)
        indices = ContiguousArray(unsafeUninitializedCapacity: sampleSize * resamples) { buffer, count in
            for position in 0..<buffer.count { buffer[position] = UInt8(truncatingIfNeeded: generator.nextIndex(below: sampleSize)) }
            count = buffer.count
        }
    }

    /// The plan for (n, B, seed), drawn at the first request and then shared (at most a few dozen plans of
    /// ≤ 0.5 MB are kept: studies have few distinct numbers of spots per sample); `nil` when n is too large.
    static func shared(sampleSize: Int, resamples: Int, seed: UInt64) -> BootstrapPlan? {
        guard sampleSize <= largestSampleSize, resamples <= 100_000 else { return nil }
        return cache.value(for: Key(sampleSize: sampleSize, resamples: resamples, seed: seed)) {
            BootstrapPlan(sampleSize: $0.sampleSize, resamples: $0.resamples, seed: $0.seed)
        }
    }

    private struct Key: Hashable, Sendable { var sampleSize: Int, resamples: Int, seed: UInt64 }

    private static let cache = SharedMemo<Key, BootstrapPlan>(capacity: 64)
}
