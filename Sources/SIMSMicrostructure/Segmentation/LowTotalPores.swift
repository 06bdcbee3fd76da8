import SIMSAnalysis

/// Step 3 of the segmentations (``PhaseSegmentation``, ``PhaseUnmixing``): a `low-total` phase (pores) takes the
/// voxels whose relative total is at or below the midpoint (t_pore + 1)/2, t_pore the 1st percentile of the relative
/// totals — the 50 % criterion for an edge blurred by the beam.
///
/// The relative total is the smoothed total ÷ the median total of the phase the voxel was given (solids differ among
/// themselves in total yield) ÷ the local yield background (``YieldBackground``): topography scales every ion of a
/// region alike, so a dark but solid region has relative total ≈ 1 and only missing signal reads as pore. A midpoint
/// rather than Otsu, because pores are usually a few % of the voxels and Otsu is biased for such unbalanced classes.
public struct LowTotalPores: Sendable {
    /// Scale of the yield background; `nil`: one global level per phase (a flat sample).
    public var backgroundSmoothing: GaussianFilter?

    /// Configures the rule.
    public init(backgroundSmoothing: GaussianFilter?) { self.backgroundSmoothing = backgroundSmoothing }

    /// Total ÷ median total of the voxel's phase (among `phases`) ÷ local background.
    public func relativeTotal(_ total: ContiguousArray<Double>, labels: some RandomAccessCollection<UInt8>, phases: some Sequence<Int>,
                       width: Int, height: Int, depth: Int) -> ContiguousArray<Double> {
        let labels = ContiguousArray(labels)  // one pass through the generic collection, then concrete loops
        var members = [ContiguousArray<Double>](repeating: [], count: 256)
        for i in total.indices { members[Int(labels[i])].append(total[i]) }
        var level = [Double](repeating: 0, count: 256)
        for phase in phases { level[phase] = MarkerScores.quantile(members[phase], 0.5) }
        var relative = ContiguousArray<Double>(repeating: 1, count: total.count)
        for i in total.indices {
            let l = level[Int(labels[i])]
            relative[i] = l > 0 ? total[i] / l : 1
        }
        if let backgroundSmoothing {
            let background = YieldBackground(filter: backgroundSmoothing).fit(relative, width: width, height: height, depth: depth)
            for i in relative.indices { relative[i] /= background[i] }
        }
        return relative
    }

    /// The midpoint between the pore level (1st percentile, at most 1) and the solid level 1.
    public func threshold(_ relative: ContiguousArray<Double>) -> Double {
        0.5 * (min(MarkerScores.quantile(relative, 0.01), 1) + 1)
    }

    /// The name under which the threshold is recorded.
    public func thresholdName(_ phase: String) -> String {
        "\(phase) total relative to phase median" + (backgroundSmoothing == nil ? "" : " and local yield background")
    }
}
