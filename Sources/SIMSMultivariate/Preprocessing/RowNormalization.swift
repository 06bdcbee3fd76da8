/// Per-spectrum (per-row) normalizations applied before scaling (Lombardo et al. 2023, Sec. III: "scale the SI
/// count of each peak by the total number of SIs detected … or by the SI count associated with a given species").
public enum RowNormalization: Sendable, Equatable {
    /// No normalization.
    case none
    /// Divide each row by its total ion count: the given totals (one per row, e.g. the spectrum TIC in ions),
    /// or the row sum over the selected peaks when `totals` is `nil`.
    case totalIonCount(totals: [Double]?)
    /// Divide each row by the value of one reference peak (0-based column), e.g. an active-material fragment.
    case referencePeak(column: Int)
}

extension Matrix {
    /// The rows divided by their totals or by a reference peak; throws naming the first row whose divisor is
    /// zero or not finite (such a spectrum cannot be normalized and must not silently become NaN).
    public func normalizedRows(_ normalization: RowNormalization) throws(SIMSError) -> Matrix {
        var divisors: [Double]
        switch normalization {
        case .none:
            return self
        case .totalIonCount(let totals):
            if let totals {
                guard totals.count == rows else {
                    throw .invalidArgument("total ion counts do not match the spectra", found: "\(totals.count) totals", expected: "\(rows) (one per spectrum)")
                }
                divisors = totals
            } else {
                divisors = (0..<rows).map { i in (0..<columns).reduce(0) { $0 + self[i, $1] } }
            }
        case .referencePeak(let column):
            guard column >= 0, column < columns else {
                throw .invalidArgument("reference peak column out of range", found: "\(column + 1)", expected: "1…\(columns)")
            }
            divisors = (0..<rows).map { self[$0, column] }
        }
        var out = self
        for i in 0..<rows {
            let d = divisors[i]
            guard d != 0, d.isFinite else {
                throw .invalidArgument("spectrum \(i + 1) cannot be normalized: its divisor is \(d)", found: "\(d)", expected: "a finite, non-zero total or reference-peak value")
            }
            for j in 0..<columns { out[i, j] /= d }
        }
        return out
    }

    /// The element-wise square root (a variance-stabilizing transform for Poisson counts); throws for negative values.
    public func squareRooted() throws(SIMSError) -> Matrix {
        var out = self
        for k in 0..<out.elements.count {
            let v = out.elements[k]
            guard v >= 0 else {
                throw .invalidArgument("square-root transform of a negative value at row \(k / columns + 1), column \(k % columns + 1)", found: "\(v)", expected: "≥ 0")
            }
            out.elements[k] = v.squareRoot()
        }
        return out
    }
}
