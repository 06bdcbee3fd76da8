/// One peak compared between two samples: Welch's t-test, Mann–Whitney U, Hedges' g, and
/// Benjamini–Hochberg adjusted p-values over all peaks and sample pairs of the study.
public struct SampleComparison: Sendable {
    /// Position of the peak in the table.
    public var peak: Int
    /// The two samples (first − second is the direction of t and g).
    public var first: String, second: String
    /// Numbers of spots with a value.
    public var firstCount: Int, secondCount: Int
    /// Welch's test, `nil` when a sample has < 2 values (NaN t and p when both samples are constant and equal).
    public var welch: WelchTTest?
    /// Mann–Whitney U test, `nil` when a sample is empty.
    public var mannWhitney: MannWhitneyUTest?
    /// Hedges' g.
    public var hedgesG: Double?
    /// BH-adjusted Welch p-value.
    public var welchAdjustedP: Double?
    /// BH-adjusted Mann–Whitney p-value.
    public var mannWhitneyAdjustedP: Double?

    /// Compares every pair of samples for every peak of `table` under `normalization`, then adjusts each
    /// test's p-values with Benjamini–Hochberg over all comparisons.
    public static func compareAll(_ table: PeakAreaTable, normalization: PeakNormalization) -> [SampleComparison] {
        let samples = table.samples
        // Peaks are compared concurrently on all cores; the comparisons keep the table's peak order.
        var out = Array(table.peaks.indices).concurrentMap { k -> [SampleComparison] in
            var out: [SampleComparison] = []
            let values = samples.map { table.values(peak: k, sample: $0, normalization) }
            let moments = values.map { SampleMoments($0) }  // once per sample, shared by all its pairs
            for i in samples.indices {
                for j in samples.indices where j > i {
                    out.append(SampleComparison(peak: k, first: samples[i], second: samples[j],
                                                firstCount: values[i].count, secondCount: values[j].count,
                                                welch: WelchTTest(moments[i], moments[j]),
                                                mannWhitney: MannWhitneyUTest(values[i], values[j]),
                                                hedgesG: HedgesG.of(moments[i], moments[j])))
                }
            }
            return out
        }.flatMap { $0 }
        // An undefined p (NaN: both samples constant and equal) is no test and does not count in m.
        // The two families are adjusted side by side (each sorts all p values of the study).
        let families = [out.map { $0.welch.flatMap { $0.p.isNaN ? nil : $0.p } }, out.map { $0.mannWhitney?.p }]
        let adjusted = families.concurrentMap { BenjaminiHochberg.adjust($0) }
        let welch = adjusted[0], mann = adjusted[1]
        for index in out.indices {
            out[index].welchAdjustedP = welch[index]
            out[index].mannWhitneyAdjustedP = mann[index]
        }
        return out
    }
}
