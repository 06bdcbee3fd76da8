/// SIMPLISMA, the SIMPLe-to-use Interactive Self-modelling Mixture Analysis of Windig & Guilment (Anal. Chem.
/// 63 (1991) 1425): picks the k "purest" variables (peaks), i.e. those whose intensity varies most relative to
/// its mean and is least explained by the variables already chosen. Their columns are good initial
/// concentration profiles for MCR-ALS.
///
/// Purity of variable j given the chosen set P: w_j · σ_j / (μ_j + α), with α = offset/100 · max μ and w_j the
/// determinant of the correlation-around-the-origin matrix of P ∪ {j} of the data scaled by
/// λ_j = √(μ_j² + (σ_j + α)²) (σ with divisor n).
public struct SIMPLISMA: Sendable {
    /// Number of pure variables.
    public var components: Int
    /// Noise offset in percent of the largest mean (Windig: 1–5 %).
    public var offsetPercent: Double

    /// Configures the search.
    public init(components: Int, offsetPercent: Double = 5) {
        self.components = components
        self.offsetPercent = offsetPercent
    }

    /// The indices (0-based columns) of the pure variables, in the order found.
    public func pureVariables(_ d: Matrix) throws(SIMSError) -> [Int] {
        let n = d.rows, p = d.columns
        guard components >= 1, components <= p else {
            throw .invalidArgument("SIMPLISMA: number of components out of range", found: "\(components)", expected: "1…\(p)")
        }
        let mu = d.columnMeans
        let sigma = d.columnVariances(means: mu, ddof: 0).map { $0.squareRoot() }
        let alpha = offsetPercent / 100 * (mu.max() ?? 0)
        let lambda = (0..<p).map { (mu[$0] * mu[$0] + (sigma[$0] + alpha) * (sigma[$0] + alpha)).squareRoot() }
        var scaled = d
        for i in 0..<n { for j in 0..<p { scaled[i, j] = lambda[j] > 0 ? d[i, j] / lambda[j] : 0 } }
        let r = (1.0 / Double(n)) * scaled.gram()
        var pure: [Int] = []
        for _ in 0..<components {
            var best = -1, bestPurity = -Double.infinity
            for j in 0..<p {
                let set = pure + [j]
                let sub = Matrix(rows: set.count, columns: set.count) { r[set[$0], set[$1]] }
                let weight = SIMPLISMA.determinant(sub)
                let purity = weight * sigma[j] / (mu[j] + alpha)
                if purity > bestPurity { bestPurity = purity; best = j }
            }
            // All purities NaN or −∞ (all-zero data: 0·0/0): no variable can be chosen.
            guard best >= 0 else {
                throw .invalidArgument("SIMPLISMA: no variable has any signal to pick a pure one from (all values zero?)",
                                       expected: "data with non-zero counts")
            }
            pure.append(best)
        }
        return pure
    }

    /// Determinant by Gaussian elimination with partial pivoting.
    static func determinant(_ m: Matrix) -> Double {
        var a = m
        let n = a.rows
        var det = 1.0
        for c in 0..<n {
            var pivot = c
            for r in (c + 1)..<max(n, c + 1) where abs(a[r, c]) > abs(a[pivot, c]) { pivot = r }
            if a[pivot, c] == 0 { return 0 }
            if pivot != c { for j in 0..<n { let t = a[c, j]; a[c, j] = a[pivot, j]; a[pivot, j] = t }; det = -det }
            det *= a[c, c]
            for r in (c + 1)..<max(n, c + 1) {
                let f = a[r, c] / a[c, c]
                for j in c..<n { a[r, j] -= f * a[c, j] }
            }
        }
        return det
    }
}
