import CSIMSOpenBLAS

/// Dense matrix products C = A·B, C = Aᵀ·B and y = A·x through the system BLAS (OpenBLAS `dgemm`/`dgemv`,
/// row-major CBLAS interface; see `docs/multivariate.md` for why and for the threading).
extension Matrix {
    /// The product `self · other` (`m×k · k×n → m×n`).
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(columns == other.rows, "Matrix product: \(rows)×\(columns) · \(other.rows)×\(other.columns)")
        let (m, k, n) = (rows, columns, other.columns)
        var out = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 || k == 0 { return out }
        elements.withUnsafeBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                out.elements.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blas(m), blas(n), blas(k),
                                1, a.baseAddress, blas(k), b.baseAddress, blas(n), 0, c.baseAddress, blas(n))
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
        elements.withUnsafeBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                out.elements.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, blas(k), blas(n), blas(m),
                                1, a.baseAddress, blas(k), b.baseAddress, blas(n), 0, c.baseAddress, blas(n))
                }
            }
        }
        return out
    }

    /// The matrix–vector product `self · v`.
    public func multiplied(by v: [Double]) -> [Double] {
        precondition(columns == v.count, "Matrix·vector: \(rows)×\(columns) · \(v.count)")
        var out = [Double](repeating: 0, count: rows)
        if rows == 0 || columns == 0 { return out }
        elements.withUnsafeBufferPointer { a in
            v.withUnsafeBufferPointer { x in
                out.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(CblasRowMajor, CblasNoTrans, blas(rows), blas(columns), 1, a.baseAddress, blas(columns),
                                x.baseAddress, 1, 0, y.baseAddress, 1)
                }
            }
        }
        return out
    }
}
