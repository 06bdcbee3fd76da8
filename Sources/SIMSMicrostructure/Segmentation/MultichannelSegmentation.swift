import Foundation
import SIMSAnalysis
import SIMSMultivariate

/// Segmentation by clustering several channels at once (k-means or Gaussian mixture from `SIMSMultivariate`),
/// with clusters named by the phase rules.
///
/// The features are built so that topography and the total yield drop out, as in the threshold method
/// (``PhaseSegmentation``):
/// 1. Smooth every ion image and the total (``smoothing``). Provisional phases: each marked phase scores the mean
///    over its markers of the share rᵢ = Gσ∗Iᵢ ÷ Gσ∗I_total (`PixelNormalization`) ÷ its 99th percentile; the
///    highest score wins (the threshold method's step 2 without Otsu).
/// 2. Fraction scores f_p = mean over the markers of count ÷ level, the level being the median smoothed count of
///    the marker over the provisional pixels of its phase: about the area fraction of phase p in the pixel, times
///    the local yield. The composition q_p = f_p ÷ Σ f is free of the yield (topography scales all ions alike).
/// 3. Relative total (pores): t = Gσ∗I_total ÷ Σ_p q_p·T_p, T_p the median total of the pixels whose highest
///    fraction score is p (the total a solid of this composition should give), divided by the local yield
///    background (``YieldBackground``, scale ``backgroundSmoothing``): ≈ 1 on any solid whatever its yield or the
///    topography, well below 1 in pores.
/// 4. Features: √q_p of every marked phase (the square root stabilises the variance of counting noise, Anscombe,
///    Biometrika 35 (1948) 246, so that clusters are about equally wide, as k-means assumes) and t when a
///    `low-total` phase is named. Both are on a natural 0…1 scale; no further scaling.
/// 5. ``clustersPerPhase`` clusters per phase (pixels mixed at interfaces form clusters of their own instead of
///    pulling a phase's cluster across the boundary). Gaussian mixtures get ``regularization`` on every covariance
///    diagonal: the features have point masses (q = 0 where a marker has no counts) on which components collapse.
/// 6. Naming: a cluster whose mean t is at or below (t₁ + 1)/2, t₁ the 1st percentile of t, is `low-total` (the
///    threshold method's half-way criterion applied to cluster means); every other cluster takes the marked phase
///    of highest mean q_p. Several clusters may share a phase; a phase may get none.
/// 7. Islands below ``minimumIslandVoxels`` join their surroundings (``IslandRemoval``).
public struct MultichannelSegmentation: Sendable {
    /// Clustering algorithm.
    public enum Algorithm: Sendable { case kmeans, gaussianMixture }

    /// Phases in label order.
    public var rules: [PhaseRule]
    /// Algorithm.
    public var algorithm: Algorithm
    /// Smoothing before the shares.
    public var smoothing: GaussianFilter
    /// Scale of the yield (topography) background of the relative total (``YieldBackground``); `nil`: none.
    public var backgroundSmoothing: GaussianFilter?
    /// Clusters per phase.
    public var clustersPerPhase: Int
    /// Added to the covariance diagonals of the Gaussian mixture (features are on a 0…1 scale).
    public var regularization: Double
    /// Independent starts of the clustering (the best by inertia or likelihood wins).
    public var restarts: Int
    /// Islands below this size are merged.
    public var minimumIslandVoxels: Int
    /// Random seed of the clustering.
    public var seed: UInt64

    /// Configures the segmentation.
    public init(rules: [PhaseRule], algorithm: Algorithm, smoothing: GaussianFilter = GaussianFilter(sigma: 1),
                backgroundSmoothing: GaussianFilter? = GaussianFilter(sigma: 8), clustersPerPhase: Int = 2,
                regularization: Double = 0.03, restarts: Int = 4, minimumIslandVoxels: Int = 0, seed: UInt64 = 0) {
        self.rules = rules
        self.algorithm = algorithm
        self.smoothing = smoothing
        self.backgroundSmoothing = backgroundSmoothing
        self.clustersPerPhase = clustersPerPhase
        self.regularization = regularization
        self.restarts = restarts
        self.minimumIslandVoxels = minimumIslandVoxels
        self.seed = seed
    }

    /// The per-pixel features of ``MultichannelSegmentation``.
    public struct Features: Sendable {
        /// Indices (into the rules) of the ion-marked phases, in rule order.
        public var markedPhases: [Int]
        /// Composition q_p per marked phase (each sums to 1 over the phases in every pixel).
        public var composition: [ContiguousArray<Double>]
        /// Relative total t (≈ 1 on solids, low in pores).
        public var relativeTotal: ContiguousArray<Double>
    }

    /// Segments `channels`.
    public func fit(_ channels: ImageChannels) throws(SIMSError) -> SegmentationResult {
        guard rules.count >= 2 else {
            throw .invalidArgument("clustering needs at least two phases", found: "\(rules.count)", expected: "≥ 2 --phase options")
        }
        guard clustersPerPhase >= 1 else {
            throw .invalidArgument("clusters per phase must be positive", found: "\(clustersPerPhase)", expected: "≥ 1")
        }
        let n = channels.voxelCount
        let features = try self.features(channels)
        let poreIndex = rules.firstIndex { $0.marker == .lowTotal }
        let m = features.markedPhases.count
        let columns = m + (poreIndex == nil ? 0 : 1)
        let matrix = Matrix(rows: n, columns: columns) { i, j in
            j < m ? features.composition[j][i].squareRoot() : features.relativeTotal[i]
        }
        let k = min(clustersPerPhase * rules.count, n)
        let assignment: [Int]
        switch algorithm {
        case .kmeans: assignment = try KMeans(clusters: k, initializations: restarts, seed: seed).fit(matrix).labels
        case .gaussianMixture:
            assignment = try GaussianMixture(
                components: k, initializations: restarts, tolerance: 1e-6, regularization: regularization, seed: seed
            ).fit(matrix).predict(matrix)
        }
        // Cluster means of the composition and of the relative total.
        var sums = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: k)
        var counts = [Int](repeating: 0, count: k)
        for i in 0 ..< n {
            let c = assignment[i]
            counts[c] += 1
            for p in 0 ..< m { sums[c][p] += features.composition[p][i] }
            sums[c][m] += features.relativeTotal[i]
        }
        var thresholds: [String: Double] = [:]
        var poreCut = -Double.infinity
        if let poreIndex {
            poreCut = 0.5 * (min(MarkerScores.quantile(features.relativeTotal, 0.01), 1) + 1)
            thresholds["\(rules[poreIndex].name) cluster mean total relative to composition and local yield background"] = poreCut
        }
        var phaseOfCluster = [Int](repeating: features.markedPhases[0], count: k)
        for c in 0 ..< k where counts[c] > 0 {
            let mean = sums[c].map { $0 / Double(counts[c]) }
            if let poreIndex, mean[m] <= poreCut {
                phaseOfCluster[c] = poreIndex
            } else {
                var best = 0
                for p in 1 ..< m where mean[p] > mean[best] { best = p }
                phaseOfCluster[c] = features.markedPhases[best]
            }
        }
        let labels = ContiguousArray(assignment.map { UInt8(phaseOfCluster[$0]) })
        var result = try PhaseLabels(
            width: channels.width, height: channels.height, depth: channels.depth, labels: labels,
            phases: rules.map(\.name), voxelSizeMicrometers: channels.pixelSizeMicrometers)
        var changed = 0
        if minimumIslandVoxels > 1 { (result, changed) = IslandRemoval(minimumVoxels: minimumIslandVoxels).apply(result) }
        return SegmentationResult(labels: result, thresholds: thresholds, voxelsChangedByIslandRemoval: changed)
    }

    /// The topography-free features (steps 1–3): composition of the marked phases and relative total.
    public func features(_ channels: ImageChannels) throws(SIMSError) -> Features {
        let n = channels.voxelCount
        let (w, h, d) = (channels.width, channels.height, channels.depth)
        let marked = rules.indices.filter { rules[$0].marker != .lowTotal }
        guard !marked.isEmpty else {
            throw .invalidArgument("at least one phase must be marked by ions", expected: "NAME=ION,ION")
        }
        guard rules.filter({ $0.marker == .lowTotal }).count <= 1 else {
            throw .invalidArgument("only one phase can be marked low-total", found: rules.map(\.description).joined(separator: " "), expected: "one NAME=low-total")
        }
        let scores = try MarkerScores(rules: rules, channels: channels, smoothing: smoothing)
        let total = scores.total
        let m = marked.count
        // 1. Provisional phases from the share scores (shares of the total, each ÷ its 99th percentile).
        var provisional = [Int](repeating: 0, count: n)
        if m > 1 { provisional = MarkerScores.highest(try scores.shareScores()) }
        // 2. Fraction scores count ÷ level and the composition.
        let fraction = scores.fractionScores(assignment: provisional)
        var composition = [ContiguousArray<Double>](repeating: ContiguousArray(repeating: 1 / Double(m), count: n), count: m)
        var dominant = [Int](repeating: 0, count: n)
        for i in 0 ..< n {
            var sum = 0.0
            for p in 0 ..< m {
                sum += fraction[p][i]
                if fraction[p][i] > fraction[dominant[i]][i] { dominant[i] = p }
            }
            guard sum > 0 else { continue }
            for p in 0 ..< m { composition[p][i] = fraction[p][i] / sum }
        }
        // 3. Total relative to the composition's expected total and to the local yield background.
        var typical = [Double](repeating: 0, count: m)
        for p in 0 ..< m {
            var members = ContiguousArray<Double>()
            for i in 0 ..< n where dominant[i] == p { members.append(total[i]) }
            typical[p] = MarkerScores.quantile(members, 0.5)
        }
        var relative = ContiguousArray<Double>(repeating: 1, count: n)
        for i in 0 ..< n {
            var expected = 0.0
            for p in 0 ..< m { expected += composition[p][i] * typical[p] }
            if expected > 0 { relative[i] = total[i] / expected }
        }
        if let backgroundSmoothing {
            let background = YieldBackground(filter: backgroundSmoothing).fit(relative, width: w, height: h, depth: d)
            for i in 0 ..< n { relative[i] /= background[i] }
        }
        return Features(markedPhases: marked, composition: composition, relativeTotal: relative)
    }

}
