/// Thin QR decomposition by Householder reflections: A = Q·R with Q (`m × n`, orthonormal columns) for
/// `m ≥ n` (Golub & Van Loan, *Matrix Computations*, 4th ed., Alg. 5.2.1). Used to orthonormalize the range
/// sample of the randomized SVD.
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
        // Work on the columns stored as rows (n × m) so reflections run over contiguous memory.
        var a = matrix.transposed.elements
        var vs = ContiguousArray<Double>(repeating: 0, count: n * m)  // Householder vectors, row j = v_j
        var rOut = Matrix(rows: n, columns: n)
        a.withUnsafeMutableBufferPointer { ab in
            vs.withUnsafeMutableBufferPointer { vb in
                let A = ab.baseAddress!, V = vb.baseAddress!
                for j in 0..<n {
                    let col = A + j * m
                    var norm = 0.0
                    for k in j..<m { norm += col[k] * col[k] }
                    norm = norm.squareRoot()
                    let v = V + j * m
                    if norm == 0 { continue }
                    let alpha = col[j] > 0 ? -norm : norm
                    for k in j..<m { v[k] = col[k] }
                    v[j] -= alpha
                    var vnorm = 0.0
                    for k in j..<m { vnorm += v[k] * v[k] }
                    vnorm = vnorm.squareRoot()
                    for k in j..<m { v[k] /= vnorm }
                    // Apply H = I − 2vvᵀ to columns j..<n.
                    for c in j..<n {
                        let x = A + c * m
                        var dot = 0.0
                        for k in j..<m { dot += v[k] * x[k] }
                        dot *= 2
                        for k in j..<m { x[k] -= dot * v[k] }
                    }
                }
            }
        }
        for i in 0..<n { for j in i..<n { rOut[i, j] = a[j * m + i] } }
        // Q = H_0 H_1 … H_{n−1} applied to the first n columns of the identity (columns stored as rows).
        var qt = ContiguousArray<Double>(repeating: 0, count: n * m)
        for j in 0..<n { qt[j * m + j] = 1 }
        qt.withUnsafeMutableBufferPointer { qb in
            vs.withUnsafeBufferPointer { vb in
                let Q = qb.baseAddress!, V = vb.baseAddress!
                var j = n - 1
                while j >= 0 {
                    let v = V + j * m
                    for c in 0..<n {
                        let x = Q + c * m
                        var dot = 0.0
                        for k in j..<m { dot += v[k] * x[k] }
                        if dot == 0 { continue }
                        dot *= 2
                        for k in j..<m { x[k] -= dot * v[k] }
                    }
                    j -= 1
                }
            }
        }
        q = (try? Matrix(rows: n, columns: m, elements: qt))!.transposed
        r = rOut
    }
}
