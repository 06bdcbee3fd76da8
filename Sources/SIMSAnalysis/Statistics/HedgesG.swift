#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hedges' g: the standardized mean difference with the small-sample bias correction.
///
/// `d = (x̄₁ − x̄₂)/s_p` with the pooled sd `s_p = √(((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2))`, and
/// `g = J(ν) · d` with the exact correction `J(ν) = Γ(ν/2) / (√(ν/2) Γ((ν−1)/2))`, ν = n₁ + n₂ − 2
/// (L. V. Hedges, J. Educ. Stat. 6 (1981) 107, Eq. 6e; ≈ 1 − 3/(4ν − 1)).
public enum HedgesG {
    /// g of `first` vs `second`; `nil` when a sample has < 2 values or the pooled sd is 0.
    public static func of(_ first: [Double], _ second: [Double]) -> Double? {
        of(SampleMoments(first), SampleMoments(second))
    }

    /// g of two samples given by their moments (computed once per sample when it is compared many times).
    public static func of(_ first: SampleMoments, _ second: SampleMoments) -> Double? {
        guard first.n >= 2, second.n >= 2 else { return nil }
        guard let ma = first.mean, let mb = second.mean, let sda = first.sd, let sdb = second.sd else { return nil }
        let nu = Double(first.n + second.n - 2)
        let pooled = ((Double(first.n - 1) * sda * sda + Double(second.n - 1) * sdb * sdb) / nu).squareRoot()
        guard pooled > 0 else { return nil }
        return correction(degreesOfFreedom: nu) * (ma - mb) / pooled
    }

    /// The exact bias correction J(ν) = Γ(ν/2) / (√(ν/2) Γ((ν−1)/2)).
    public static func correction(degreesOfFreedom nu: Double) -> Double {
        guard nu > 1 else { return 1 }  // ν = 1: Γ(0) undefined; no correction possible
        return exp(SpecialFunctions.logGamma(nu / 2) - SpecialFunctions.logGamma((nu - 1) / 2)) / (nu / 2).squareRoot()
    }
}
