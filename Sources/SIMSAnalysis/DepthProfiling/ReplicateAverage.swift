/// Several depth profiles of one sample (replicate craters) aligned on an interface and averaged.
///
/// Each profile's time axis is shifted so that the chosen interface (the first 50 % crossing of
/// `alignmentIon` after the surface transient — the first ``surfaceTransientFraction`` of the sputter time —
/// see ``InterfaceDetector``) lies at 0 s; all profiles are then linearly interpolated onto a common grid
/// spanning the time range every profile covers, with the smallest mean cycle time as step. Per grid point
/// the mean and the sample standard deviation (n − 1) of the replicates are reported, the band drawn as
/// mean ± sd.
public struct ReplicateAverage: Sendable, Equatable {
    /// Common time axis relative to the interface, in s.
    public var time: [Double]
    /// Mean signal of each ion (by name) on the grid.
    public var mean: [String: [Double]]
    /// Standard deviation (n − 1) of each ion on the grid; 0 when only one replicate.
    public var standardDeviation: [String: [Double]]
    /// Interface time (s) found in each replicate, in input order.
    public var alignmentTimes: [Double]
    /// Number of replicates averaged.
    public var replicateCount: Int
    /// Name of the ion aligned on, for reporting (set by the caller when it aligned on a helper signal).
    public var alignmentIon: String

    /// Share of each profile's sputter time at the start in which interfaces are not used for alignment
    /// (surface contamination and the pre-equilibrium transient of the sputter yield).
    public static let surfaceTransientFraction = 0.05

    /// Aligns and averages replicate signals.
    /// - Parameters:
    ///   - times: sputter time (s) of each replicate.
    ///   - signals: per replicate, the values to average by ion name (same ion names in every replicate).
    ///   - alignmentSignals: per replicate, the signal whose interface is aligned (raw counts of `alignmentIon`);
    ///     `nil` uses `signals[k][alignmentIon]`.
    ///   - alignmentIon: the name of the aligned ion, for messages and reports.
    ///   - detector: finds the interface of each replicate's alignment signal.
    /// - Throws: ``SIMSError`` when a replicate lacks the ion or the interface, or ranges do not overlap.
    public init(times: [ContiguousArray<Double>], signals: [[String: ContiguousArray<Double>]],
                alignmentSignals: [ContiguousArray<Double>]? = nil, alignmentIon: String,
                detector: InterfaceDetector = InterfaceDetector()) throws(SIMSError) {
        guard !times.isEmpty, times.count == signals.count, alignmentSignals.map({ $0.count == times.count }) ?? true else {
            throw .invalidArgument("replicate averaging needs at least one profile and one signal set per profile")
        }
        var shifts: [Double] = []
        for (k, (t, s)) in zip(times, signals).enumerated() {
            guard let values = alignmentSignals?[k] ?? s[alignmentIon] else {
                throw .invalidArgument("replicate \(k + 1) has no column \(alignmentIon)", found: alignmentIon, expected: "an ion of every replicate")
            }
            let transientEnd = (t.last ?? 0) * ReplicateAverage.surfaceTransientFraction
            guard let first = detector.detect(time: t, signal: values, ion: alignmentIon).first(where: { $0.time > transientEnd }) else {
                throw .inconsistent("replicate \(k + 1): no interface of \(alignmentIon) after the surface transient to align on")
            }
            shifts.append(first.time)
        }
        let lower = zip(times, shifts).map { ($0.first ?? 0) - $1 }.max()!
        let upper = zip(times, shifts).map { ($0.last ?? 0) - $1 }.min()!
        let step = times.map { t in t.count > 1 ? (t.last! - t.first!) / Double(t.count - 1) : .infinity }.min()!
        guard upper > lower, step.isFinite, step > 0 else { throw .inconsistent("replicate profiles do not overlap after alignment") }
        let count = Int(((upper - lower) / step).rounded(.down)) + 1
        let grid = (0..<count).map { lower + Double($0) * step }
        let ions = Set(signals.map { Set($0.keys) }.reduce(Set(signals[0].keys)) { $0.intersection($1) }).sorted()
        var mean: [String: [Double]] = [:], sd: [String: [Double]] = [:]
        for ion in ions {
            let curves = zip(times, signals).enumerated().map { k, pair in
                grid.map { ReplicateAverage.interpolate(pair.0, pair.1[ion]!, at: $0 + shifts[k]) }
            }
            let n = Double(curves.count)
            let m = (0..<count).map { i in curves.reduce(0) { $0 + $1[i] } / n }
            mean[ion] = m
            sd[ion] = (0..<count).map { i in
                curves.count < 2 ? 0 : (curves.reduce(0) { $0 + ($1[i] - m[i]) * ($1[i] - m[i]) } / (n - 1)).squareRoot()
            }
        }
        time = grid
        self.mean = mean
        standardDeviation = sd
        alignmentTimes = shifts
        replicateCount = times.count
        self.alignmentIon = alignmentIon
    }

    /// Linear interpolation of (x, y) at `x0` (x ascending); clamps outside the range.
    static func interpolate(_ x: ContiguousArray<Double>, _ y: ContiguousArray<Double>, at x0: Double) -> Double {
        guard let first = x.first, let last = x.last else { return 0 }
        if x0 <= first { return y[0] }
        if x0 >= last { return y[y.count - 1] }
        var lo = 0, hi = x.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if x[mid] <= x0 { lo = mid } else { hi = mid }
        }
        let f = (x0 - x[lo]) / (x[hi] - x[lo])
        let a = y[lo].isFinite ? y[lo] : 0, b = y[hi].isFinite ? y[hi] : 0
        return a + f * (b - a)
    }
}
