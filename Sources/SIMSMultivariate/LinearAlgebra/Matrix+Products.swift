/// Dense matrix products: C = A·B, C = Aᵀ·B, the Gram matrix XᵀX and matrix–vector products.
///
/// Pure Swift kernels over `UnsafeBufferPointer`, blocked for cache and split over cores (see
/// `docs/multivariate.md` for the measured comparison with NumPy/OpenBLAS).
extension Matrix {
    /// The product `self · other` (`m×k · k×n → m×n`).
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(columns == other.rows, "Matrix product: \(rows)×\(columns) · \(other.rows)×\(other.columns)")
        let (m, k, n) = (rows, columns, other.columns)
        var out = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 || k == 0 { return out }
        let workers = (m * k * n) >= 1 << 20 ? min(Parallel.workers, m) : 1
        elements.withUnsafeBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                out.elements.withUnsafeMutableBufferPointer { c in
                    let cp = SharedPointer(base: c.baseAddress!)
                    let ap = a.baseAddress!, bp = b.baseAddress!
                    Parallel.run(workers) { w in
                        let lo = m * w / workers, hi = m * (w + 1) / workers
                        // i-k-j order: row of C accumulates rows of B (contiguous, vectorizable axpy).
                        for i in lo..<hi {
                            let crow = cp.base + i * n
                            let arow = ap + i * k
                            for kk in 0..<k {
                                let s = arow[kk]
                                if s == 0 { continue }
                                let brow = bp + kk * n
                                for j in 0..<n { crow[j] += s * brow[j] }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The product `selfᵀ · other` (`(m×k)ᵀ · m×n → k×n`) without forming the transpose.
    public func transposeMultiplied(by other: Matrix) -> Matrix {
        precondition(rows == other.rows, "Matrix transpose product: (\(rows)×\(columns))ᵀ · \(other.rows)×\(other.columns)")
        let (m, k, n) = (rows, columns, other.columns)
        var out = Matrix(rows: k, columns: n)
        if m == 0 || n == 0 || k == 0 { return out }
        let workers = (m * k * n) >= 1 << 20 ? min(Parallel.workers, m) : 1
        var partial = ContiguousArray<Double>(repeating: 0, count: workers * k * n)
        elements.withUnsafeBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                partial.withUnsafeMutableBufferPointer { c in
                    let cp = SharedPointer(base: c.baseAddress!)
                    let ap = a.baseAddress!, bp = b.baseAddress!
                    Parallel.run(workers) { w in
                        let lo = m * w / workers, hi = m * (w + 1) / workers
                        let acc = cp.base + w * k * n
                        for i in lo..<hi {
                            let arow = ap + i * k, brow = bp + i * n
                            for kk in 0..<k {
                                let s = arow[kk]
                                if s == 0 { continue }
                                let crow = acc + kk * n
                                for j in 0..<n { crow[j] += s * brow[j] }
                            }
                        }
                    }
                }
            }
        }
        for w in 0..<workers { for t in 0..<(k * n) { out.elements[t] += partial[w * k * n + t] } }
        return out
    }

    /// The matrix–vector product `self · v`.
    public func multiplied(by v: [Double]) -> [Double] {
        precondition(columns == v.count, "Matrix·vector: \(rows)×\(columns) · \(v.count)")
        var out = [Double](repeating: 0, count: rows)
        elements.withUnsafeBufferPointer { a in
            for i in 0..<rows {
                var s = 0.0
                for j in 0..<columns { s += a[i * columns + j] * v[j] }
                out[i] = s
            }
        }
        return out
    }
}
