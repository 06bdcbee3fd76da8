/// Welch's unequal-variance t-test of two independent samples (two-sided).
///
/// `t = (x̄₁ − x̄₂)/√(s₁²/n₁ + s₂²/n₂)`, degrees of freedom by Welch–Satterthwaite
/// `ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1))`, `p = 2 P(T_ν > |t|)`
/// (B. L. Welch, Biometrika 34 (1947) 28). Matches `scipy.stats.ttest_ind(x, y, equal_var=False)`, also when
/// both samples are constant (zero variance, e.g. a reference peak normalized by itself): ν = 0/0 is set to 1
/// as SciPy's `_unequal_var_ttest_denom` does, t = 0/0 = NaN and p = NaN for equal means, t = ±∞ and p = 0
/// for different means; ``degeneracy`` says which (`Tests/Reference/statistics_reference.py`).
public struct WelchTTest: Sendable, Hashable {
    /// Why the test degenerates when both samples are constant.
    public enum Degeneracy: String, Sendable, Hashable {
        /// Both samples constant with the same value: t = 0/0 and p are undefined.
        case constantAndEqual = "both samples are constant and equal (zero variance): t = 0/0 and p are undefined; df = 1 as SciPy sets it"
        /// Both samples constant with different values: t = ±∞, p = 0.
        case constantAndDifferent = "both samples are constant (zero variance) but differ: t = ±inf and p = 0 as in SciPy; df = 1 as SciPy sets it"
    }

    /// The t statistic (positive when the first sample's mean is larger); NaN or ±∞ when ``degeneracy`` is set.
    public var t: Double
    /// Welch–Satterthwaite degrees of freedom (1 when both variances are 0, as SciPy).
    public var degreesOfFreedom: Double
    /// Two-sided p-value; NaN when t is undefined.
    public var p: Double
    /// Set when both samples have zero variance.
    public var degeneracy: Degeneracy?

    /// Tests `first` against `second`; `nil` when a sample has fewer than 2 finite values.
    public init?(_ first: [Double], _ second: [Double]) {
        self.init(SampleMoments(first), SampleMoments(second))
    }

    /// Tests two samples given by their moments (computed once per sample when it is compared many times).
    public init?(_ first: SampleMoments, _ second: SampleMoments) {
        guard first.n >= 2, second.n >= 2 else { return nil }
        guard let ma = first.mean, let mb = second.mean, let sda = first.sd, let sdb = second.sd else { return nil }
        let va = sda * sda / Double(first.n), vb = sdb * sdb / Double(second.n)
        let se2 = va + vb
        guard se2 > 0 else {
            degreesOfFreedom = 1
            if ma == mb {
                (t, p, degeneracy) = (.nan, .nan, .constantAndEqual)
            } else {
                (t, p, degeneracy) = (ma > mb ? .infinity : -.infinity, 0, .constantAndDifferent)
            }
            return
        }
        t = (ma - mb) / se2.squareRoot()
        degreesOfFreedom = se2 * se2 / (va * va / Double(first.n - 1) + vb * vb / Double(second.n - 1))
        p = Swift.min(1, 2 * StudentT(degreesOfFreedom: degreesOfFreedom).survival(abs(t)))
    }
}
