import CSIMSOpenBLAS

/// Dense matrix products C = A·B, C = Aᵀ·B, y = A·x and y = Aᵀ·x through the system BLAS (OpenBLAS `dgemm`/`dgemv`,
/// row-major CBLAS interface; see `docs/multivariate.md` for why and for the threading).
extension Matrix {
    /// The product `self · other` (`m×k · k×n → m×n`).
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(columns == other.rows, "Matrix product: \(rows)×\(columns) · \(other.rows)×\(other.columns)")
        return product(with: other, transposingSelf: false)
    }

    /// The product `selfᵀ · other` (`(m×k)ᵀ · m×n → k×n`) without forming the transpose.
    public func transposeMultiplied(by other: Matrix) -> Matrix {
        precondition(rows == other.rows, "Matrix transpose product: (\(rows)×\(columns))ᵀ · \(other.rows)×\(other.columns)")
        return product(with: other, transposingSelf: true)
    }

    /// The product `selfᵀ · v` (`(m×n)ᵀ · m → n`) without forming the transpose.
    public func transposeMultiplied(by v: [Double]) -> [Double] {
        precondition(rows == v.count, "Matrixᵀ·vector: (\(rows)×\(columns))ᵀ · \(v.count)")
        return product(with: v, transposingSelf: true)
    }

    /// The matrix–vector product `self · v`.
    public func multiplied(by v: [Double]) -> [Double] {
        precondition(columns == v.count, "Matrix·vector: \(rows)×\(columns) · \(v.count)")
        return product(with: v, transposingSelf: false)
    }

    /// `op(self) · other` by `dgemm`, op = transpose or identity; shapes already checked.
    private func product(with other: Matrix, transposingSelf: Bool) -> Matrix {
        let (m, k) = transposingSelf ? (columns, rows) : (rows, columns)  // op(self) is m × k
        let n = other.columns
        var out = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 || k == 0 { return out }
        elements.withUnsafeBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                out.elements.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(CblasRowMajor, transposingSelf ? CblasTrans : CblasNoTrans, CblasNoTrans, blas(m), blas(n), blas(k),
                                1, a.baseAddress, blas(columns), b.baseAddress, blas(n), 0, c.baseAddress, blas(n))
                }
            }
        }
        return out
    }

    /// `op(self) · v` by `dgemv`, op = transpose or identity; shapes already checked.
    private func product(with v: [Double], transposingSelf: Bool) -> [Double] {
        var out = [Double](repeating: 0, count: transposingSelf ? columns : rows)
        if rows == 0 || columns == 0 { return out }
        elements.withUnsafeBufferPointer { a in
            v.withUnsafeBufferPointer { x in
                out.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(CblasRowMajor, transposingSelf ? CblasTrans : CblasNoTrans, blas(rows), blas(columns), 1,
                                a.baseAddress, blas(columns), x.baseAddress, 1, 0, y.baseAddress, 1)
                }
            }
        }
        return out
    }
}
