import Foundation
import SIMSAnalysis
import SIMSMultivariate

/// Segmentation by clustering several channels at once (k-means or Gaussian mixture from `SIMSMultivariate`),
/// with clusters named by the phase rules.
///
/// Features per pixel: the smoothed share Gσ∗Iᵢ ÷ Gσ∗I_total of every marker ion, each scaled by its 98th
/// percentile, plus log(1 + smoothed total) ÷ its 98th percentile when a `low-total` phase is named. The number of
/// clusters is the number of phases. Cluster → phase: greedy on the cluster-mean score — a marked phase scores the
/// mean of its marker features, `low-total` scores 1 − scaled total — highest score first, one cluster per phase.
public struct MultichannelSegmentation: Sendable {
    /// Clustering algorithm.
    public enum Algorithm: Sendable { case kmeans, gaussianMixture }

    /// Phases in label order.
    public var rules: [PhaseRule]
    /// Algorithm.
    public var algorithm: Algorithm
    /// Smoothing before the shares.
    public var smoothing: GaussianFilter
    /// Islands below this size are merged.
    public var minimumIslandVoxels: Int
    /// Random seed of the clustering.
    public var seed: UInt64

    /// Configures the segmentation.
    public init(rules: [PhaseRule], algorithm: Algorithm, smoothing: GaussianFilter = GaussianFilter(sigma: 1),
                minimumIslandVoxels: Int = 0, seed: UInt64 = 0) {
        self.rules = rules
        self.algorithm = algorithm
        self.smoothing = smoothing
        self.minimumIslandVoxels = minimumIslandVoxels
        self.seed = seed
    }

    /// Segments `channels`.
    public func fit(_ channels: ImageChannels) throws(SIMSError) -> SegmentationResult {
        guard rules.count >= 2 else {
            throw .invalidArgument("clustering needs at least two phases", found: "\(rules.count)", expected: "≥ 2 --phase options")
        }
        let n = channels.voxelCount
        let smooth = { (values: ContiguousArray<Double>) in
            smoothing.apply(values, width: channels.width, height: channels.height, depth: channels.depth)
        }
        let total = smooth(channels.total)
        var ions: [String] = []
        for rule in rules { if case .ions(let list) = rule.marker { for ion in list where !ions.contains(ion) { ions.append(ion) } } }
        var features: [ContiguousArray<Double>] = []
        for ion in ions {
            guard let counts = channels.channel(ion) else {
                throw .invalidArgument("no image of ion \(ion)", found: ion, expected: "one of " + (channels.ions + ["total"]).joined(separator: ", "))
            }
            let share = try PixelNormalization().ratios(
                smooth(counts), reference: total, width: channels.width, height: channels.height, depth: channels.depth, ion: ion)
            features.append(Self.scaled(share))
        }
        let hasLowTotal = rules.contains { $0.marker == .lowTotal }
        if hasLowTotal { features.append(Self.scaled(ContiguousArray(total.map { log1p($0) }))) }
        let matrix = Matrix(rows: n, columns: features.count) { i, j in features[j][i] }
        let assignment: [Int]
        switch algorithm {
        case .kmeans: assignment = try KMeans(clusters: rules.count, seed: seed).fit(matrix).labels
        case .gaussianMixture: assignment = try GaussianMixture(components: rules.count, seed: seed).fit(matrix).predict(matrix)
        }
        // Cluster means of each feature.
        let k = rules.count
        var sums = [[Double]](repeating: [Double](repeating: 0, count: features.count), count: k)
        var counts = [Int](repeating: 0, count: k)
        for i in 0 ..< n {
            counts[assignment[i]] += 1
            for j in features.indices { sums[assignment[i]][j] += features[j][i] }
        }
        var scores: [(score: Double, rule: Int, cluster: Int)] = []
        for (r, rule) in rules.enumerated() {
            for c in 0 ..< k where counts[c] > 0 {
                let mean = { (j: Int) in sums[c][j] / Double(counts[c]) }
                switch rule.marker {
                case .lowTotal: scores.append((1 - mean(features.count - 1), r, c))
                case .ions(let list):
                    let value = list.map { mean(ions.firstIndex(of: $0)!) }.reduce(0, +) / Double(list.count)
                    scores.append((value, r, c))
                }
            }
        }
        var phaseOfCluster = [Int](repeating: -1, count: k)
        var assigned = Set<Int>()
        for entry in scores.sorted(by: { ($0.score, -$0.rule, -$0.cluster) > ($1.score, -$1.rule, -$1.cluster) })
        where phaseOfCluster[entry.cluster] < 0 && !assigned.contains(entry.rule) {
            phaseOfCluster[entry.cluster] = entry.rule
            assigned.insert(entry.rule)
        }
        // Empty clusters keep −1; no pixel uses them.
        let labels = ContiguousArray(assignment.map { UInt8(max(phaseOfCluster[$0], 0)) })
        var result = try PhaseLabels(
            width: channels.width, height: channels.height, depth: channels.depth, labels: labels,
            phases: rules.map(\.name), voxelSizeMicrometers: channels.pixelSizeMicrometers)
        var changed = 0
        if minimumIslandVoxels > 1 { (result, changed) = IslandRemoval(minimumVoxels: minimumIslandVoxels).apply(result) }
        return SegmentationResult(labels: result, thresholds: [:], voxelsChangedByIslandRemoval: changed)
    }

    /// `values` ÷ their 98th percentile (unchanged when that is 0).
    static func scaled(_ values: ContiguousArray<Double>) -> ContiguousArray<Double> {
        let sorted = values.sorted()
        let position = 0.98 * Double(sorted.count - 1)
        let lower = Int(position), upper = min(lower + 1, sorted.count - 1)
        let scale = sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
        return scale > 0 ? ContiguousArray(values.map { $0 / scale }) : values
    }
}
