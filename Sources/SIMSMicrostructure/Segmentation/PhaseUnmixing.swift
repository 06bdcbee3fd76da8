import Foundation
import SIMSAnalysis
import SIMSMultivariate

/// Segments co-registered ion images into phases by linear unmixing of the smoothed counts of every ion, with the
/// signature of a thin interphase (e.g. a CEI shell thinner than a pixel, whose pure signal is never observed)
/// calibrated by closure.
///
/// Every pixel's smoothed counts are modelled as a sum of pure-phase signatures weighted by the amounts of the phases
/// in the pixel (area fractions × the local yield): yᵢ = Σ_c b_c S_{c,i}, the linear model of multivariate image
/// analysis (Lombardo et al., JVST A 41 (2023) 053207, Sec. V; Tauler, Chemom. Intell. Lab. Syst. 30 (1995) 133 for
/// its closure constraint). Unlike the marker shares of ``PhaseSegmentation`` it credits an ion emitted by two
/// phases (O⁻ from NCM and CEI, Cl⁻ from SE and CEI) to both, so a mixed pixel is split by its composition, and the
/// label is the phase with the largest total amount — the phase with the largest area in the pixel, which is how a
/// reference map at the raster's resolution is defined. Measured on the simulated cathode: the fractions and τ of
/// the threshold method drift with the dose (their errors at the preset dose are two biases that cancel), these
/// converge (docs/microstructure.md).
///
/// Components are the ion-marked rules. A rule whose name repeats an earlier rule's (`--phase SE=S-,Cl-,PS_2-
/// --phase SE=SO_3-,PO_3-`) is an *interphase component* of that phase: its amounts count for the phase, and since
/// no pixel is pure, its signature is calibrated from the data (`PhaseUnmixing+Calibration.swift`):
///
/// 1. Smoothing of every ion image and of the total (σ in pixels, ``smoothing``).
/// 2. Provisional labels of the components by the threshold method's steps 2–2b (``MarkerScores``).
/// 3. Signatures of the other components: median smoothed count of every ion over their provisional pixels.
/// 4. Interphase signatures: direction by an errors-in-variables regression, scale by closure (see
///    `PhaseUnmixing+Calibration.swift`).
/// 5. Per pixel, the amounts by non-negative least squares (SIMSMultivariate `NonNegativeLeastSquares`; ion i weighted by
///    1/√(largest level of i), roughly the Poisson weight); amounts of components of the same phase added; highest
///    amount wins.
/// 6. `low-total` pores and island removal as in ``PhaseSegmentation`` (steps 3 and 4).
///
/// The counts must be raw counts (Poisson statistics enter the calibration), not normalized images.
public struct PhaseUnmixing: Sendable {
    /// The phase rules in label order; a repeated name adds an interphase component to that phase.
    public var rules: [PhaseRule]
    /// Smoothing of the ion images before unmixing.
    public var smoothing: GaussianFilter
    /// Islands smaller than this (voxels) are merged into their surroundings (0 or 1: keep all).
    public var minimumIslandVoxels: Int
    /// Scale of the yield background of the `low-total` phase (``YieldBackground``); `nil`: one level per phase.
    public var backgroundSmoothing: GaussianFilter?
    /// Scale of the local yield in the closure calibration of interphases (σ in pixels, also along the planes of a
    /// stack; default 3: larger than an interphase, smaller than the topography).
    public var closureSmoothing: GaussianFilter

    /// Configures the unmixing.
    public init(rules: [PhaseRule], smoothing: GaussianFilter = GaussianFilter(sigma: 1), minimumIslandVoxels: Int = 0,
                backgroundSmoothing: GaussianFilter? = GaussianFilter(sigma: 8), closureSmoothing: GaussianFilter = GaussianFilter(sigma: 3, sigmaZ: 3)) {
        self.rules = rules
        self.smoothing = smoothing
        self.minimumIslandVoxels = minimumIslandVoxels
        self.backgroundSmoothing = backgroundSmoothing
        self.closureSmoothing = closureSmoothing
    }

    /// A component of the unmixing: one ion-marked rule and its signature.
    public struct Component: Sendable, Equatable {
        /// The rule.
        public var rule: PhaseRule
        /// Whether it is an interphase component (a repeated phase name), calibrated by closure.
        public var isInterphase: Bool
        /// The marker ion most specific to this component: largest ratio of its mean over the component's provisional
        /// pixels to its largest mean over another component's.
        public var specificMarker: String
        /// Smoothed counts of every ion (order of ``UnmixingResult/ions``) in the pure component at the typical yield.
        public var signature: [Double]
        /// For an interphase: relative standard error of its calibrated level (block jackknife); `nil` otherwise.
        public var levelRelativeStandardError: Double?
    }

    /// Above this relative standard error of an interphase level the result carries a warning.
    public static let reliableLevelError = 0.1

    /// Unmixes `channels`; throws when a marker ion is missing, the rules cannot be applied or the calibration fails.
    public func fit(_ channels: ImageChannels) throws(SIMSError) -> UnmixingResult {
        let plan = try Plan(rules: rules, channels: channels)
        let (width, height, depth) = (channels.width, channels.height, channels.depth)
        let n = channels.voxelCount
        let ions = channels.ions
        // 1–2. Smoothing and provisional labels of the components.
        let componentRules = plan.components.map { rules[$0] }
        let scores = try MarkerScores(rules: componentRules, channels: channels, smoothing: smoothing)
        let smoothed = ions.indices.map { i in scores.smoothed[ions[i]] ?? smoothing.apply(channels.counts[i], width: width, height: height, depth: depth) }
        let provisional = MarkerScores.highest(scores.fractionScores(assignment: MarkerScores.highest(try scores.shareScores())))
        // 3. Signatures of the components with pure pixels; specific markers of all.
        let k = componentRules.count
        var members = [[Int]](repeating: [], count: k)
        for v in 0 ..< n { members[provisional[v]].append(v) }
        for c in 0 ..< k where !plan.isInterphase[c] && members[c].isEmpty {
            throw SIMSError(.numerical, "phase \(componentRules[c].name) (\(componentRules[c].description)) has no pixel of its own",
                            expected: "markers that dominate somewhere in the image")
        }
        var median = [[Double]](repeating: [Double](repeating: 0, count: ions.count), count: k)
        var mean = median
        for c in 0 ..< k {
            for i in ions.indices {
                let values = ContiguousArray(members[c].map { smoothed[i][$0] })
                median[c][i] = MarkerScores.quantile(values, 0.5)
                mean[c][i] = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
            }
        }
        var components = (0 ..< k).map { c in
            Component(rule: componentRules[c], isInterphase: plan.isInterphase[c],
                      specificMarker: Self.specificMarker(of: c, rules: componentRules, ions: ions, mean: mean), signature: median[c])
        }
        // Solid voxels (for the closure): not provisionally pore.
        let pores = LowTotalPores(backgroundSmoothing: backgroundSmoothing)
        var solid = [Bool](repeating: true, count: n)
        if plan.poreRule != nil {
            let relative = pores.relativeTotal(scores.total, labels: provisional.map { UInt8($0) }, phases: 0 ..< k, width: width, height: height, depth: depth)
            let threshold = pores.threshold(relative)
            for v in 0 ..< n { solid[v] = relative[v] > threshold }
        }
        // 4. Interphase signatures.
        var thresholds: [String: Double] = [:]
        var warnings: [String] = []
        if plan.isInterphase.contains(true) {
            let calibrated = try interphaseSignatures(components: components, channels: channels, smoothed: smoothed, solid: solid)
            for c in 0 ..< k where plan.isInterphase[c] {
                components[c].signature = calibrated.signatures[c]
                let error = calibrated.relativeStandardErrors[c] ?? .infinity
                components[c].levelRelativeStandardError = error
                let s = components[c].specificMarker
                let name = "\(components[c].rule.description) pure level of \(s) (smoothed counts)"
                thresholds[name] = calibrated.signatures[c][ions.firstIndex(of: s)!]
                thresholds[name + ", relative standard error"] = error
                if !(error <= Self.reliableLevelError) {
                    warnings.append("interphase \(components[c].rule.description): its calibrated level is uncertain (relative standard error "
                                    + "\(Int((100 * error).rounded())) % > \(Int(100 * Self.reliableLevelError)) %); pixels may be too coarse or the counts too few")
                }
            }
        }
        // 5. Amounts per voxel; highest phase amount wins.
        let weights = Self.ionWeights(components)
        let design = Matrix(rows: ions.count, columns: k) { i, c in components[c].signature[i] * weights[i] }
        let solver = NonNegativeLeastSquares(design: design)
        var workspace = NonNegativeLeastSquares.Workspace()
        var labels = ContiguousArray<UInt8>(repeating: 0, count: n)
        var h = [Double](repeating: 0, count: k)
        var amount = [Double](repeating: 0, count: plan.phases.count)
        for v in 0 ..< n {
            for c in 0 ..< k {
                var sum = 0.0
                for i in ions.indices { sum += design[i, c] * smoothed[i][v] * weights[i] }
                h[c] = sum
            }
            let x = try solver.solve(crossProduct: h, workspace: &workspace)
            for p in amount.indices { amount[p] = -1 }
            for c in 0 ..< k { amount[plan.phaseOfComponent[c]] = max(amount[plan.phaseOfComponent[c]], 0) + x[c] }
            var best = plan.phaseOfComponent[0]
            for p in amount.indices where amount[p] > amount[best] { best = p }
            labels[v] = UInt8(best)
        }
        // 6. Pores and islands.
        if let poreRule = plan.poreRule {
            let poreLabel = plan.phases.firstIndex(of: rules[poreRule].name)!
            let relative = pores.relativeTotal(scores.total, labels: labels, phases: Set(plan.phaseOfComponent), width: width, height: height, depth: depth)
            let threshold = pores.threshold(relative)
            thresholds[pores.thresholdName(rules[poreRule].name)] = threshold
            for v in 0 ..< n where relative[v] <= threshold { labels[v] = UInt8(poreLabel) }
        }
        var phaseLabels = try PhaseLabels(width: width, height: height, depth: depth, labels: labels, phases: plan.phases,
                                          voxelSizeMicrometers: channels.pixelSizeMicrometers)
        var changed = 0
        if minimumIslandVoxels > 1 {
            (phaseLabels, changed) = IslandRemoval(minimumVoxels: minimumIslandVoxels).apply(phaseLabels)
        }
        return UnmixingResult(segmentation: SegmentationResult(labels: phaseLabels, thresholds: thresholds, voxelsChangedByIslandRemoval: changed),
                              components: components, ions: ions, warnings: warnings)
    }

    /// The marker of component `c` whose mean over the component's provisional pixels is largest relative to its
    /// largest mean over another component's pixels.
    static func specificMarker(of c: Int, rules: [PhaseRule], ions: [String], mean: [[Double]]) -> String {
        guard case .ions(let markers) = rules[c].marker else { return "" }
        return markers.max { a, b in contrast(a) < contrast(b) } ?? markers[0]
        func contrast(_ ion: String) -> Double {
            let i = ions.firstIndex(of: ion)!
            let others = mean.indices.filter { $0 != c }.map { mean[$0][i] }.max() ?? 0
            return mean[c][i] / max(others, 1e-9 * max(mean[c][i], 1e-300))
        }
    }

    /// Weight of each ion in the least squares: 1/√(largest level among the non-interphase components), roughly
    /// the inverse Poisson standard deviation at that level.
    static func ionWeights(_ components: [Component]) -> [Double] {
        let count = components.first?.signature.count ?? 0
        return (0 ..< count).map { i in
            let level = components.filter { !$0.isInterphase }.map { $0.signature[i] }.max() ?? 0
            return 1 / max(level, 1e-6).squareRoot()
        }
    }
}

/// The outcome of ``PhaseUnmixing``.
public struct UnmixingResult: Sendable {
    /// Labels (phases in order of first appearance of their names), thresholds (the pore threshold, the calibrated
    /// interphase levels) and island statistics.
    public var segmentation: SegmentationResult
    /// The components with their signatures.
    public var components: [PhaseUnmixing.Component]
    /// The ions of the signatures.
    public var ions: [String]
    /// Doubts about the result (an uncertain interphase calibration).
    public var warnings: [String]
}
