/// The thin singular value decomposition A = U·diag(σ)·Vᵀ of an `m × n` matrix (r = min(m, n) triplets).
///
/// One-sided Jacobi (Hestenes 1958; de Rijk, SIAM J. Sci. Stat. Comput. 10 (1989) 359): columns are
/// rotated pairwise until mutually orthogonal, which gives singular values to high *relative* accuracy and
/// orthonormal U, V. Cost O(sweeps · m · n²): use it for small and moderate matrices; PCA of many rows uses the
/// Gram-matrix eigendecomposition or ``RandomizedSVD``.
public struct SingularValueDecomposition: Sendable {
    /// Left singular vectors as columns (`m × r`).
    public let u: Matrix
    /// Singular values, descending (r values, ≥ 0).
    public let singularValues: [Double]
    /// Right singular vectors as columns (`n × r`).
    public let v: Matrix

    /// Decomposes `matrix`; throws for non-finite input or when 60 sweeps do not converge.
    public init(_ matrix: Matrix) throws(SIMSError) {
        guard matrix.isFinite else { throw SIMSError(.numerical, "SVD: the matrix contains NaN or infinite values") }
        if matrix.rows < matrix.columns {
            let t = try SingularValueDecomposition(matrix.transposed)
            u = t.v; singularValues = t.singularValues; v = t.u
            return
        }
        let m = matrix.rows, n = matrix.columns
        // w: the columns of A stored as rows (n × m), vt: the columns of V stored as rows (n × n).
        var w = matrix.transposed.elements
        var vt = Matrix.identity(n).elements
        let tolerance = Double.ulpOfOne * Double(m)
        var sweeps = 0
        var rotated = true
        w.withUnsafeMutableBufferPointer { wb in
            vt.withUnsafeMutableBufferPointer { vb in
                let W = wb.baseAddress!, VT = vb.baseAddress!
                while rotated && sweeps < 60 {
                    rotated = false
                    sweeps += 1
                    for i in 0..<max(n - 1, 0) {
                        for j in (i + 1)..<n {
                            let wi = W + i * m, wj = W + j * m
                            var alpha = 0.0, beta = 0.0, gamma = 0.0
                            for k in 0..<m { alpha += wi[k] * wi[k]; beta += wj[k] * wj[k]; gamma += wi[k] * wj[k] }
                            if gamma == 0 || abs(gamma) <= tolerance * (alpha * beta).squareRoot() { continue }
                            rotated = true
                            let zeta = (beta - alpha) / (2 * gamma)
                            let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                            let c = 1 / (1 + t * t).squareRoot(), s = c * t
                            for k in 0..<m { let a = wi[k], b = wj[k]; wi[k] = c * a - s * b; wj[k] = s * a + c * b }
                            let vi = VT + i * n, vj = VT + j * n
                            for k in 0..<n { let a = vi[k], b = vj[k]; vi[k] = c * a - s * b; vj[k] = s * a + c * b }
                        }
                    }
                }
            }
        }
        guard !rotated else { throw SIMSError(.numerical, "SVD: one-sided Jacobi did not converge in 60 sweeps") }
        var sigma = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0
            for k in 0..<m { s += w[i * m + k] * w[i * m + k] }
            sigma[i] = s.squareRoot()
        }
        let order = (0..<n).sorted { sigma[$0] > sigma[$1] || (sigma[$0] == sigma[$1] && $0 < $1) }
        var uOut = Matrix(rows: m, columns: n)
        var vOut = Matrix(rows: n, columns: n)
        let smallest = (sigma.max() ?? 0) * Double.ulpOfOne * Double(max(m, n))
        for (col, src) in order.enumerated() {
            let s = sigma[src]
            for k in 0..<m { uOut[k, col] = s > smallest ? w[src * m + k] / s : 0 }
            for k in 0..<n { vOut[k, col] = vt[src * n + k] }
        }
        u = uOut
        singularValues = order.map { sigma[$0] }
        v = vOut
    }
}
