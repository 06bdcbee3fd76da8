/// Non-negative least squares min ‖A·x − b‖₂ subject to x ≥ 0 by the active-set method of Lawson & Hanson
/// (*Solving Least Squares Problems*, 1974, ch. 23), in the cross-product form of Bro & de Jong (J. Chemometrics
/// 11 (1997) 393): only AᵀA and Aᵀb are needed, so one factorization of AᵀA serves every right-hand side of an
/// MCR-ALS step.
public struct NonNegativeLeastSquares: Sendable {
    /// AᵀA (`k × k`).
    public let gram: Matrix
    /// Gradient threshold below which a variable is not freed: 10 ε ‖AᵀA‖₁ k.
    private let tolerance: Double

    /// Prepares for the design matrix with cross-product `gram = AᵀA`.
    public init(gram: Matrix) {
        self.gram = gram
        let k = gram.rows
        var norm1 = 0.0
        for j in 0..<k { var s = 0.0; for i in 0..<k { s += abs(gram[i, j]) }; norm1 = max(norm1, s) }
        tolerance = 10 * Double.ulpOfOne * norm1 * Double(max(k, 1))
    }

    /// Prepares for the design matrix `a`.
    public init(design a: Matrix) { self.init(gram: a.gram()) }

    /// Factorizations of the passive-set blocks of AᵀA, keyed by the passive set. Right-hand sides solved with
    /// one workspace share them: in an MCR-ALS step with 65 536 pixels and k components at most 2ᵏ blocks are
    /// ever factored, instead of one factorization per pixel and active-set iteration.
    public struct Workspace: Sendable {
        fileprivate var blocks: [UInt64: PassiveBlock] = [:]
        /// Scratch reused from one right-hand side to the next (no allocation per row); `x` holds the last solution.
        fileprivate var x: [Double] = [], s: [Double] = [], passive: [Bool] = []
        /// An empty workspace.
        public init() {}
    }

    /// Solves for one right-hand side given as Aᵀb. Throws when the active-set loop does not terminate (3k
    /// outer iterations, never observed for full-rank A).
    public func solve(crossProduct atb: [Double]) throws(SIMSError) -> [Double] {
        var workspace = Workspace()
        return try solve(crossProduct: atb, workspace: &workspace)
    }

    /// Solves for one right-hand side given as Aᵀb, reusing (and filling) `workspace`'s factorizations.
    public func solve(crossProduct atb: [Double], workspace: inout Workspace) throws(SIMSError) -> [Double] {
        try atb.withUnsafeBufferPointer { (p) throws(SIMSError) in try solve(p, workspace: &workspace) }
        return workspace.x
    }

    /// The solver proper: leaves the solution in `workspace.x`.
    fileprivate func solve(_ atb: UnsafeBufferPointer<Double>, workspace: inout Workspace) throws(SIMSError) {
        let k = gram.rows
        var x: [Double] = [], s: [Double] = [], passive: [Bool] = []
        swap(&x, &workspace.x); swap(&s, &workspace.s); swap(&passive, &workspace.passive)
        defer { swap(&x, &workspace.x); swap(&s, &workspace.s); swap(&passive, &workspace.passive) }
        if x.count != k {
            x = [Double](repeating: 0, count: k); s = x; passive = [Bool](repeating: false, count: k)
        } else {
            for j in 0..<k { x[j] = 0; passive[j] = false }
        }
        // The passive set as a bit mask keys the workspace (k ≤ 64; larger problems factor every block afresh).
        var mask: UInt64 = 0
        var outer = 0
        while true {
            // Most positive gradient w = Aᵀb − AᵀA x among the active (zero) variables.
            var t = -1, best = tolerance
            for j in 0..<k where !passive[j] {
                var w = atb[j]
                for i in 0..<k { w -= gram[j, i] * x[i] }
                if w > best { best = w; t = j }
            }
            if t < 0 { break }
            outer += 1
            if outer > 3 * k + 3 { throw SIMSError(.numerical, "NNLS (Lawson–Hanson) did not terminate") }
            passive[t] = true
            if t < 64 { mask |= 1 << UInt64(t) }
            var inner = 0
            while true {
                inner += 1
                if inner > 3 * k + 3 { throw SIMSError(.numerical, "NNLS (Lawson–Hanson) inner loop did not terminate") }
                let block: PassiveBlock
                if k <= 64, let known = workspace.blocks[mask] {
                    block = known
                } else {
                    block = try PassiveBlock(gram: gram, passive: passive)
                    if k <= 64 { workspace.blocks[mask] = block }
                }
                block.solve(atb, into: &s)
                var feasible = true
                for j in 0..<k where passive[j] && s[j] <= 0 { feasible = false }
                if feasible { for j in 0..<k { x[j] = s[j] }; break }
                var alpha = Double.infinity
                for j in 0..<k where passive[j] && s[j] <= 0 { alpha = min(alpha, x[j] / (x[j] - s[j])) }
                for j in 0..<k { x[j] += alpha * (s[j] - x[j]) }
                for j in 0..<k where passive[j] && x[j] <= tolerance {
                    passive[j] = false
                    x[j] = 0
                    if j < 64 { mask &= ~(1 << UInt64(j)) }
                }
            }
        }
    }
}

/// The unconstrained least-squares problem on one passive set: the inverse of its block of AᵀA (by Cholesky,
/// or the minimum-norm pseudo-inverse from the eigendecomposition when the block is rank-deficient). Blocks are
/// k × k at most (k = components, a handful), so applying the stored inverse is the cheapest exact solve.
struct PassiveBlock: Sendable {
    let index: [Int]
    /// Row-major inverse (or pseudo-inverse) of the passive block.
    let inverse: [Double]

    init(gram: Matrix, passive: [Bool]) throws(SIMSError) {
        let index = passive.indices.filter { passive[$0] }
        self.index = index
        let m = index.count
        let sub = Matrix(rows: m, columns: m) { gram[index[$0], index[$1]] }
        var inverse = [Double](repeating: 0, count: m * m)
        if let factor = try? CholeskyDecomposition(sub) {
            for c in 0..<m {
                var unit = [Double](repeating: 0, count: m)
                unit[c] = 1
                let column = factor.solve(unit)
                for r in 0..<m { inverse[r * m + c] = column[r] }
            }
        } else {
            // Rank-deficient passive set: minimum-norm solution through the eigendecomposition.
            let e = try SymmetricEigendecomposition(sub)
            let cutoff = (e.values.first ?? 0) * 1e-12
            for c in 0..<m where e.values[c] > cutoff {
                for r in 0..<m {
                    for q in 0..<m { inverse[r * m + q] += e.vectors[r, c] * e.vectors[q, c] / e.values[c] }
                }
            }
        }
        self.inverse = inverse
    }

    /// Writes the solution on the passive set into `out` (zeros elsewhere).
    func solve(_ atb: UnsafeBufferPointer<Double>, into out: inout [Double]) {
        for j in out.indices { out[j] = 0 }
        let m = index.count
        for r in 0..<m {
            var sum = 0.0
            for q in 0..<m { sum += inverse[r * m + q] * atb[index[q]] }
            out[index[r]] = sum
        }
    }
}

extension Matrix {
    /// Solves min ‖A·xⱼ − bⱼ‖ with xⱼ ≥ 0 for every column bⱼ of `b` (A = self, `m × k`; b `m × r`) and returns
    /// the solutions as rows (`r × k`).
    func nonNegativeSolutions(for b: Matrix) throws(SIMSError) -> Matrix {
        let solver = NonNegativeLeastSquares(design: self)
        let atb = b.transposeMultiplied(by: self)  // r × k: row j = (Aᵀ b_j)ᵀ
        var out = Matrix(rows: b.columns, columns: columns)
        var workspace = NonNegativeLeastSquares.Workspace()
        let k = columns
        var failure: SIMSError?
        atb.elements.withUnsafeBufferPointer { rows in
            for j in 0..<b.columns {
                do throws(SIMSError) {
                    try solver.solve(UnsafeBufferPointer(rebasing: rows[(j * k)..<(j * k + k)]), workspace: &workspace)
                } catch { failure = error; return }
                for c in 0..<k { out.elements[j * k + c] = workspace.x[c] }
            }
        }
        if let failure { throw failure }
        return out
    }
}
