import SIMSAnalysis

/// Per-pixel scores of ion-marked phases from their smoothed marker-ion images — shared by the threshold
/// segmentation (``PhaseSegmentation``) and the clustering features (``MultichannelSegmentation``).
///
/// - ``shareScores()``: mean over a phase's markers of the share rᵢ = Gσ∗Iᵢ ÷ Gσ∗I_total (`PixelNormalization`)
///   divided by its 99th percentile — about 1 in the pure phase, whatever the ion's yield.
/// - ``fractionScores(assignment:)``: mean over the markers of count ÷ level, the level being the median smoothed
///   count over the pixels assigned to the phase — the estimated area fraction of the phase in the pixel, free of
///   the total (and of topography, which scales all ions alike) when compared within a pixel.
public struct MarkerScores: Sendable {
    /// Marker ions of each phase, in phase order.
    public let markers: [[String]]
    /// Phase names (for error messages), in phase order.
    public let names: [String]
    /// Smoothed counts of every marker ion.
    public let smoothed: [String: ContiguousArray<Double>]
    /// Smoothed total counts.
    public let total: ContiguousArray<Double>
    let width: Int, height: Int, depth: Int

    /// Smooths the marker ions of `rules` (the ion-marked ones, in order) and the total of `channels`; throws when
    /// a marker ion has no image.
    public init(rules: [PhaseRule], channels: ImageChannels, smoothing: GaussianFilter) throws(SIMSError) {
        let (w, h, d) = (channels.width, channels.height, channels.depth)
        var markers: [[String]] = [], names: [String] = []
        var smoothed: [String: ContiguousArray<Double>] = [:]
        for rule in rules {
            guard case .ions(let ions) = rule.marker else { continue }
            for ion in ions where smoothed[ion] == nil {
                guard let counts = channels.channel(ion) else {
                    throw .invalidArgument("phase \(rule.name): no image of ion \(ion)", found: ion, expected: "one of " + (channels.ions + ["total"]).joined(separator: ", "))
                }
                smoothed[ion] = smoothing.apply(counts, width: w, height: h, depth: d)
            }
            markers.append(ions)
            names.append(rule.name)
        }
        self.markers = markers
        self.names = names
        self.smoothed = smoothed
        total = smoothing.apply(channels.total, width: w, height: h, depth: d)
        (width, height, depth) = (w, h, d)
    }

    /// Share scores per phase (`[phase][pixel]`); throws when a marker's share is 0 in 99 % of the pixels.
    public func shareScores() throws(SIMSError) -> [ContiguousArray<Double>] {
        var scores: [ContiguousArray<Double>] = []
        for (phase, ions) in markers.enumerated() {
            var score = ContiguousArray<Double>(repeating: 0, count: total.count)
            for ion in ions {
                let share = try PixelNormalization().ratios(smoothed[ion]!, reference: total, width: width, height: height, depth: depth, ion: ion)
                let scale = Self.quantile(share, 0.99)
                guard scale > 0 else {
                    throw SIMSError(.numerical, "ion \(ion) (phase \(names[phase])) is absent from the images", found: "share 0 in 99 % of the pixels", expected: "a marker ion present in its phase")
                }
                for i in score.indices { score[i] += share[i] / scale / Double(ions.count) }
            }
            scores.append(score)
        }
        return scores
    }

    /// Fraction scores per phase (`[phase][pixel]`), levels from the pixels whose `assignment` is the phase's index
    /// (a marker whose level is 0 is left out).
    public func fractionScores(assignment: some Collection<Int>) -> [ContiguousArray<Double>] {
        let assignment = ContiguousArray(assignment)  // one pass through the generic collection, then concrete loops
        var fractions: [ContiguousArray<Double>] = []
        for (phase, ions) in markers.enumerated() {
            var score = ContiguousArray<Double>(repeating: 0, count: total.count)
            for ion in ions {
                let values = smoothed[ion]!
                var members = ContiguousArray<Double>()
                for (i, assigned) in zip(values.indices, assignment) where assigned == phase { members.append(values[i]) }
                let level = Self.quantile(members, 0.5)
                guard level > 0 else { continue }
                for i in score.indices { score[i] += values[i] / level / Double(ions.count) }
            }
            fractions.append(score)
        }
        return fractions
    }

    /// Per pixel, the index of the highest of `scores` (`[phase][pixel]`; the first on ties).
    public static func highest(_ scores: [ContiguousArray<Double>]) -> [Int] {
        (0 ..< (scores.first?.count ?? 0)).map { v in
            var best = 0
            for p in 1 ..< scores.count where scores[p][v] > scores[best][v] { best = p }
            return best
        }
    }

    /// The `q`-quantile of `values` (linear interpolation, NumPy's default; `SampleSummary.quantile(sorted:_:)`);
    /// 0 when empty.
    public static func quantile(_ values: some Collection<Double>, _ q: Double) -> Double {
        values.isEmpty ? 0 : SampleSummary.quantile(sorted: values.sorted(), q)
    }
}
