/// Per-spot isotope checks (``IsotopeCheck``) summarised per sample and ratio: the median and range of the
/// measured ratio, and a flag that is raised only when the evidence is consistent across spots.
///
/// Rule: a (sample, ratio) is **flagged** when, among the sample's spots where both peaks hold at least
/// ``minimumCounts`` counts, more than half have a 95 % Clopper–Pearson interval that excludes the natural
/// ratio (and there is at least one such spot). Why: one spot's interval excludes R₀ by chance in 5 % of spots
/// even when nothing is wrong, so with hundreds of ratios × spots single exclusions are expected noise; a
/// majority of a sample's spots is a property of the sample (saturation, enrichment, an interference).
/// Below 100 counts in a peak the relative Poisson error exceeds 10 % and a small background or a mis-set
/// interval bound moves the ratio more than counting does, so such spots do not count towards the flag.
public struct IsotopeSampleSummary: Sendable, Hashable {
    /// Counts each peak needs (in a spot) for that spot to count towards the flag.
    public static let minimumCounts = 100.0

    /// The sample.
    public var sample: String
    /// The ratio (pair) checked.
    public var pair: IsotopeCheck.Pair
    /// Spots with a measured ratio (minor peak > 0 counts).
    public var spots: Int
    /// Spots where both peaks have ≥ ``minimumCounts``.
    public var countedSpots: Int
    /// Counted spots whose interval excludes the natural ratio.
    public var deviatingSpots: Int
    /// Median, smallest and largest measured ratio over the spots with a ratio (`nil` without any).
    public var median: Double?, minimum: Double?, maximum: Double?
    /// The flag (see the type's rule).
    public var flagged: Bool { countedSpots > 0 && 2 * deviatingSpots > countedSpots }

    /// Summarises `checks` (sample, spot, results of one ``IsotopeCheck``), samples and pairs in first-seen order.
    public static func summarize(_ checks: [(sample: String, spot: String, results: [IsotopeCheck.Result])]) -> [IsotopeSampleSummary] {
        var order: [String] = []
        var bySample: [String: [[IsotopeCheck.Result]]] = [:]
        for entry in checks {
            if bySample[entry.sample] == nil { order.append(entry.sample) }
            bySample[entry.sample, default: []].append(entry.results)
        }
        var rows: [IsotopeSampleSummary] = []
        for sample in order {
            let spots = bySample[sample]!
            guard let pairs = spots.first?.map(\.pair) else { continue }
            for (k, pair) in pairs.enumerated() {
                let results = spots.compactMap { $0.count > k ? $0[k] : nil }
                let ratios = results.compactMap(\.ratio).sorted()
                let counted = results.filter { $0.ratio != nil && $0.majorCounts >= minimumCounts && $0.minorCounts >= minimumCounts }
                rows.append(IsotopeSampleSummary(
                    sample: sample, pair: pair, spots: ratios.count, countedSpots: counted.count,
                    deviatingSpots: counted.filter(\.deviates).count, median: median(ratios), minimum: ratios.first, maximum: ratios.last))
            }
        }
        return rows
    }

    /// Median of sorted values (mean of the middle two for an even count).
    static func median(_ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
