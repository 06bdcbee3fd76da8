/// Tortuosity factor of one phase along one axis, as TauFactor defines it (Cooper, Bertei, Shearing, Kilner,
/// Brandon: "TauFactor: An open-source application for calculating tortuosity factors from tomographic data",
/// SoftwareX 5 (2016) 203–210).
///
/// Steady-state diffusion is solved on the voxels of the phase (diffusivity D = 1, all other phases insulating) with
/// c = 1 on the inlet face (coordinate 0 along ``axis``) and c = 0 on the outlet face, no flux elsewhere; the faces
/// are the outer faces of the first and last voxel layer (half a voxel beyond their centres). Then
///
///     D_eff/D = J·L / (A·ΔC)        τ = ε / (D_eff/D)
///
/// with J the total flux (mean of inlet and outlet), L the length in voxels, A the full cross-section in voxels
/// (all phases), ΔC = 1 and ε the volume (area) fraction of the phase. A phase with no face-connected path between
/// the two faces has D_eff = 0 and τ = +∞ (reported, not thrown). Solver details: ``DiffusionResult`` and the
/// discretisation notes in `docs/microstructure.md`.
///
/// ```swift
/// let tau = try TortuosityFactor(axis: .z).fit(labels, phase: "pore").tortuosityFactor
/// ```
public struct TortuosityFactor: Sendable {
    /// Transport direction.
    public var axis: Axis
    /// Convergence criterion: relative residual ‖b − A c‖₂/‖b‖₂ of the conjugate-gradient solve.
    public var tolerance: Double
    /// Iteration limit; `nil` chooses 20 × (sum of the extents) + 1000 (multigrid-preconditioned CG needs tens).
    public var maximumIterations: Int?

    /// Configures the computation.
    public init(axis: Axis, tolerance: Double = 1e-8, maximumIterations: Int? = nil) {
        self.axis = axis
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
    }

    /// Solves for the phase named `phase`; throws when the phase or axis does not exist.
    public func fit(
        _ labels: PhaseLabels, phase: String, progress: (any ProgressReporting)? = nil
    ) throws(SIMSError) -> DiffusionResult {
        guard let label = labels.label(of: phase) else {
            throw .invalidArgument("unknown phase for the tortuosity factor", found: phase, expected: labels.phases.joined(separator: ", "))
        }
        return try fit(labels, label: label, progress: progress)
    }

    /// Solves for the phase with label `label`.
    public func fit(
        _ labels: PhaseLabels, label: UInt8, progress: (any ProgressReporting)? = nil
    ) throws(SIMSError) -> DiffusionResult {
        guard Int(label) < labels.phases.count else {
            throw .invalidArgument("label out of range", found: "\(label)", expected: "0..<\(labels.phases.count)")
        }
        var diffusivities = [Double](repeating: 0, count: labels.phases.count)
        diffusivities[Int(label)] = 1
        var result = try DiffusionSolver.configured(
            for: labels, axis: axis, diffusivities: diffusivities, tolerance: tolerance,
            maximumIterations: maximumIterations
        ).solve(labels.labels, progress: progress)
        result.tortuosityFactor = result.effectiveDiffusivity > 0 ? result.volumeFraction / result.effectiveDiffusivity : .infinity
        return result
    }
}

/// Effective diffusivity (or conductivity) of a multi-phase image or volume along one axis, each phase with its own
/// diffusivity: the multi-phase generalisation of ``TortuosityFactor`` (same discretisation and boundary
/// convention; harmonic-mean conductance across a face between two phases).
///
/// For laminates the result is exact: layers normal to the axis give D_eff = 1 / Σ fᵢ/Dᵢ (series), layers along
/// the axis give D_eff = Σ fᵢ·Dᵢ (parallel), fᵢ the volume fractions.
public struct EffectiveDiffusivity: Sendable {
    /// Diffusivity per phase name (phases not listed are insulating). Any unit; the result has the same unit.
    public var diffusivities: [String: Double]
    /// Transport direction.
    public var axis: Axis
    /// Relative residual tolerance of the conjugate-gradient solve.
    public var tolerance: Double
    /// Iteration limit; `nil` chooses 20 × (sum of the extents) + 1000 (multigrid-preconditioned CG needs tens).
    public var maximumIterations: Int?

    /// Configures the computation.
    public init(diffusivities: [String: Double], axis: Axis, tolerance: Double = 1e-8, maximumIterations: Int? = nil) {
        self.diffusivities = diffusivities
        self.axis = axis
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
    }

    /// Solves on `labels`; ``DiffusionResult/effectiveDiffusivity`` is D_eff, ``DiffusionResult/tortuosityFactor`` is nil.
    public func fit(_ labels: PhaseLabels, progress: (any ProgressReporting)? = nil) throws(SIMSError) -> DiffusionResult {
        var table = [Double](repeating: 0, count: labels.phases.count)
        for (name, value) in diffusivities.sorted(by: { $0.key < $1.key }) {
            guard let label = labels.label(of: name) else {
                throw .invalidArgument("diffusivity given for an unknown phase", found: name, expected: labels.phases.joined(separator: ", "))
            }
            guard value >= 0, value.isFinite else {
                throw .invalidArgument("diffusivity of \(name) must be a finite number ≥ 0", found: "\(value)", expected: "≥ 0")
            }
            table[Int(label)] = value
        }
        return try DiffusionSolver.configured(
            for: labels, axis: axis, diffusivities: table, tolerance: tolerance, maximumIterations: maximumIterations
        ).solve(labels.labels, progress: progress)
    }
}

extension DiffusionSolver {
    /// A solver for `labels`, checking the axis and settings.
    static func configured(
        for labels: PhaseLabels, axis: Axis, diffusivities: [Double], tolerance: Double, maximumIterations: Int?
    ) throws(SIMSError) -> DiffusionSolver {
        guard labels.extent(along: axis) > 1 || axis != .z else {
            throw .invalidArgument("transport along z needs a volume", found: "a 2-D image (depth 1)", expected: "axis x or y")
        }
        guard tolerance > 0, tolerance < 1 else {
            throw .invalidArgument("solver tolerance must lie in (0, 1)", found: "\(tolerance)", expected: "e.g. 1e-8")
        }
        let limit = maximumIterations ?? 20 * (labels.width + labels.height + labels.depth) + 1000
        guard limit > 0 else { throw .invalidArgument("iteration limit must be positive", found: "\(limit)", expected: "> 0") }
        guard labels.voxelCount < Int(Int32.max) else {
            throw .invalidArgument("volume too large for the solver", found: "\(labels.voxelCount) voxels", expected: "< 2^31 voxels")
        }
        return DiffusionSolver(
            width: labels.width, height: labels.height, depth: labels.depth, axis: axis,
            diffusivities: diffusivities, tolerance: tolerance, maximumIterations: limit)
    }
}
