/// The recipe of a simulated composite cathode: which phases, in which volume fractions, with which
/// particle sizes. ``generate(seed:depthMicrometers:)`` turns it into a ``CathodeMicrostructure``.
///
/// Defaults describe a sulfide all-solid-state cathode: NCM811 secondary particles (diameter 6–12 µm)
/// in argyrodite Li₆PS₅Cl, with carbon-black agglomerates, residual porosity and a thin CEI at every
/// NCM|electrolyte contact (e.g. Walther et al., Chem. Mater. 31 (2019) 3745 for the CEI chemistry).
public struct CathodeModel: Sendable, Hashable, Codable {
    /// Edge length of the square analysed area in µm.
    public var fieldOfViewMicrometers: Double = 100
    /// Target volume fraction of NCM811 (0…1).
    public var activeMaterialFraction: Double = 0.5
    /// Target volume fraction of the carbon additive (0…1).
    public var carbonFraction: Double = 0.05
    /// Target volume fraction of pores (0…1).
    public var porosity: Double = 0.06
    /// NCM811 particle radius range in µm (uniform).
    public var particleRadiusMicrometers: ClosedRange<Double> = 3...6
    /// Carbon agglomerate semi-axis range in µm (ellipsoids with random in-plane orientation).
    public var carbonSemiAxisMicrometers: ClosedRange<Double> = 0.4...1.5
    /// Pore radius range in µm.
    public var poreRadiusMicrometers: ClosedRange<Double> = 0.5...2
    /// Thickness of the CEI shell around NCM particles (in the electrolyte) in µm; 0 for none.
    public var ceiThicknessMicrometers: Double = 0.3
    /// The electrolyte filling the rest: ``Phase/argyrodite`` or ``Phase/liquidElectrolyte``.
    public var electrolyte: Phase = .argyrodite
    /// Largest allowed overlap of two NCM particles as a fraction of the sum of their radii
    /// (0 = hard spheres; sintered contacts overlap a little).
    public var particleOverlap: Double = 0.15

    /// The default sulfide composite cathode.
    public init() {}

    /// The phases a generated sample can contain.
    public var phases: [Phase] { [.pore, .ncm811, electrolyte, .carbon, .cei] }

    /// Checks that the fractions and sizes are usable.
    public func validate() throws(SIMSError) {
        let fractions = [activeMaterialFraction, carbonFraction, porosity]
        guard fractions.allSatisfy({ $0 >= 0 && $0 < 1 }), fractions.reduce(0, +) < 0.95 else {
            throw .invalidArgument("cathode volume fractions must each lie in [0, 1) and sum below 0.95",
                                   found: "NCM \(activeMaterialFraction), carbon \(carbonFraction), pores \(porosity)",
                                   expected: "fractions that leave room for the electrolyte")
        }
        guard fieldOfViewMicrometers > 0, particleRadiusMicrometers.lowerBound > 0,
              carbonSemiAxisMicrometers.lowerBound > 0, poreRadiusMicrometers.lowerBound > 0,
              ceiThicknessMicrometers >= 0, particleOverlap >= 0, particleOverlap < 1 else {
            throw .invalidArgument("cathode sizes must be positive (field of view, radii) and the CEI thickness non-negative")
        }
        guard electrolyte == .argyrodite || electrolyte == .liquidElectrolyte else {
            throw .invalidArgument("the cathode electrolyte must be argyrodite or a liquid-electrolyte residue",
                                   found: electrolyte.name, expected: "Li6PS5Cl or LiPF6-residue")
        }
    }
}
