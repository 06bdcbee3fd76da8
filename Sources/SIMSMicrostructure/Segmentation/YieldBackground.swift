import SIMSAnalysis

/// The smooth, multiplicative yield background of an image or volume: topography (height, local incidence angle,
/// shadowing, extraction-field distortion) scales every ion of a pixel alike, slowly across the field.
///
/// Given the relative total r = Gσ∗I_total ÷ (typical total of the pixel's phase) — about 1 on a flat solid, about
/// 0 in a pore — the background is the normalized convolution b = G_s∗(w·r) ÷ G_s∗w over the solid voxels
/// (Knutsson & Westin, Proc. CVPR 1993, 515: normalized convolution with a certainty map w). Pores are excluded
/// iteratively: w = 1 where r ≥ ``exclusionLevel``·b, else 0, starting from w = 1 everywhere. The scale s must be
/// much larger than the pores and particles and smaller than the topography; features smaller than s do not
/// enter b, so r ÷ b ≈ 1 on every solid and ≈ 0 in pores whatever the topography (Lombardo et al., JVST A 41
/// (2023) 053207, Sec. V: a per-pixel reference removes local yield variations).
///
/// ```swift
/// let background = YieldBackground(filter: GaussianFilter(sigma: 8)).fit(relative, width: w, height: h)
/// ```
public struct YieldBackground: Sendable, Equatable {
    /// The smoothing kernel of the background (σ in pixels; `sigmaZ` along planes of a stack).
    public var filter: GaussianFilter
    /// Voxels whose relative total is below this share of the current background are left out (pores).
    public var exclusionLevel: Double
    /// Exclusion passes.
    public var iterations: Int

    /// Configures the estimator.
    public init(filter: GaussianFilter, exclusionLevel: Double = 0.5, iterations: Int = 3) {
        self.filter = filter
        self.exclusionLevel = exclusionLevel
        self.iterations = iterations
    }

    /// The background of `relative` (one value per voxel, storage order of ``PhaseLabels``); 1 where no solid
    /// voxel lies within reach of the kernel.
    public func fit(_ relative: ContiguousArray<Double>, width: Int, height: Int, depth: Int = 1) -> ContiguousArray<Double> {
        let n = relative.count
        var weight = ContiguousArray<Double>(repeating: 1, count: n)
        var background = ContiguousArray<Double>(repeating: 1, count: n)
        for _ in 0 ..< max(1, iterations) {
            var weighted = ContiguousArray<Double>(repeating: 0, count: n)
            for i in 0 ..< n { weighted[i] = weight[i] * relative[i] }
            let numerator = filter.apply(weighted, width: width, height: height, depth: depth)
            let denominator = filter.apply(weight, width: width, height: height, depth: depth)
            for i in 0 ..< n {
                background[i] = denominator[i] > 1e-9 && numerator[i] > 0 ? numerator[i] / denominator[i] : 1
                weight[i] = relative[i] >= exclusionLevel * background[i] ? 1 : 0
            }
        }
        return background
    }
}
