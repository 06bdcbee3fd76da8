/// The Cholesky factorization A = L·Lᵀ of a symmetric positive-definite matrix (Golub & Van Loan, Alg. 4.2.1).
/// Used by the Gaussian mixture (log-determinants, Mahalanobis distances), by NNLS sub-problems, by the phase
/// unmixing's normal equations and by the coarsest level of the tortuosity solver's multigrid (SIMSMicrostructure).
public struct CholeskyDecomposition: Sendable {
    /// The lower-triangular factor L.
    public let l: Matrix

    /// Factors `matrix` (the lower triangle is read); throws a numerical error when it is not positive definite.
    ///
    /// With `clampingPivots`, for a matrix that is positive definite in exact arithmetic but whose pivots rounding
    /// may spoil (a multigrid's coarsest operator), a pivot below 1e-300 + 1e-12 · A_jj is raised to that floor,
    /// which keeps L·Lᵀ positive definite.
    public init(_ matrix: Matrix, clampingPivots: Bool = false) throws(SIMSError) {
        let n = matrix.rows
        guard n == matrix.columns else { throw .invalidArgument("Cholesky needs a square matrix", found: "\(matrix.rows) × \(matrix.columns)", expected: "n × n") }
        var l = Matrix(rows: n, columns: n)
        for j in 0..<n {
            var s = matrix[j, j]
            for k in 0..<j { s -= l[j, k] * l[j, k] }
            if clampingPivots { s = max(s, 1e-300 + 1e-12 * matrix[j, j]) }
            guard s > 0, s.isFinite else { throw SIMSError(.numerical, "Cholesky: the matrix is not positive definite (pivot \(j + 1) is \(s))") }
            let ljj = s.squareRoot()
            l[j, j] = ljj
            for i in (j + 1)..<max(n, j + 1) {
                var t = matrix[i, j]
                for k in 0..<j { t -= l[i, k] * l[j, k] }
                l[i, j] = t / ljj
            }
        }
        self.l = l
    }

    /// log det A = 2 Σ log L_ii.
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<l.rows { s += _log(l[i, i]) }
        return 2 * s
    }

    /// Solves L·y = b (forward substitution).
    public func solveLower(_ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<l.rows {
            var s = y[i]
            for k in 0..<i { s -= l[i, k] * y[k] }
            y[i] = s / l[i, i]
        }
        return y
    }

    /// Solves A·x = b.
    public func solve(_ b: [Double]) -> [Double] {
        var x = solveLower(b)
        var i = l.rows - 1
        while i >= 0 {
            var s = x[i]
            for k in (i + 1)..<l.rows { s -= l[k, i] * x[k] }
            x[i] = s / l[i, i]
            i -= 1
        }
        return x
    }
}
