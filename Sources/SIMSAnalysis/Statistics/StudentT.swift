import Foundation
import SIMSCore

/// Student's t distribution with ν > 0 degrees of freedom (ν need not be an integer: Welch's test).
public struct StudentT: Sendable, Hashable {
    /// Degrees of freedom ν.
    public let degreesOfFreedom: Double

    /// Creates the distribution; ν must be positive and finite.
    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0 && degreesOfFreedom.isFinite, "Student t needs ν > 0")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// Upper tail P(T > t) = ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 (Abramowitz & Stegun 26.7.1 via 26.5.27).
    public func survival(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        let nu = degreesOfFreedom
        let x = nu / (nu + t * t)
        let tail = 0.5 * SpecialFunctions.regularizedIncompleteBeta(x, a: nu / 2, b: 0.5)
        return t >= 0 ? tail : 1 - tail
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double { survival(-t) }

    /// Density Γ((ν+1)/2)/(√(νπ) Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2).
    public func pdf(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        let logNorm = SpecialFunctions.logGamma((nu + 1) / 2) - SpecialFunctions.logGamma(nu / 2) - 0.5 * log(nu * Double.pi)
        return exp(logNorm - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// The t with P(T ≤ t) = p, from the incomplete-beta inverse:
    /// for p < ½, t = −√(ν (1 − x)/x) with x = I⁻¹_{2p}(ν/2, ½); symmetric for p > ½.
    public func quantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "t quantile needs 0 ≤ p ≤ 1")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        let nu = degreesOfFreedom
        let tail = min(p, 1 - p)
        let x = SpecialFunctions.inverseRegularizedIncompleteBeta(2 * tail, a: nu / 2, b: 0.5)
        var t = (nu * (1 - x) / x).squareRoot()
        // One Newton step on the tail polishes bisection's last bits where the density is not tiny.
        let density = pdf(t)
        if density > 1e-300 {
            let step = (survival(t) - tail) / density
            if abs(step) < 1e-6 * max(1, t) { t += step }
        }
        return p < 0.5 ? -t : t
    }

    private struct QuantileKey: Hashable, Sendable { var p: UInt64, degreesOfFreedom: Int }

    /// The memo behind ``cachedQuantile(_:degreesOfFreedom:)``.
    private static let quantiles = SharedMemo<QuantileKey, Double>()

    /// ``quantile(_:)`` for integer ν, remembered per (p, ν) for the life of the process: confidence
    /// intervals ask for the same few quantiles (p = 0.975, ν = n − 1) thousands of times, and each inversion
    /// of the incomplete beta costs tens of microseconds. The value is exactly ``quantile(_:)``'s.
    public static func cachedQuantile(_ p: Double, degreesOfFreedom: Int) -> Double {
        quantiles.value(for: QuantileKey(p: p.bitPattern, degreesOfFreedom: degreesOfFreedom)) {
            StudentT(degreesOfFreedom: Double($0.degreesOfFreedom)).quantile(Double(bitPattern: $0.p))
        }
    }
}
