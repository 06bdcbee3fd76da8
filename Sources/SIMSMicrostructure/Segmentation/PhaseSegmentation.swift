import Foundation
import SIMSAnalysis

/// Segments co-registered ion images into named phases from marker ions (threshold method).
///
/// 1. Smooth every ion image and the total with a `GaussianFilter` (σ in pixels; counting noise dominates
///    single-pixel values), then form per-pixel shares rᵢ = Gσ∗Iᵢ ÷ Gσ∗I_total with the images module's
///    `PixelNormalization` (share 0 where the smoothed total is 0). Smoothing counts before dividing keeps the
///    ratio of two noisy numbers stable.
/// 2. Each ion-marked phase gets a score: the mean over its marker ions of rᵢ ÷ (99th percentile of rᵢ) — about 1
///    in the pure phase, whatever the ion's yield. With two marked phases the share s₁/(s₁+s₂) is thresholded by
///    Otsu; with more, each pixel takes the phase of highest score.
/// 2b. Refinement: each marker's level is the median of its smoothed counts over the pixels of its phase; the
///    phase score is the mean of count ÷ level over its markers — the estimated area fraction of the phase in the
///    pixel. Compared within a pixel these are free of the total and of topography (which scales all ions alike)
///    and unbiased at beam-blurred edges, where shares of the total favour the phase of higher total yield. Each
///    pixel takes the phase of highest score.
/// 3. A `low-total` phase (pores) takes the pixels whose relative total is at or below the midpoint
///    (t_pore + 1)/2, t_pore the 1st percentile of the relative totals — the 50 % criterion for an edge blurred by
///    the beam. The relative total is the smoothed total ÷ the median total of the phase the pixel was given in
///    step 2 (solids differ among themselves in total yield) ÷ the local yield background (``YieldBackground``,
///    scale ``backgroundSmoothing``): topography scales every ion of a region alike, so a dark but solid region
///    has relative total ≈ 1 and only missing signal reads as pore. A midpoint rather than Otsu, because pores are
///    usually a few % of the pixels and Otsu is biased for such unbalanced classes. (``LowTotalPores``, shared with ``PhaseUnmixing``.)
/// 4. Face-connected islands below ``minimumIslandVoxels`` join the surrounding phase (``IslandRemoval``).
///
/// Multi-channel clustering (k-means / Gaussian mixture) is ``MultichannelSegmentation``, unmixing by
/// non-negative least squares ``PhaseUnmixing``; this estimator depends on nothing but the images.
public struct PhaseSegmentation: Sendable {
    /// The phases, in label order.
    public var rules: [PhaseRule]
    /// Smoothing before the ratios.
    public var smoothing: GaussianFilter
    /// Islands smaller than this (voxels) are merged into their surroundings (0 or 1: keep all).
    public var minimumIslandVoxels: Int
    /// Scale of the yield (topography) background against which pores are judged (σ in pixels, ``YieldBackground``);
    /// `nil`: one global level per phase (a flat sample).
    public var backgroundSmoothing: GaussianFilter?

    /// Configures the segmentation.
    public init(rules: [PhaseRule], smoothing: GaussianFilter = GaussianFilter(sigma: 1), minimumIslandVoxels: Int = 0,
                backgroundSmoothing: GaussianFilter? = GaussianFilter(sigma: 8)) {
        self.rules = rules
        self.smoothing = smoothing
        self.minimumIslandVoxels = minimumIslandVoxels
        self.backgroundSmoothing = backgroundSmoothing
    }

    /// Segments `channels`; throws when a marker ion is missing or the rules cannot be applied.
    public func fit(_ channels: ImageChannels) throws(SIMSError) -> SegmentationResult {
        try validate(against: channels)
        let n = channels.voxelCount
        let scores = try MarkerScores(rules: rules, channels: channels, smoothing: smoothing)
        let total = scores.total
        var labels = ContiguousArray<UInt8>(repeating: 0, count: n)
        var thresholds: [String: Double] = [:]
        let poreIndex = rules.firstIndex(where: { $0.marker == .lowTotal })
        let marked = rules.indices.filter { rules[$0].marker != .lowTotal }
        // 2. Solid phases from the marker share scores (all pixels; pores are separated afterwards).
        let all = Array(0 ..< n)
        if marked.count == 1 {
            for i in all { labels[i] = UInt8(marked[0]) }
        } else {
            let shares = try scores.shareScores()
            if marked.count == 2 {
                let share = all.map { i -> Double in
                    let sum = shares[0][i] + shares[1][i]
                    return sum > 0 ? shares[0][i] / sum : 0.5
                }
                let threshold = try OtsuThreshold().fit(share)[0]
                thresholds["\(rules[marked[0]].name) share"] = threshold
                for i in all { labels[i] = UInt8(share[i] > threshold ? marked[0] : marked[1]) }
            } else {
                for (i, best) in MarkerScores.highest(shares).enumerated() { labels[i] = UInt8(marked[best]) }
            }
        }
        // 2b. Refinement: the fraction scores (count ÷ level, level = median over the pixels given the phase), i.e.
        //     the estimated area fraction of each phase in the pixel. Comparing these within a pixel is free of the
        //     total (and of topography, which scales all ions alike) and unbiased at blurred edges, where a share of
        //     the total would favour the phase of higher total yield. Each pixel takes the phase of highest score.
        if marked.count >= 2 {
            let fractions = scores.fractionScores(assignment: labels.lazy.map { marked.firstIndex(of: Int($0)) ?? -1 })
            for (i, best) in MarkerScores.highest(fractions).enumerated() { labels[i] = UInt8(marked[best]) }
        }
        // 3. Pores: total low relative to the typical total of the phase the pixel was given, so that two solids
        //    of different total yield are not mistaken for solid and pore, and relative to the local yield
        //    background, so that topography is not either. t = total ÷ median total of the phase ÷ background.
        if let poreIndex {
            let pores = LowTotalPores(backgroundSmoothing: backgroundSmoothing)
            let relative = pores.relativeTotal(total, labels: labels, phases: marked, width: channels.width, height: channels.height, depth: channels.depth)
            let threshold = pores.threshold(relative)
            thresholds[pores.thresholdName(rules[poreIndex].name)] = threshold
            for i in all where relative[i] <= threshold { labels[i] = UInt8(poreIndex) }
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

}

/// The outcome of ``PhaseSegmentation``.
public struct SegmentationResult: Sendable {
    /// The labels, phases in rule order, voxel size from the images.
    public var labels: PhaseLabels
    /// Thresholds used, by name (`pore total relative to phase median`, `NCM share` in 0…1).
    public var thresholds: [String: Double]
    /// Voxels relabelled by island removal.
    public var voxelsChangedByIslandRemoval: Int

    /// Creates a result.
    public init(labels: PhaseLabels, thresholds: [String: Double], voxelsChangedByIslandRemoval: Int) {
        self.labels = labels
        self.thresholds = thresholds
        self.voxelsChangedByIslandRemoval = voxelsChangedByIslandRemoval
    }
}
