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
        self.init(SampleMoments(first), SampleMoments(second))
    }

    /// Tests two samples given by their moments (computed once per sample when it is compared many times).
    public init?(_ first: SampleMoments, _ second: SampleMoments) {
        guard first.n >= 2, second.n >= 2 else { return nil }
        guard let ma = first.mean, let mb = second.mean, let sda = first.sd, let sdb = second.sd else { return nil }
        let va = sda * sda / Double(first.n), vb = sdb * sdb / Double(second.n)
        let se2 = va + vb
        guard se2 > 0 else { return nil }
        t = (ma - mb) / se2.squareRoot()
        degreesOfFreedom = se2 * se2 / (va * va / Double(first.n - 1) + vb * vb / Double(second.n - 1))
        p = Swift.min(1, 2 * StudentT(degreesOfFreedom: degreesOfFreedom).survival(abs(t)))
    }
}
