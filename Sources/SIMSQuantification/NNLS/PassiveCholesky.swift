/// The Cholesky factor L of the passive block G_PP of a Gram matrix, kept up to date while the active-set solver adds
/// and removes passive variables, so that each sub-problem G_PP z = c_P costs two triangular solves (O(p²)) instead
/// of a fresh factorization (O(p³)).
///
/// - Adding variable j appends a row to L: L·l = G_Pj by forward substitution, then l_jj = √(G_jj − l·l), which must
///   be positive (otherwise G_PP + j is not positive definite: the column is in the span of the passive ones).
/// - Removing the variable at position q deletes row and column q; the rows below then carry the old column q,
///   x, and the trailing block must satisfy L₃₃′L₃₃′ᵀ = L₃₃L₃₃ᵀ + x xᵀ: a rank-one Cholesky update by plane
///   rotations (Golub & Van Loan, *Matrix Computations*, 4th ed., §6.5.4; Gill, Golub, Murray & Saunders,
///   Math. Comp. 28 (1974) 505), which keeps the diagonal positive and is backward stable.
///
/// Storage is one k × k row-major buffer; positions follow the order in which variables entered (``order``).
struct PassiveCholesky {
    /// Number of variables (the Gram matrix is k × k).
    let k: Int
    /// G = AᵀWA, row-major k × k.
    let gram: ContiguousArray<Double>
    /// The passive variables, by position in L.
    private(set) var order: [Int] = []
    /// L, row-major k × k; only the lower triangle of the leading p × p block is meaningful.
    private var l: ContiguousArray<Double>

    init(gram: ContiguousArray<Double>, k: Int) {
        self.k = k
        self.gram = gram
        l = ContiguousArray(repeating: 0, count: k * k)
    }

    /// Appends variable `j`; returns `false` (and changes nothing) when the enlarged block is not positive definite.
    mutating func append(_ j: Int) -> Bool {
        let p = order.count, k = self.k
        var d = gram[j * k + j]
        for r in 0..<p {
            var s = gram[order[r] * k + j]
            for c in 0..<r { s -= l[r * k + c] * l[p * k + c] }
            let v = s / l[r * k + r]
            l[p * k + r] = v
            d -= v * v
        }
        guard d > 0, d.isFinite else { return false }
        l[p * k + p] = d.squareRoot()
        order.append(j)
        return true
    }

    /// Removes the variable at position `q` of ``order``.
    mutating func remove(at q: Int) {
        let p = order.count, k = self.k
        var x = [Double](repeating: 0, count: p - 1 - q)
        for r in (q + 1)..<p {
            x[r - q - 1] = l[r * k + q]
            for c in 0..<q { l[(r - 1) * k + c] = l[r * k + c] }
            for c in (q + 1)...r { l[(r - 1) * k + c - 1] = l[r * k + c] }
        }
        order.remove(at: q)
        // Rank-one update of the trailing block (positions q..<p − 1) with x.
        let n = p - 1
        for i in q..<n {
            let lii = l[i * k + i], xi = x[i - q]
            let r = (lii * lii + xi * xi).squareRoot()
            let cosine = r / lii, sine = xi / lii
            l[i * k + i] = r
            for j in (i + 1)..<max(n, i + 1) {
                let updated = (l[j * k + i] + sine * x[j - q]) / cosine
                l[j * k + i] = updated
                x[j - q] = cosine * x[j - q] - sine * updated
            }
        }
    }

    /// The solution z of G_PP z = c_P by position (forward then backward substitution); `nil` when not finite.
    func solve(_ c: [Double]) -> [Double]? {
        let p = order.count, k = self.k
        var z = [Double](repeating: 0, count: p)
        for r in 0..<p {
            var s = c[order[r]]
            for col in 0..<r { s -= l[r * k + col] * z[col] }
            z[r] = s / l[r * k + r]
        }
        for r in stride(from: p - 1, through: 0, by: -1) {
            var s = z[r]
            for row in (r + 1)..<max(p, r + 1) { s -= l[row * k + r] * z[row] }
            z[r] = s / l[r * k + r]
        }
        return z.allSatisfy(\.isFinite) ? z : nil
    }
}
