/// Count, mean and standard deviation of one sample's finite values — the part of ``SampleSummary`` that
/// tests and effect sizes need. Computed once per sample and shared by every comparison it takes part in
/// (``WelchTTest/init(_:_:)-(SampleMoments,SampleMoments)``, ``HedgesG/of(_:_:)-(SampleMoments,SampleMoments)``),
/// with exactly ``SampleSummary``'s arithmetic (ascending order, compensated mean, n − 1 in the sd).
public struct SampleMoments: Sendable, Hashable {
    /// Number of finite values.
    public var n: Int
    /// Arithmetic mean; `nil` when n = 0.
    public var mean: Double?
    /// Sample standard deviation (n − 1); `nil` when n < 2.
    public var sd: Double?

    /// The moments of `values` (non-finite values are ignored).
    public init(_ values: some Collection<Double>) {
        self.init(sorted: values.filter(\.isFinite).sorted())
    }

    /// The moments of finite values already in ascending order.
    init(sorted: [Double]) {
        n = sorted.count
        guard n > 0 else { return }
        let mean = SampleSummary.mean(sorted)
        self.mean = mean
        if n > 1 { sd = SampleSummary.standardDeviation(sorted, mean: mean) }
    }
}
