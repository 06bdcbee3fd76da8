/// The integrated peaks of one spectrum, in the integrator's peak order (see ``PeakIntegrator``).
public struct SpectrumPeakAreas: Sendable, Equatable {
    /// Total ion count of the spectrum: sum of all intensities (counts).
    public var tic: Double
    /// Trapezoidal integral of counts over each interval (counts·u).
    public var rawArea: ContiguousArray<Double>
    /// Trapezoidal integral of intensity/TIC over each interval (u) — the paper's script's "normalized area".
    public var ticNormalizedArea: ContiguousArray<Double>
    /// Sum of counts of the data points in each interval (ions) — IONTOF's "Area".
    public var counts: ContiguousArray<Double>
    /// Number of data points inside each interval.
    public var pointCounts: ContiguousArray<Int>

    /// Creates a result.
    public init(tic: Double, rawArea: ContiguousArray<Double>, ticNormalizedArea: ContiguousArray<Double>,
                counts: ContiguousArray<Double>, pointCounts: ContiguousArray<Int>) {
        self.tic = tic
        self.rawArea = rawArea
        self.ticNormalizedArea = ticNormalizedArea
        self.counts = counts
        self.pointCounts = pointCounts
    }

    /// Positions (in peak order) of intervals that contain no data point at all; their areas are 0.
    public var emptyPeaks: [Int] { pointCounts.indices.filter { pointCounts[$0] == 0 } }
}
