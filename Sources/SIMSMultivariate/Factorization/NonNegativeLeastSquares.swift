/// Non-negative least squares min ‖A·x − b‖₂ subject to x ≥ 0 by the active-set method of Lawson & Hanson
/// (*Solving Least Squares Problems*, 1974, ch. 23), in the cross-product form of Bro & de Jong (J. Chemometrics
/// 11 (1997) 393): only AᵀA and Aᵀb are needed, so one factorization of AᵀA serves every right-hand side of an
/// MCR-ALS step.
public struct NonNegativeLeastSquares: Sendable {
    /// AᵀA (`k × k`).
    public let gram: Matrix

    /// Prepares for the design matrix with cross-product `gram = AᵀA`.
    public init(gram: Matrix) { self.gram = gram }

    /// Prepares for the design matrix `a`.
    public init(design a: Matrix) { gram = a.gram() }

    /// Solves for one right-hand side given as Aᵀb. Throws when the active-set loop does not terminate (3k
    /// outer iterations, never observed for full-rank A).
    public func solve(crossProduct atb: [Double]) throws(SIMSError) -> [Double] {
        let k = gram.rows
        var x = [Double](repeating: 0, count: k)
        var passive = [Bool](repeating: false, count: k)
        var norm1 = 0.0
        for j in 0..<k { var s = 0.0; for i in 0..<k { s += abs(gram[i, j]) }; norm1 = max(norm1, s) }
        let tolerance = 10 * Double.ulpOfOne * norm1 * Double(max(k, 1))
        func gradient() -> [Double] {
            (0..<k).map { i in atb[i] - (0..<k).reduce(0) { $0 + gram[i, $1] * x[$1] } }
        }
        var outer = 0
        while true {
            let w = gradient()
            var t = -1, best = tolerance
            for j in 0..<k where !passive[j] && w[j] > best { best = w[j]; t = j }
            if t < 0 { break }
            outer += 1
            if outer > 3 * k + 3 { throw SIMSError(.numerical, "NNLS (Lawson–Hanson) did not terminate") }
            passive[t] = true
            var inner = 0
            while true {
                inner += 1
                if inner > 3 * k + 3 { throw SIMSError(.numerical, "NNLS (Lawson–Hanson) inner loop did not terminate") }
                let s = try subproblem(passive, atb)
                var feasible = true
                for j in 0..<k where passive[j] && s[j] <= 0 { feasible = false }
                if feasible { x = s; break }
                var alpha = Double.infinity
                for j in 0..<k where passive[j] && s[j] <= 0 { alpha = min(alpha, x[j] / (x[j] - s[j])) }
                for j in 0..<k { x[j] += alpha * (s[j] - x[j]) }
                for j in 0..<k where passive[j] && x[j] <= tolerance { passive[j] = false; x[j] = 0 }
            }
        }
        return x
    }

    /// The unconstrained least-squares solution on the passive set (zeros elsewhere).
    private func subproblem(_ passive: [Bool], _ atb: [Double]) throws(SIMSError) -> [Double] {
        let index = passive.indices.filter { passive[$0] }
        let sub = Matrix(rows: index.count, columns: index.count) { gram[index[$0], index[$1]] }
        let rhs = index.map { atb[$0] }
        let solution: [Double]
        if let chol = try? CholeskyDecomposition(sub) {
            solution = chol.solve(rhs)
        } else {
            // Rank-deficient passive set: minimum-norm solution through the eigendecomposition.
            let e = try SymmetricEigendecomposition(sub)
            let cutoff = (e.values.first ?? 0) * 1e-12
            var y = [Double](repeating: 0, count: index.count)
            for c in 0..<index.count where e.values[c] > cutoff {
                let proj = (0..<index.count).reduce(0) { $0 + e.vectors[$1, c] * rhs[$1] } / e.values[c]
                for r in 0..<index.count { y[r] += proj * e.vectors[r, c] }
            }
            solution = y
        }
        var out = [Double](repeating: 0, count: passive.count)
        for (position, j) in index.enumerated() { out[j] = solution[position] }
        return out
    }
}

extension Matrix {
    /// Solves min ‖A·xⱼ − bⱼ‖ with xⱼ ≥ 0 for every column bⱼ of `b` (A = self, `m × k`; b `m × r`) and returns
    /// the solutions as rows (`r × k`).
    func nonNegativeSolutions(for b: Matrix) throws(SIMSError) -> Matrix {
        let solver = NonNegativeLeastSquares(design: self)
        let atb = b.transposeMultiplied(by: self)  // r × k: row j = (Aᵀ b_j)ᵀ
        var out = Matrix(rows: b.columns, columns: columns)
        for j in 0..<b.columns {
            let x = try solver.solve(crossProduct: atb.row(j))
            for c in 0..<columns { out[j, c] = x[c] }
        }
        return out
    }
}
