import CSIMSOpenBLAS

/// The Gram matrix XᵀX (optionally of the column-centred X), the hot path of PCA, and the row panels of the
/// centred X that it and ``PCAModel`` projections are computed from.
///
/// XᵀX is one BLAS `dsyrk` (upper triangle, then mirrored). With column means μ the rows are centred in panels
/// of about 8 MB that are accumulated with `dsyrk(β = 1)`: exact centring (no XᵀX − nμμᵀ cancellation) without
/// a centred copy of X.
extension Matrix {
    /// `XᵀX`, or `(X − 1μᵀ)ᵀ(X − 1μᵀ)` when `centeredOn` gives the column means μ (length `columns`).
    public func gram(centeredOn means: [Double]? = nil) -> Matrix {
        gram(centeredOn: means, panelValues: Matrix.panelValues)
    }

    /// ``gram(centeredOn:)`` with centred panels of at most `panelValues` values (tests use small panels).
    func gram(centeredOn means: [Double]?, panelValues: Int) -> Matrix {
        let p = columns
        var out = Matrix(rows: p, columns: p)
        if rows == 0 || p == 0 { return out }
        out.elements.withUnsafeMutableBufferPointer { c in
            var beta = 0.0
            forEachRowPanel(centeredOn: means, panelValues: panelValues) { panel, _, count in
                cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, blas(p), blas(count),
                            1, panel, blas(p), beta, c.baseAddress, blas(p))
                beta = 1
            }
            for i in 0..<p { for j in 0..<i { c[i * p + j] = c[j * p + i] } }
        }
        return out
    }

    /// Size of a centred row panel in values (2²⁰ = 8 MB): large enough for BLAS level-3 efficiency, small
    /// enough to stay far below the size of X.
    static let panelValues = 1 << 20

    /// Calls `body(panel, firstRow, rowCount)` for consecutive row panels of `X − 1μᵀ` (row-major, `columns`
    /// wide). Without means the whole matrix is one panel and nothing is copied; with means each panel is a
    /// centred copy of at most `panelValues` values (at least one row) in one reused buffer.
    func forEachRowPanel(centeredOn means: [Double]?, panelValues: Int = Matrix.panelValues,
                         _ body: (_ panel: UnsafePointer<Double>, _ firstRow: Int, _ rowCount: Int) -> Void) {
        let n = rows, p = columns
        guard n > 0, p > 0 else { return }
        elements.withUnsafeBufferPointer { x in
            guard let means else { body(x.baseAddress!, 0, n); return }
            precondition(means.count == p, "centred panels: \(means.count) means for \(p) columns")
            let panelRows = Swift.min(n, Swift.max(1, panelValues / p))
            let buffer = UnsafeMutablePointer<Double>.allocate(capacity: panelRows * p)
            defer { buffer.deallocate() }
            means.withUnsafeBufferPointer { mu in
                var first = 0
                while first < n {
                    let count = Swift.min(panelRows, n - first)
                    for i in 0..<count {
                        let src = x.baseAddress! + (first + i) * p, dst = buffer + i * p
                        for j in 0..<p { dst[j] = src[j] - mu[j] }
                    }
                    body(buffer, first, count)
                    first += count
                }
            }
        }
    }
}
