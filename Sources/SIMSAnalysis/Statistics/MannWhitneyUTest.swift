import Foundation
import SIMSCore

/// The Mann–Whitney U (Wilcoxon rank-sum) test of two independent samples, two-sided.
///
/// `U₁ = R₁ − n₁(n₁+1)/2` with mid-ranks for ties. The p-value is `2 · P(U ≥ max(U₁, U₂))`, capped at 1:
/// - **exact** when there are no ties and min(n₁, n₂) ≤ 8: the null distribution of U is the coefficient
///   list of the Gaussian binomial `[n₁+n₂ choose n₁]_q` (Mann & Whitney, Ann. Math. Stat. 18 (1947) 50);
/// - otherwise the **normal approximation** with tie correction
///   `σ² = n₁n₂/12 · ((n+1) − Σ(t³ − t)/(n(n−1)))` and continuity correction 0.5.
/// This is exactly SciPy's `mannwhitneyu(x, y, method="auto")` (SciPy ≥ 1.7). ``method`` says which was used.
public struct MannWhitneyUTest: Sendable, Hashable {
    /// How the p-value was computed.
    public enum Method: String, Sendable, Hashable { case exact, normalApproximation = "normal approximation (tie- and continuity-corrected)" }
    /// U of the first sample.
    public var u: Double
    /// Two-sided p-value.
    public var p: Double
    /// Exact or normal approximation.
    public var method: Method

    /// Tests `first` against `second`; `nil` when either is empty (non-finite values are dropped).
    public init?(_ first: [Double], _ second: [Double]) {
        let a = first.filter(\.isFinite), b = second.filter(\.isFinite)
        let n1 = a.count, n2 = b.count
        guard n1 > 0, n2 > 0 else { return nil }
        // Mid-ranks of the pooled sample.
        let pooled = (a.map { ($0, true) } + b.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var rankSumFirst = 0.0
        var tieTerm = 0.0
        var i = 0
        while i < pooled.count {
            var j = i
            while j + 1 < pooled.count && pooled[j + 1].0 == pooled[i].0 { j += 1 }
            let midRank = Double(i + j + 2) / 2
            let tieCount = Double(j - i + 1)
            tieTerm += tieCount * tieCount * tieCount - tieCount
            for k in i...j where pooled[k].1 { rankSumFirst += midRank }
            i = j + 1
        }
        let u1 = rankSumFirst - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u1
        let big = Swift.max(u1, u2)
        u = u1
        if tieTerm == 0 && Swift.min(n1, n2) <= 8 {
            method = .exact
            p = Swift.min(1, 2 * MannWhitneyUTest.exactSurvival(atLeast: big, n1, n2))
        } else {
            method = .normalApproximation
            let n = Double(n1 + n2)
            let sigma = (Double(n1 * n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1)))).squareRoot()
            let z = sigma > 0 ? (big - Double(n1 * n2) / 2 - 0.5) / sigma : 0
            p = Swift.min(1, Swift.max(0, 2 * Normal.survival(z)))
        }
    }

    /// P(U ≥ u) under H₀ without ties: the number of arrangements with U = k are the coefficients of the
    /// Gaussian binomial ∏_{i=1}^{n₁} (1 − q^{n₂+i})/(1 − q^i), divided by C(n₁+n₂, n₁).
    static func exactSurvival(atLeast u: Double, _ n1: Int, _ n2: Int) -> Double {
        let coefficients = distributions.value(for: Pair(small: min(n1, n2), large: max(n1, n2))) { arrangementCounts($0.small, $0.large) }
        let total = coefficients.reduce(0, +)
        let start = Int(u.rounded(.up))
        guard start < coefficients.count else { return 0 }
        return coefficients[Swift.max(0, start)...].reduce(0, +) / total
    }

    private struct Pair: Hashable, Sendable { var small: Int, large: Int }

    /// The null distributions of U computed so far, by sample sizes: a study compares every pair of samples at
    /// every peak, so the same few (n₁, n₂) recur 10⁴–10⁵ times (`sims spectra`: 105 600 comparisons of 5 vs 5
    /// spots), and each distribution is built once.
    private static let distributions = SharedMemo<Pair, [Double]>(capacity: 1024)

    /// The coefficients of the Gaussian binomial for (small, large) = (min(n₁, n₂), max(n₁, n₂)).
    static func arrangementCounts(_ small: Int, _ large: Int) -> [Double] {
        let maxU = small * large
        var coefficients = [Double](repeating: 0, count: maxU + 1)
        coefficients[0] = 1
        for i in 1...small {
            // multiply by (1 − q^(large+i))
            let shift = large + i
            if shift <= maxU { for k in stride(from: maxU, through: shift, by: -1) { coefficients[k] -= coefficients[k - shift] } }
            // divide by (1 − q^i): running sum with stride i
            for k in i...maxU { coefficients[k] += coefficients[k - i] }
        }
        return coefficients
    }
}
