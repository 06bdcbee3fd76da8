/// Segments co-registered ion images into named phases from marker ions (threshold method).
///
/// 1. Smooth every ion image and the total with a ``GaussianFilter`` (σ in pixels; counting noise dominates
///    single-pixel values), then form per-pixel shares rᵢ = Gσ∗Iᵢ ÷ Gσ∗I_total (zero-safe: 0 where the smoothed
///    total is 0). Smoothing counts before dividing keeps the ratio of two noisy numbers stable.
/// 2. A `low-total` phase takes the pixels at or below the Otsu threshold of the smoothed total.
/// 3. Each ion-marked phase gets a score: the mean over its marker ions of rᵢ ÷ (98th percentile of rᵢ over the
///    remaining pixels) — about 1 in the pure phase, whatever the ion's yield. With two marked phases the share
///    s₁/(s₁+s₂) is thresholded by Otsu; with more, each pixel takes the phase of highest share.
/// 4. Face-connected islands below ``minimumIslandVoxels`` join the surrounding phase (``IslandRemoval``).
///
/// Multi-channel clustering (k-means / Gaussian mixture) lives in the workflow layer, which may use
/// `SIMSMultivariate`; this estimator depends on nothing but the images.
public struct PhaseSegmentation: Sendable {
    /// The phases, in label order.
    public var rules: [PhaseRule]
    /// Smoothing before the ratios.
    public var smoothing: GaussianFilter
    /// Islands smaller than this (voxels) are merged into their surroundings (0 or 1: keep all).
    public var minimumIslandVoxels: Int

    /// Configures the segmentation.
    public init(rules: [PhaseRule], smoothing: GaussianFilter = GaussianFilter(sigma: 1), minimumIslandVoxels: Int = 0) {
        self.rules = rules
        self.smoothing = smoothing
        self.minimumIslandVoxels = minimumIslandVoxels
    }

    /// Segments `channels`; throws when a marker ion is missing or the rules cannot be applied.
    public func fit(_ channels: ImageChannels) throws(SIMSError) -> SegmentationResult {
        try validate(against: channels)
        let n = channels.voxelCount
        let smooth = { (values: ContiguousArray<Double>) in
            smoothing.apply(values, width: channels.width, height: channels.height, depth: channels.depth)
        }
        let total = smooth(channels.total)
        var labels = ContiguousArray<UInt8>(repeating: UInt8.max, count: n)
        var thresholds: [String: Double] = [:]
        // 2. Pores from a low total.
        if let poreIndex = rules.firstIndex(where: { $0.marker == .lowTotal }) {
            let threshold = try OtsuThreshold().fit(total)[0]
            thresholds["\(rules[poreIndex].name) total"] = threshold
            for i in 0 ..< n where total[i] <= threshold { labels[i] = UInt8(poreIndex) }
        }
        let remaining = (0 ..< n).filter { labels[$0] == UInt8.max }
        let marked = rules.indices.filter { rules[$0].marker != .lowTotal }
        if marked.count == 1 {
            for i in remaining { labels[i] = UInt8(marked[0]) }
        } else if !remaining.isEmpty {
            // 3. Scores per marked phase.
            var scores: [ContiguousArray<Double>] = []
            for index in marked {
                guard case .ions(let ions) = rules[index].marker else { continue }
                var score = ContiguousArray<Double>(repeating: 0, count: n)
                for ion in ions {
                    let smoothed = smooth(channels.channel(ion)!)
                    var share = ContiguousArray<Double>(repeating: 0, count: n)
                    for i in 0 ..< n where total[i] > 0 { share[i] = smoothed[i] / total[i] }
                    let scale = Self.percentile(remaining.map { share[$0] }, 0.98)
                    guard scale > 0 else {
                        throw SIMSError(.numerical, "ion \(ion) (phase \(rules[index].name)) is absent from the images", found: "share 0 in 98 % of the pixels", expected: "a marker ion present in its phase")
                    }
                    for i in remaining { score[i] += share[i] / scale / Double(ions.count) }
                }
                scores.append(score)
            }
            if marked.count == 2 {
                let share = remaining.map { i -> Double in
                    let sum = scores[0][i] + scores[1][i]
                    return sum > 0 ? scores[0][i] / sum : 0.5
                }
                let threshold = try OtsuThreshold().fit(share)[0]
                thresholds["\(rules[marked[0]].name) share"] = threshold
                for (j, i) in remaining.enumerated() { labels[i] = UInt8(share[j] > threshold ? marked[0] : marked[1]) }
            } else {
                for i in remaining {
                    var best = 0
                    for p in 1 ..< marked.count where scores[p][i] > scores[best][i] { best = p }
                    labels[i] = UInt8(marked[best])
                }
            }
        }
        var phaseLabels = try PhaseLabels(
            width: channels.width, height: channels.height, depth: channels.depth, labels: labels,
            phases: rules.map(\.name), voxelSizeMicrometers: channels.pixelSizeMicrometers)
        var changed = 0
        if minimumIslandVoxels > 1 {
            (phaseLabels, changed) = IslandRemoval(minimumVoxels: minimumIslandVoxels).apply(phaseLabels)
        }
        return SegmentationResult(labels: phaseLabels, thresholds: thresholds, voxelsChangedByIslandRemoval: changed)
    }

    private func validate(against channels: ImageChannels) throws(SIMSError) {
        guard rules.count >= 2 else {
            throw .invalidArgument("segmentation needs at least two phases", found: rules.map(\.description).joined(separator: " "), expected: "e.g. --phase NCM=NiO2- --phase SE=PS3- --phase pore=low-total")
        }
        guard rules.count <= 255, Set(rules.map(\.name)).count == rules.count else {
            throw .invalidArgument("phase names must be unique", found: rules.map(\.name).joined(separator: ", "), expected: "distinct names")
        }
        guard rules.filter({ $0.marker == .lowTotal }).count <= 1 else {
            throw .invalidArgument("only one phase can be marked low-total", found: rules.map(\.description).joined(separator: " "), expected: "one NAME=low-total")
        }
        guard rules.contains(where: { $0.marker != .lowTotal }) else {
            throw .invalidArgument("at least one phase must be marked by ions", expected: "NAME=ION,ION")
        }
        for rule in rules {
            guard case .ions(let ions) = rule.marker else { continue }
            for ion in ions where channels.channel(ion) == nil {
                throw .invalidArgument("phase \(rule.name): no image of ion \(ion)", found: ion, expected: "one of " + (channels.ions + ["total"]).joined(separator: ", "))
            }
        }
    }

    /// The `q`-quantile (linear interpolation, NumPy's default) of `values`; 0 when empty.
    static func percentile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let lower = Int(position), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}

/// The outcome of ``PhaseSegmentation``.
public struct SegmentationResult: Sendable {
    /// The labels, phases in rule order, voxel size from the images.
    public var labels: PhaseLabels
    /// Thresholds used, by name (`pore total` in counts, `NCM share` in 0…1).
    public var thresholds: [String: Double]
    /// Voxels relabelled by island removal.
    public var voxelsChangedByIslandRemoval: Int
}
