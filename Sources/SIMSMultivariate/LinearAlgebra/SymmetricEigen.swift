/// The eigendecomposition A = V·diag(λ)·Vᵀ of a real symmetric matrix.
///
/// Householder reduction to tridiagonal form followed by the implicit QL algorithm with Wilkinson-type shifts
/// (EISPACK `tred2`/`tql2`: Wilkinson & Reinsch, *Handbook for Automatic Computation II, Linear Algebra*, 1971;
/// as in JAMA). Stable for any symmetric input; eigenvectors orthonormal to machine precision. The eigenvector
/// matrix is kept transposed internally so that every inner loop runs over contiguous memory.
public struct SymmetricEigendecomposition: Sendable {
    /// Eigenvalues in descending order.
    public let values: [Double]
    /// Eigenvectors as columns, in the order of ``values`` (`n × n`, orthonormal).
    public let vectors: Matrix

    /// Decomposes the symmetric `matrix` (only symmetry within rounding is assumed; the average of A and Aᵀ is
    /// used). Throws for a non-square or non-finite matrix, or (never observed) when QL does not converge.
    public init(_ matrix: Matrix) throws(SIMSError) {
        guard matrix.rows == matrix.columns else {
            throw .invalidArgument("eigendecomposition needs a square matrix", found: "\(matrix.rows) × \(matrix.columns)", expected: "n × n")
        }
        guard matrix.isFinite else { throw SIMSError(.numerical, "eigendecomposition: the matrix contains NaN or infinite values") }
        let n = matrix.rows
        if n == 0 { values = []; vectors = Matrix(rows: 0, columns: 0); return }
        // z[j * n + k] = V[k][j]  (row j of z is eigenvector j).
        var z = ContiguousArray<Double>(repeating: 0, count: n * n)
        for k in 0..<n { for j in 0..<n { z[j * n + k] = 0.5 * (matrix[k, j] + matrix[j, k]) } }
        var d = [Double](repeating: 0, count: n)
        var e = [Double](repeating: 0, count: n)
        z.withUnsafeMutableBufferPointer { zb in
            SymmetricEigendecomposition.tridiagonalize(zb.baseAddress!, n, &d, &e)
        }
        var converged = true
        z.withUnsafeMutableBufferPointer { zb in
            converged = SymmetricEigendecomposition.ql(zb.baseAddress!, n, &d, &e)
        }
        guard converged else { throw SIMSError(.numerical, "eigendecomposition: the QL iteration did not converge in 60 iterations per eigenvalue") }
        let order = (0..<n).sorted { d[$0] > d[$1] || (d[$0] == d[$1] && $0 < $1) }
        values = order.map { d[$0] }
        var v = Matrix(rows: n, columns: n)
        for (col, src) in order.enumerated() { for k in 0..<n { v[k, col] = z[src * n + k] } }
        vectors = v
    }

    /// Householder tridiagonalization (EISPACK tred2), V(k, j) stored at z[j * n + k].
    private static func tridiagonalize(_ z: UnsafeMutablePointer<Double>, _ n: Int, _ d: inout [Double], _ e: inout [Double]) {
        @inline(__always) func V(_ k: Int, _ j: Int) -> Double { z[j * n + k] }
        @inline(__always) func set(_ k: Int, _ j: Int, _ v: Double) { z[j * n + k] = v }
        for j in 0..<n { d[j] = V(n - 1, j) }
        var i = n - 1
        while i > 0 {
            var scale = 0.0, h = 0.0
            for k in 0..<i { scale += abs(d[k]) }
            if scale == 0 {
                e[i] = d[i - 1]
                for j in 0..<i { d[j] = V(i - 1, j); set(i, j, 0); set(j, i, 0) }
            } else {
                for k in 0..<i { d[k] /= scale; h += d[k] * d[k] }
                var f = d[i - 1]
                var g = h.squareRoot()
                if f > 0 { g = -g }
                e[i] = scale * g
                h -= f * g
                d[i - 1] = f - g
                for j in 0..<i { e[j] = 0 }
                for j in 0..<i {
                    f = d[j]
                    set(j, i, f)
                    g = e[j] + V(j, j) * f
                    let col = z + j * n  // V(k, j) = col[k], contiguous in k
                    if j + 1 <= i - 1 {
                        for k in (j + 1)...(i - 1) { g += col[k] * d[k]; e[k] += col[k] * f }
                    }
                    e[j] = g
                }
                f = 0
                for j in 0..<i { e[j] /= h; f += e[j] * d[j] }
                let hh = f / (h + h)
                for j in 0..<i { e[j] -= hh * d[j] }
                for j in 0..<i {
                    f = d[j]; g = e[j]
                    let col = z + j * n
                    for k in j...(i - 1) { col[k] -= (f * e[k] + g * d[k]) }
                    d[j] = V(i - 1, j)
                    set(i, j, 0)
                }
            }
            d[i] = h
            i -= 1
        }
        // Accumulate the transformations.
        for i in 0..<(n - 1) {
            set(n - 1, i, V(i, i))
            set(i, i, 1)
            let h = d[i + 1]
            let next = z + (i + 1) * n  // V(k, i+1)
            if h != 0 {
                for k in 0...i { d[k] = next[k] / h }
                for j in 0...i {
                    let col = z + j * n
                    var g = 0.0
                    for k in 0...i { g += next[k] * col[k] }
                    for k in 0...i { col[k] -= g * d[k] }
                }
            }
            for k in 0...i { next[k] = 0 }
        }
        for j in 0..<n { d[j] = V(n - 1, j); set(n - 1, j, 0) }
        set(n - 1, n - 1, 1)
        e[0] = 0
    }

    /// Implicit QL on the tridiagonal (d, e) accumulating rotations into z (EISPACK tql2).
    private static func ql(_ z: UnsafeMutablePointer<Double>, _ n: Int, _ d: inout [Double], _ e: inout [Double]) -> Bool {
        for i in 1..<max(n, 1) { e[i - 1] = e[i] }
        e[n - 1] = 0
        var f = 0.0, tst1 = 0.0
        let eps = Double.ulpOfOne
        for l in 0..<n {
            tst1 = max(tst1, abs(d[l]) + abs(e[l]))
            var m = l
            while m < n - 1 { if abs(e[m]) <= eps * tst1 { break }; m += 1 }
            if m > l {
                var iterations = 0
                repeat {
                    iterations += 1
                    if iterations > 60 { return false }
                    var g = d[l]
                    var p = (d[l + 1] - g) / (2 * e[l])
                    var r = _hypot(p, 1)
                    if p < 0 { r = -r }
                    d[l] = e[l] / (p + r)
                    d[l + 1] = e[l] * (p + r)
                    let dl1 = d[l + 1]
                    var h = g - d[l]
                    if l + 2 < n { for i in (l + 2)..<n { d[i] -= h } }
                    f += h
                    p = d[m]
                    var c = 1.0, c2 = 1.0, c3 = 1.0
                    let el1 = e[l + 1]
                    var s = 0.0, s2 = 0.0
                    var i = m - 1
                    while i >= l {
                        c3 = c2; c2 = c; s2 = s
                        g = c * e[i]
                        h = c * p
                        r = _hypot(p, e[i])
                        e[i + 1] = s * r
                        s = e[i] / r
                        c = p / r
                        p = c * d[i] - s * g
                        d[i + 1] = h + s * (c * g + s * d[i])
                        let zi = z + i * n, zi1 = z + (i + 1) * n
                        for k in 0..<n {
                            let hk = zi1[k]
                            zi1[k] = s * zi[k] + c * hk
                            zi[k] = c * zi[k] - s * hk
                        }
                        i -= 1
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1
                    e[l] = s * p
                    d[l] = c * p
                } while abs(e[l]) > eps * tst1
            }
            d[l] += f
            e[l] = 0
        }
        return true
    }
}
