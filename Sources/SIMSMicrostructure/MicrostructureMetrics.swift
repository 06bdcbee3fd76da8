import SIMSAnalysis

/// Every microstructure number of one labelled image or volume: phase fractions, specific interface areas,
/// connected components and percolation, tortuosity factors per phase and axis, and the particle size
/// distribution of the active phase.
public struct MicrostructureMetrics: Sendable {
    /// The labels analysed.
    public var labels: PhaseLabels
    /// Area (volume) fraction per phase, label order.
    public var fractions: [Double]
    /// Specific interface areas of all phase pairs.
    public var interfaces: InterfaceAreaResult
    /// Connected components per phase, label order.
    public var components: [ComponentLabeling]
    /// Tortuosity solves per phase (label order) and axis; empty for phases not requested.
    public var tortuosity: [[DiffusionResult]]
    /// Particle sizes of the active phase, when one was named or found.
    public var particles: ParticleSizeDistribution?

    /// Computes all metrics of `labels`.
    /// - Parameters:
    ///   - labels: the segmented phase map (2-D or 3-D), with its voxel size in µm when known.
    ///   - connectivity: for components, percolation and particles.
    ///   - activePhase: phase sized as particles (`nil`: none).
    ///   - tortuosityPhases: phases whose tortuosity factors are computed (`nil`: all).
    ///   - tolerance: relative residual of the tortuosity solves.
    ///   - progress: receives one step per tortuosity solve.
    public init(
        labels: PhaseLabels, connectivity: Connectivity = .face, activePhase: String? = nil,
        tortuosityPhases: [String]? = nil, tolerance: Double = 1e-8,
        progress: any SIMSCore.ProgressReporting = SilentProgress()
    ) throws(SIMSError) {
        self.labels = labels
        fractions = labels.phaseFractions
        interfaces = InterfaceArea().fit(labels)
        components = labels.phases.indices.map { ConnectedComponents(connectivity: connectivity).fit(labels, label: UInt8($0)) }
        var tortuosity: [[DiffusionResult]] = []
        for phase in tortuosityPhases ?? [] where labels.label(of: phase) == nil {
            throw .invalidArgument("tortuosity requested for an unknown phase", found: phase, expected: labels.phases.joined(separator: ", "))
        }
        let solves = labels.phases.filter { tortuosityPhases?.contains($0) ?? true }.count * labels.axes.count
        var solved = 0
        for (index, phase) in labels.phases.enumerated() {
            var perAxis: [DiffusionResult] = []
            for axis in labels.axes where tortuosityPhases?.contains(phase) ?? true {
                progress.report(task: "tortuosity (phase × axis)", completed: solved, total: solves)
                solved += 1
                let result = try TortuosityFactor(axis: axis, tolerance: tolerance).fit(labels, label: UInt8(index))
                if !result.converged {
                    progress.warn("tortuosity of \(phase) along \(axis.rawValue) did not converge (relative residual \(result.relativeResidual) after \(result.iterations) iterations)")
                }
                perAxis.append(result)
            }
            tortuosity.append(perAxis)
        }
        if solves > 0 { progress.report(task: "tortuosity (phase × axis)", completed: solves, total: solves) }
        self.tortuosity = tortuosity
        if let activePhase {
            particles = try ParticleSizes(connectivity: connectivity).fit(labels, phase: activePhase)
        }
    }

    /// The length unit of the results: `µm` with a voxel size, else `voxel`.
    public var lengthUnit: String { labels.voxelSizeMicrometers == nil ? "voxel" : "µm" }
}
