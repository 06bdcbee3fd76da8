/// Peak areas of every spot of a study with every normalization (rows = spots, columns = peaks).
public struct PeakAreaTable: Sendable {
    /// One spot.
    public struct Row: Sendable {
        /// Sample name.
        public var sample: String
        /// Spot name.
        public var spot: String
        /// Integrated peaks (raw, TIC-normalized, counts, points) and the TIC.
        public var areas: SpectrumPeakAreas
        /// Sum of the reference peaks' raw areas (counts·u), when references were given.
        public var referenceArea: Double?
        /// Whether the export was already dead-time corrected (header `Deadtime Correction: on`).
        public var alreadyDeadTimeCorrected = false
        /// Saturation per peak, when N is known.
        public var saturation: [PeakSaturation]?
        /// TIC minus the counts of peaks with I/N > 0.1 (ions), when N is known.
        public var ticWithoutSaturated: Double?
        /// Dead-time corrected TIC: TIC + Σ (corrected − registered counts) over the (disjoint) intervals (ions);
        /// `nil` when N is unknown or a peak is fully saturated.
        public var correctedTIC: Double?

        /// Creates a row from integrated areas.
        public init(sample: String, spot: String, areas: SpectrumPeakAreas) {
            self.sample = sample; self.spot = spot; self.areas = areas
        }

        /// The value of peak `k` under `normalization`; `nil` when it cannot be computed (no reference,
        /// zero denominator, N unknown) — never NaN or infinity.
        public func value(_ k: Int, _ normalization: PeakNormalization) -> Double? {
            switch normalization {
            case .raw: return areas.rawArea[k]
            case .counts: return areas.counts[k]
            case .tic: return areas.tic > 0 ? areas.ticNormalizedArea[k] : nil
            case .reference:
                guard let reference = referenceArea, reference > 0 else { return nil }
                return areas.rawArea[k] / reference
            case .ticWithoutSaturated:
                guard let total = ticWithoutSaturated, total > 0 else { return nil }
                return areas.rawArea[k] / total
            case .correctedTIC:
                guard let total = correctedTIC, total > 0, let saturation else { return nil }
                let counts = areas.counts[k]
                guard counts > 0 else { return 0 }
                guard let corrected = saturation[k].correctedCounts else { return nil }
                // The trapezoidal area scaled by the peak's dead-time correction factor.
                return areas.rawArea[k] * (corrected / counts) / total
            }
        }
    }

    /// The peaks (columns) in list order.
    public var peaks: [Peak]
    /// Positions of the reference peaks.
    public var referencePeaks: [Int]
    /// The spots (rows) in study order.
    public var rows: [Row]
    /// Whether N was known (saturation and corrected normalizations available).
    public var hasDeadTime: Bool

    /// Creates a table.
    public init(peaks: [Peak], referencePeaks: [Int], rows: [Row], hasDeadTime: Bool) {
        self.peaks = peaks; self.referencePeaks = referencePeaks; self.rows = rows; self.hasDeadTime = hasDeadTime
    }

    /// Normalizations that can be computed for this table, in a fixed order.
    public var availableNormalizations: [PeakNormalization] {
        var out: [PeakNormalization] = [.raw, .counts, .tic]
        if !referencePeaks.isEmpty { out.append(.reference) }
        if hasDeadTime { out += [.ticWithoutSaturated, .correctedTIC] }
        return out
    }

    /// Sample names in order of first appearance.
    public var samples: [String] {
        var seen = Set<String>(), out: [String] = []
        for row in rows where seen.insert(row.sample).inserted { out.append(row.sample) }
        return out
    }

    /// Values of peak `k` under `normalization` for the spots of `sample` (missing values dropped).
    public func values(peak k: Int, sample: String, _ normalization: PeakNormalization) -> [Double] {
        rows.filter { $0.sample == sample }.compactMap { $0.value(k, normalization) }
    }

    /// "Internally normalized" values of the paper's script: each value ÷ the maximum of that peak over all
    /// spots (`nil` where the value is missing or the maximum is not positive).
    public func internallyNormalized(_ normalization: PeakNormalization) -> [[Double?]] {
        var maxima = [Double](repeating: 0, count: peaks.count)
        for row in rows { for k in peaks.indices { if let v = row.value(k, normalization) { maxima[k] = max(maxima[k], v) } } }
        return rows.map { row in
            peaks.indices.map { k in
                guard let v = row.value(k, normalization), maxima[k] > 0 else { return nil }
                return v / maxima[k]
            }
        }
    }

    /// Positions of peaks whose intervals do not overlap an earlier-starting one (greedy by lower bound),
    /// so that sums over intervals count every data point once.
    public static func disjointPeaks(_ peaks: [Peak]) -> [Int] {
        let order = peaks.indices.sorted { (peaks[$0].interval.lower, $0) < (peaks[$1].interval.lower, $1) }
        var out: [Int] = []
        var end = -Double.infinity
        for k in order where peaks[k].interval.lower > end {
            out.append(k)
            end = peaks[k].interval.upper
        }
        return out.sorted()
    }
}
