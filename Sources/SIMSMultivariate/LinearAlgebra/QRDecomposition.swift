import CSIMSOpenBLAS

/// Thin QR decomposition A = Q·R with Q (`m × n`, orthonormal columns) for `m ≥ n`: Householder reflections
/// (Golub & Van Loan, *Matrix Computations*, 4th ed., Alg. 5.2.1) as blocked LAPACK `dgeqrf` + `dorgqr`. Used to
/// orthonormalize the range sample of the randomized SVD.
public struct QRDecomposition: Sendable {
    /// The orthonormal factor (`m × n`).
    public let q: Matrix
    /// The upper-triangular factor (`n × n`).
    public let r: Matrix

    /// Factors `matrix` (rows ≥ columns).
    public init(_ matrix: Matrix) throws(SIMSError) {
        let m = matrix.rows, n = matrix.columns
        guard m >= n else { throw .invalidArgument("QR needs at least as many rows as columns", found: "\(m) × \(n)", expected: "m ≥ n") }
        guard matrix.isFinite else { throw SIMSError(.numerical, "QR: the matrix contains NaN or infinite values") }
        var a = matrix
        var rOut = Matrix(rows: n, columns: n)
        if n == 0 { q = a; r = rOut; return }
        var tau = [Double](repeating: 0, count: n)
        let info = a.elements.withUnsafeMutableBufferPointer { ab in
            tau.withUnsafeMutableBufferPointer { tb in
                let factored = LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, lapack(m), lapack(n), ab.baseAddress, lapack(n), tb.baseAddress)
                if factored != 0 { return factored }
                for i in 0..<n { for j in i..<n { rOut[i, j] = ab[i * n + j] } }
                return LAPACKE_dorgqr(LAPACK_ROW_MAJOR, lapack(m), lapack(n), lapack(n), ab.baseAddress, lapack(n), tb.baseAddress)
            }
        }
        guard info == 0 else { throw SIMSError(.numerical, "QR: LAPACK dgeqrf/dorgqr failed (info \(info))") }
        q = a
        r = rOut
    }
}
