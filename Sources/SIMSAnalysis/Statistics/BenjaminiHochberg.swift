/// Benjamini–Hochberg adjustment of p-values for the false discovery rate.
///
/// With m p-values sorted ascending, `q_(i) = min_{k ≥ i} (m / k) p_(k)`, capped at 1
/// (Y. Benjamini, Y. Hochberg, J. R. Stat. Soc. B 57 (1995) 289; as R's `p.adjust(method = "BH")`).
public enum BenjaminiHochberg {
    /// Adjusted p-values in the input order; `nil` entries (no test) stay `nil` and do not count in m.
    public static func adjust(_ pValues: [Double?]) -> [Double?] {
        let present = pValues.indices.filter { pValues[$0] != nil }
        let m = Double(present.count)
        let order = present.sorted { pValues[$0]! < pValues[$1]! || (pValues[$0]! == pValues[$1]! && $0 < $1) }
        var adjusted = [Double?](repeating: nil, count: pValues.count)
        var running = 1.0
        for rank in stride(from: order.count, through: 1, by: -1) {
            let index = order[rank - 1]
            running = min(running, m / Double(rank) * pValues[index]!)
            adjusted[index] = running
        }
        return adjusted
    }
}
