/// Welch's unequal-variance t-test of two independent samples (two-sided).
///
/// `t = (x̄₁ − x̄₂)/√(s₁²/n₁ + s₂²/n₂)`, degrees of freedom by Welch–Satterthwaite
/// `ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1))`, `p = 2 P(T_ν > |t|)`
/// (B. L. Welch, Biometrika 34 (1947) 28). Matches `scipy.stats.ttest_ind(x, y, equal_var=False)`.
public struct WelchTTest: Sendable, Hashable {
    /// The t statistic (positive when the first sample's mean is larger).
    public var t: Double
    /// Welch–Satterthwaite degrees of freedom.
    public var degreesOfFreedom: Double
    /// Two-sided p-value.
    public var p: Double

    /// Tests `first` against `second`; `nil` when a sample has fewer than 2 values or both variances are 0.
    public init?(_ first: [Double], _ second: [Double]) {
        let a = first.filter(\.isFinite), b = second.filter(\.isFinite)
        guard a.count >= 2, b.count >= 2 else { return nil }
        let sa = SampleSummary(a, resamples: 0), sb = SampleSummary(b, resamples: 0)
        guard let ma = sa.mean, let mb = sb.mean, let sda = sa.sd, let sdb = sb.sd else { return nil }
        let va = sda * sda / Double(a.count), vb = sdb * sdb / Double(b.count)
        let se2 = va + vb
        guard se2 > 0 else { return nil }
        t = (ma - mb) / se2.squareRoot()
        degreesOfFreedom = se2 * se2 / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        p = Swift.min(1, 2 * StudentT(degreesOfFreedom: degreesOfFreedom).survival(abs(t)))
    }
}
