import Foundation

/// Gaussian kernel density estimate with Silverman's rule-of-thumb bandwidth, for violins.
///
/// f̂(x) = 1/(n·h) · Σᵢ φ((x − xᵢ)/h), φ the standard normal density;
/// h = 0.9 · min(σ̂, IQR/1.34) · n^(−1/5) (Silverman, *Density Estimation for Statistics and Data Analysis*,
/// Chapman & Hall 1986, eq. 3.31), σ̂ the sample standard deviation (n − 1), IQR from ``Quantiles``.
public struct KernelDensity: Sendable, Hashable {
    /// The data.
    public let values: [Double]
    /// Bandwidth h (same unit as the data); 0 when the data have no spread.
    public let bandwidth: Double

    /// Fits the estimate to the finite values of `values`.
    public init(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        self.values = finite
        self.bandwidth = KernelDensity.silvermanBandwidth(finite)
    }

    /// Silverman's bandwidth 0.9 · min(σ̂, IQR/1.34) · n^(−1/5); when one spread measure is 0 the other is
    /// used; 0 for fewer than 2 values or no spread.
    public static func silvermanBandwidth(_ values: [Double]) -> Double {
        let n = values.count
        guard n >= 2 else { return 0 }
        let mean = values.reduce(0, +) / Double(n)
        let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
        let q = Quantiles(values)
        let iqr = (q.upperQuartile - q.lowerQuartile) / 1.34
        let spread = sd > 0 && iqr > 0 ? min(sd, iqr) : max(sd, iqr)
        return 0.9 * spread * pow(Double(n), -0.2)
    }

    /// The density at `x` (per unit of the data); 0 when the bandwidth is 0.
    public func density(at x: Double) -> Double {
        guard bandwidth > 0, !values.isEmpty else { return 0 }
        let norm = 1 / (Double(values.count) * bandwidth * (2 * Double.pi).squareRoot())
        var sum = 0.0
        for v in values {
            let z = (x - v) / bandwidth
            sum += exp(-0.5 * z * z)
        }
        return sum * norm
    }
}

/// Quartiles and Tukey whiskers of a sample.
///
/// Quantiles by linear interpolation between order statistics (Hyndman & Fan 1996, definition 7; the default
/// of NumPy `percentile` and R `quantile`): position p·(n − 1) in the sorted data.
public struct Quantiles: Sendable, Hashable {
    /// Sorted finite values.
    public let sorted: [Double]

    /// Sorts the finite values of `values`.
    public init(_ values: [Double]) { sorted = values.filter(\.isFinite).sorted() }

    /// The p-quantile, p in 0…1 (NaN for an empty sample).
    public func quantile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = (Double(sorted.count) - 1) * min(1, max(0, p))
        let lo = Int(h.rounded(.down)), hi = min(sorted.count - 1, lo + 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// First quartile.
    public var lowerQuartile: Double { quantile(0.25) }
    /// Median.
    public var median: Double { quantile(0.5) }
    /// Third quartile.
    public var upperQuartile: Double { quantile(0.75) }

    /// Tukey whiskers: the most extreme data within 1.5 IQR of the quartiles (Tukey, *Exploratory Data
    /// Analysis*, 1977).
    public var whiskers: ClosedRange<Double> {
        guard let first = sorted.first, let last = sorted.last else { return 0 ... 0 }
        let q1 = lowerQuartile, q3 = upperQuartile, fence = 1.5 * (q3 - q1)
        let lo = sorted.first { $0 >= q1 - fence } ?? first
        let hi = sorted.last { $0 <= q3 + fence } ?? last
        return min(lo, hi) ... max(lo, hi)
    }
}
