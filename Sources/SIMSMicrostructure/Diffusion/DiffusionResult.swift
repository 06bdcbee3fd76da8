/// The outcome of a steady-state diffusion solve through a labelled image or volume along one axis.
///
/// See ``TortuosityFactor`` (one conducting phase) and ``EffectiveDiffusivity`` (several phases with their own
/// diffusivities) for the problem solved and the conventions.
public struct DiffusionResult: Sendable, Equatable {
    /// The transport axis (inlet at coordinate 0, outlet at the far face).
    public var axis: Axis
    /// Volume (area) fraction of the conducting voxels, ε (for ``TortuosityFactor``: of the phase).
    public var volumeFraction: Double
    /// Fraction of the conducting voxels that are face-connected to both the inlet and the outlet face.
    public var percolatingFraction: Double
    /// Effective diffusivity relative to the diffusivity of the conducting phase, D_eff/D
    /// (for ``EffectiveDiffusivity``: D_eff in the units of the given diffusivities). 0 when nothing percolates.
    public var effectiveDiffusivity: Double
    /// Tortuosity factor τ = ε·D/D_eff (Cooper et al., SoftwareX 5 (2016) 203); `+infinity` when no path of
    /// conducting voxels joins the two faces. For ``EffectiveDiffusivity`` it is `nil`.
    public var tortuosityFactor: Double?
    /// Total flux entering through the inlet face (voxel units, D·ΔC = 1 per voxel face and voxel length).
    public var inletFlux: Double
    /// Total flux leaving through the outlet face (equals ``inletFlux`` at convergence).
    public var outletFlux: Double
    /// Conjugate-gradient iterations used.
    public var iterations: Int
    /// Final relative residual ‖b − A c‖₂ / ‖b‖₂.
    public var relativeResidual: Double
    /// `true` when ``relativeResidual`` reached the requested tolerance.
    public var converged: Bool
    /// Number of unknowns solved for (percolating conducting voxels).
    public var unknowns: Int

    /// `true` when at least one path of conducting voxels joins the two faces.
    public var percolates: Bool { unknowns > 0 }

    /// Relative mismatch between inlet and outlet flux, |in − out| / mean (0 when nothing percolates).
    public var fluxMismatch: Double {
        let mean = 0.5 * (inletFlux + outletFlux)
        return mean > 0 ? abs(inletFlux - outletFlux) / mean : 0
    }
}
