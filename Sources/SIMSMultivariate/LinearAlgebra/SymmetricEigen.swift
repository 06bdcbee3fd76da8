import CSIMSOpenBLAS

/// The eigendecomposition A = V·diag(λ)·Vᵀ of a real symmetric matrix.
///
/// LAPACK `dsyevd` (through LAPACKE, OpenBLAS's LAPACK): Householder reduction to tridiagonal form and the
/// divide-and-conquer tridiagonal eigensolver (Cuppen 1981; Gu & Eisenstat, SIAM J. Matrix Anal. Appl. 16 (1995)
/// 172). Stable for any symmetric input; eigenvectors orthonormal to machine precision.
public struct SymmetricEigendecomposition: Sendable {
    /// Eigenvalues in descending order.
    public let values: [Double]
    /// Eigenvectors as columns, in the order of ``values`` (`n × n`, orthonormal).
    public let vectors: Matrix

    /// Decomposes the symmetric `matrix` (only symmetry within rounding is assumed; the average of A and Aᵀ is
    /// used). Throws for a non-square or non-finite matrix, or when LAPACK reports no convergence.
    public init(_ matrix: Matrix) throws(SIMSError) {
        guard matrix.rows == matrix.columns else {
            throw .invalidArgument("eigendecomposition needs a square matrix", found: "\(matrix.rows) × \(matrix.columns)", expected: "n × n")
        }
        guard matrix.isFinite else { throw SIMSError(.numerical, "eigendecomposition: the matrix contains NaN or infinite values") }
        let n = matrix.rows
        if n == 0 { values = []; vectors = Matrix(rows: 0, columns: 0); return }
        // A symmetric matrix reads the same row- or column-major; on return column j (a[j·n ..< (j+1)·n]) is
        // the eigenvector of the j-th smallest eigenvalue.
        var a = ContiguousArray<Double>(repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { a[j * n + i] = 0.5 * (matrix[i, j] + matrix[j, i]) } }
        var w = [Double](repeating: 0, count: n)
        let info = a.withUnsafeMutableBufferPointer { ab in
            w.withUnsafeMutableBufferPointer { wb in
                LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")), lapack(n),
                               ab.baseAddress, lapack(n), wb.baseAddress)
            }
        }
        guard info == 0 else {
            throw SIMSError(.numerical, "eigendecomposition: LAPACK dsyevd failed (info \(info): \(info > 0 ? "no convergence" : "invalid argument"))")
        }
        values = w.reversed()
        var v = Matrix(rows: n, columns: n)
        for col in 0..<n {
            let src = n - 1 - col
            for k in 0..<n { v[k, col] = a[src * n + k] }
        }
        vectors = v
    }
}
