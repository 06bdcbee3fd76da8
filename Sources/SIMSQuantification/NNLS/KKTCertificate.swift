/// The Karush–Kuhn–Tucker conditions of a non-negative least-squares solution, evaluated afresh from the design
/// matrix, the observations and the weights (never from the solver's internal state), with the tolerances they
/// are checked against.
///
/// For min f(x) = ½ Σᵢ wᵢ (yᵢ − (Ax)ᵢ)² subject to x ≥ 0, x is optimal if and only if (Lawson & Hanson,
/// *Solving Least Squares Problems*, 1974, Thm. 23.4; Nocedal & Wright, *Numerical Optimization*, 2006, Thm. 12.1)
/// - primal feasibility: xⱼ ≥ 0,
/// - dual feasibility: the multipliers λ = ∇f = −Aᵀ W (y − Ax) are ≥ 0, i.e. gⱼ = [Aᵀ W (y − Ax)]ⱼ ≤ 0,
/// - complementarity: xⱼ λⱼ = 0, i.e. gⱼ = 0 wherever xⱼ > 0.
///
/// The gradient is compared on a scale-free footing: ĝⱼ = gⱼ / (‖√W aⱼ‖ ‖√W y‖), the cosine-like quantity that
/// does not change when a column, the observations or the weights are rescaled. `dualViolation` is max(0, maxⱼ ĝⱼ)
/// over all variables, `complementarityViolation` is maxⱼ |ĝⱼ| over the variables with xⱼ > 0, and
/// `primalViolation` is max(0, −minⱼ xⱼ) relative to maxⱼ |xⱼ|.
public struct KKTCertificate: Sendable, Hashable, Codable {
    /// max(0, −min xⱼ) / max |xⱼ| (0 when every coefficient is non-negative).
    public var primalViolation: Double
    /// max(0, max ĝⱼ): how far the most promising zero variable would still lower the objective.
    public var dualViolation: Double
    /// max |ĝⱼ| over the positive variables: how far the support is from its own least-squares optimum.
    public var complementarityViolation: Double
    /// Tolerance for ``primalViolation`` (0: coefficients are set to exactly 0 when they leave the support).
    public var primalTolerance: Double
    /// Tolerance for ``dualViolation``.
    public var dualTolerance: Double
    /// Tolerance for ``complementarityViolation``.
    public var complementarityTolerance: Double
    /// Active-set iterations (a variable entering or leaving the support counts one).
    public var iterations: Int
    /// Whether the solver stopped at its safety cap rather than on the conditions.
    public var reachedIterationCap: Bool

    /// Whether all three conditions hold within their tolerances and the solver stopped on them.
    public var isCertified: Bool {
        !reachedIterationCap && primalViolation <= primalTolerance && dualViolation <= dualTolerance
            && complementarityViolation <= complementarityTolerance
    }

    /// Creates a certificate.
    public init(primalViolation: Double, dualViolation: Double, complementarityViolation: Double,
                primalTolerance: Double, dualTolerance: Double, complementarityTolerance: Double,
                iterations: Int, reachedIterationCap: Bool) {
        self.primalViolation = primalViolation
        self.dualViolation = dualViolation
        self.complementarityViolation = complementarityViolation
        self.primalTolerance = primalTolerance
        self.dualTolerance = dualTolerance
        self.complementarityTolerance = complementarityTolerance
        self.iterations = iterations
        self.reachedIterationCap = reachedIterationCap
    }
}
