#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Descriptive statistics of one sample (e.g. one peak's normalized areas over the spots of one sample).
///
/// - sd uses n − 1 (Bessel); quartiles and median use linear interpolation between order statistics
///   (Hyndman & Fan 1996 type 7, NumPy's and R's default);
/// - the t-based 95 % CI of the mean is `mean ± t_{0.975, n−1} · sd/√n` (Student 1908);
/// - the bootstrap CI is the percentile interval of the mean over `resamples` seeded resamples
///   (Efron & Tibshirani 1993, §13.3); `nil` when n < 2.
public struct SampleSummary: Sendable, Hashable {
    /// Number of finite values used.
    public var n: Int
    /// Arithmetic mean; NaN-free: `nil` when n = 0.
    public var mean: Double?
    /// Sample standard deviation (n − 1); `nil` when n < 2.
    public var sd: Double?
    /// Median (type 7).
    public var median: Double?
    /// First quartile (type 7).
    public var q1: Double?
    /// Third quartile (type 7).
    public var q3: Double?
    /// Smallest value.
    public var min: Double?
    /// Largest value.
    public var max: Double?
    /// t-based confidence interval of the mean; `nil` when n < 2.
    public var tInterval: ClosedRange<Double>?
    /// Bootstrap percentile confidence interval of the mean; `nil` when n < 2.
    public var bootstrapInterval: ClosedRange<Double>?

    /// Interquartile range q3 − q1.
    public var iqr: Double? { q1.flatMap { q1 in q3.map { $0 - q1 } } }
    /// Standard error of the mean sd/√n.
    public var standardError: Double? { sd.map { $0 / Double(n).squareRoot() } }

    /// Summarizes `values` (non-finite values are ignored).
    /// - Parameters:
    ///   - values: the observations (one per spot).
    ///   - confidence: level of both intervals (default 0.95).
    ///   - resamples: bootstrap resamples (default 2000; 0 disables the bootstrap).
    ///   - seed: bootstrap seed, so that results are reproducible.
    public init<C: Collection>(_ values: C, confidence: Double = 0.95, resamples: Int = 2000, seed: UInt64 = 20230807)
    where C.Element == Double {
        let sorted = values.filter(\.isFinite).sorted()
        n = sorted.count
        guard n > 0 else { return }
        let mean = SampleSummary.mean(sorted)
        self.mean = mean
        min = sorted.first
        max = sorted.last
        median = SampleSummary.quantile(sorted: sorted, 0.5)
        q1 = SampleSummary.quantile(sorted: sorted, 0.25)
        q3 = SampleSummary.quantile(sorted: sorted, 0.75)
        guard n > 1 else { return }
        let sd = SampleSummary.standardDeviation(sorted, mean: mean)
        self.sd = sd
        let t = StudentT.cachedQuantile(0.5 + confidence / 2, degreesOfFreedom: n - 1)
        let half = t * sd / Double(n).squareRoot()
        tInterval = (mean - half)...(mean + half)
        if resamples > 0 {
            bootstrapInterval = SampleSummary.bootstrapMeanInterval(sorted, confidence: confidence, resamples: resamples, seed: seed)
        }
    }

    /// Sample standard deviation (n − 1) about `mean`, summed in the order given.
    static func standardDeviation(_ values: [Double], mean: Double) -> Double {
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }

    /// Mean by compensated (Kahan–Neumaier) summation.
    static func mean(_ values: [Double]) -> Double {
        var sum = 0.0, compensation = 0.0
        for value in values {
            let t = sum + value
            if abs(sum) >= abs(value) { compensation += (sum - t) + value } else { compensation += (value - t) + sum }
            sum = t
        }
        return (sum + compensation) / Double(values.count)
    }

    /// Type-7 quantile of ascending `sorted` at probability `p` (0…1): `x[h₀] + (h − h₀)(x[h₀+1] − x[h₀])`
    /// with `h = (n − 1) p` (0-based).
    public static func quantile(sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty)
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// Percentile bootstrap interval of the mean.
    ///
    /// The two type-7 percentiles need only four order statistics of the resampled means, so they are
    /// selected (``OrderStatistics``, expected O(resamples)) instead of sorting all of them
    /// (O(resamples · log resamples)); the values, and so the interval, are exactly those of a full sort.
    static func bootstrapMeanInterval(_ values: [Double], confidence: Double, resamples: Int, seed: UInt64) -> ClosedRange<Double> {
        var means = [Double](repeating: 0, count: resamples)
        let n = values.count
        values.withUnsafeBufferPointer { buffer in
            if let plan = BootstrapPlan.shared(sampleSize: n, resamples: resamples, seed: seed) {
                // The same draws as below, drawn once per sample size (see BootstrapPlan).
                plan.indices.withUnsafeBufferPointer { indices in
                    var position = 0
                    for r in 0..<resamples {
                        var sum = 0.0
                        for _ in 0..<n { sum += buffer[Int(indices[position])]; position += 1 }
                        means[r] = sum / Double(n)
                    }
                }
            } else {
                var generator = SplitMix64(seed: seed)
                for r in 0..<resamples {
                    var sum = 0.0
                    for _ in 0..<n { sum += buffer[generator.nextIndex(below: n)] }
                    means[r] = sum / Double(n)
                }
            }
        }
        let alpha = (1 - confidence) / 2
        return means.withUnsafeMutableBufferPointer { buffer in
            var selection = OrderStatistics(buffer)
            return selection.quantile(alpha)...selection.quantile(1 - alpha)
        }
    }
}

/// Type-7 quantiles (``SampleSummary/quantile(sorted:_:)``) of an unsorted buffer by selection: each asks
/// for the order statistics x₍ₕ₀₎ and x₍ₕ₀₊₁₎ only, found with a bounded heap in the tails and otherwise by
/// Hoare's quickselect (C. A. R. Hoare, Comm. ACM 4 (1961) 321, "FIND") with median-of-three pivots, like
/// C++'s `std::nth_element`. The buffer is
/// reordered; requests may come in any order and reuse the partitions of earlier ones. Values must not be NaN.
struct OrderStatistics {
    private let values: UnsafeMutableBufferPointer<Double>

    init(_ values: UnsafeMutableBufferPointer<Double>) {
        precondition(!values.isEmpty)
        self.values = values
    }

    /// Same arithmetic as ``SampleSummary/quantile(sorted:_:)`` on the sorted values, so the same result.
    ///
    /// Percentiles in the tails (the bootstrap's 2.5 % and 97.5 %: order statistics 49 and 1950 of 2000) are
    /// found in one pass with a bounded heap of the m = h₀ + 2 smallest (or largest) values — about one
    /// comparison per value, as most values cannot enter the heap; central ones by quickselect.
    mutating func quantile(_ p: Double) -> Double {
        let count = values.count
        let h = Double(count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, count - 1)
        var low: Double, high: Double
        if upper > lower && lower + 2 <= count / 4 {
            (high, low) = extremes(lower + 2, largest: false)  // x₍ₕ₀₊₁₎ is the heap's root, x₍ₕ₀₎ below it
        } else if upper > lower && count - lower <= count / 4 {
            (low, high) = extremes(count - lower, largest: true)
        } else {
            low = select(lower)
            // After selecting `lower`, every value right of it is ≥ it: the next order statistic is their minimum.
            high = low
            if upper > lower {
                high = values[upper]
                for index in (upper + 1)..<count where values[index] < high { high = values[index] }
            }
        }
        return low + (h - Double(lower)) * (high - low)
    }

    /// The m-th and (m−1)-th smallest values (`largest`: the m-th and (m−1)-th largest), 2 ≤ m ≤ count, from a
    /// heap of the m most extreme values seen, whose root is the least extreme of them (J. W. J. Williams,
    /// Comm. ACM 7 (1964) 347). Returns (root, the more extreme of its two children).
    private func extremes(_ m: Int, largest: Bool) -> (Double, Double) {
        if let found = extremesBelowSampledThreshold(m, largest: largest) { return found }
        return extremesByHeap(m, largest: largest)
    }

    /// The same two values as ``extremesByHeap(_:largest:)`` by sampling (R. W. Floyd & R. L. Rivest, Comm.
    /// ACM 18 (1975) 165): a threshold t from a strided sample of 128 values, at a rank 4 binomial standard
    /// deviations past the expected rank of the m-th value, so that almost surely at least m values are ≤ t;
    /// one branch-free pass keeps the values ≤ t, and only among those few is the m-th selected. If at least m values are ≤ t,
    /// the m smallest values are all among them, so the result is exact whatever the sample; `nil` (use the
    /// heap) when fewer passed or the buffer is small. In `sims spectra` the heap's sift-downs were a fifth of
    /// the whole run.
    private func extremesBelowSampledThreshold(_ m: Int, largest: Bool) -> (Double, Double)? {
        let count = values.count, sampleSize = 128
        guard count >= 8 * sampleSize else { return nil }
        let expected = Double(m) * Double(sampleSize) / Double(count)
        let rank = Int((expected + 4 * expected.squareRoot() + 2).rounded(.up))
        guard rank < sampleSize / 4 else { return nil }
        let sign: Double = largest ? -1 : 1
        let stride = count / sampleSize
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { scratch -> (Double, Double)? in
            let sample = UnsafeMutableBufferPointer(rebasing: scratch[0..<sampleSize])
            for index in 0..<sampleSize { sample[index] = sign * values[index * stride] }
            var sampleSelection = OrderStatistics(sample)
            let threshold = sampleSelection.select(rank)
            var kept = 0
            for index in 0..<count {
                let value = sign * values[index]
                scratch[kept] = value
                kept &+= value <= threshold ? 1 : 0
            }
            guard kept >= m else { return nil }
            // The m-th smallest candidate by selection; the m − 1 values left of it are the smaller ones, and the
            // largest of them is the (m − 1)-th smallest. (Swift's `sort` is a stable merge sort: sorting the
            // sample and the candidates cost more than the heap it replaced.)
            let candidates = UnsafeMutableBufferPointer(rebasing: scratch[0..<kept])
            var candidateSelection = OrderStatistics(candidates)
            let mth = candidateSelection.select(m - 1)
            var previous = candidates[0]
            for index in 1..<(m - 1) where candidates[index] > previous { previous = candidates[index] }
            return (sign * mth, sign * previous)
        }
    }

    /// The m-th and (m−1)-th smallest (or largest) values from a bounded heap; see ``extremes(_:largest:)``.
    private func extremesByHeap(_ m: Int, largest: Bool) -> (Double, Double) {
        // Flip signs for the largest values so one max-heap serves both (negation is exact).
        let sign: Double = largest ? -1 : 1
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: m) { heap in
            func siftDown(_ start: Int) {
                var parent = start
                while true {
                    let left = 2 * parent + 1
                    guard left < m else { return }
                    let right = left + 1
                    let child = right < m && heap[right] > heap[left] ? right : left
                    guard heap[child] > heap[parent] else { return }
                    heap.swapAt(child, parent)
                    parent = child
                }
            }
            for index in 0..<m { heap[index] = sign * values[index] }
            for start in stride(from: m / 2 - 1, through: 0, by: -1) { siftDown(start) }
            for index in m..<values.count {
                let value = sign * values[index]
                if value < heap[0] {
                    heap[0] = value
                    siftDown(0)
                }
            }
            let next = m > 2 && heap[2] > heap[1] ? heap[2] : heap[1]
            return (sign * heap[0], sign * next)
        }
    }

    /// Places the k-th smallest value (0-based) at index k, smaller-or-equal values left of it and
    /// greater-or-equal values right of it, and returns it. Three-way partitions (Dijkstra's "Dutch national
    /// flag") keep runs of equal values — common among means of 2 or 3 resampled spots — linear.
    mutating func select(_ k: Int) -> Double {
        var left = 0, right = values.count - 1
        while right > left {
            // Median of three as pivot.
            let middle = left + (right - left) / 2
            let a = values[left], b = values[middle], c = values[right]
            let pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
            // [left, less) < pivot, [less, index) == pivot, (greater, right] > pivot.
            var less = left, index = left, greater = right
            while index <= greater {
                let value = values[index]
                if value < pivot {
                    values.swapAt(index, less)
                    less += 1
                    index += 1
                } else if value > pivot {
                    values.swapAt(index, greater)
                    greater -= 1
                } else {
                    index += 1
                }
            }
            if k < less { right = less - 1 } else if k > greater { left = greater + 1 } else { return pivot }
        }
        return values[k]
    }
}
