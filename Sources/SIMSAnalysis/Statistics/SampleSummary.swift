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
        var squares = 0.0
        for value in sorted { squares += (value - mean) * (value - mean) }
        let sd = (squares / Double(n - 1)).squareRoot()
        self.sd = sd
        let t = StudentT(degreesOfFreedom: Double(n - 1)).quantile(0.5 + confidence / 2)
        let half = t * sd / Double(n).squareRoot()
        tInterval = (mean - half)...(mean + half)
        if resamples > 0 {
            bootstrapInterval = SampleSummary.bootstrapMeanInterval(sorted, confidence: confidence, resamples: resamples, seed: seed)
        }
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
    static func bootstrapMeanInterval(_ values: [Double], confidence: Double, resamples: Int, seed: UInt64) -> ClosedRange<Double> {
        var generator = SplitMix64(seed: seed)
        var means = [Double](repeating: 0, count: resamples)
        let n = values.count
        values.withUnsafeBufferPointer { buffer in
            for r in 0..<resamples {
                var sum = 0.0
                for _ in 0..<n { sum += buffer[generator.nextIndex(below: n)] }
                means[r] = sum / Double(n)
            }
        }
        means.sort()
        let alpha = (1 - confidence) / 2
        return quantile(sorted: means, alpha)...quantile(sorted: means, 1 - alpha)
    }
}
