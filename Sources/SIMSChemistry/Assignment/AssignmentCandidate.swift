/// One possible assignment of a measured peak.
public struct AssignmentCandidate: Sendable, Hashable {
    /// The ion the peak is proposed to be (an isotopologue such as `^100Ru+` for minor isotope lines).
    public var ion: Ion
    /// The library ion whose isotope pattern this line belongs to (`Ru+` for `^100Ru+`).
    public var parent: Ion
    /// Theoretical m/z in u.
    public var theoreticalMass: Double
    /// (measured − theoretical) / theoretical × 10⁶.
    public var deviationPPM: Double
    /// Expected intensity of this line relative to the parent's most abundant line (0…1).
    public var relativeAbundance: Double
    /// Cosine similarity (0…1) between the parent's predicted isotope pattern and the spectrum intensities at
    /// its lines; `nil` when no spectrum was given.
    public var patternFit: Double?
    /// Ranking score, lower is better: |Δm| / window + (1 − patternFit) (+ 0 without a spectrum); see ``PeakAssigner``.
    public var score: Double

    /// Creates a candidate.
    public init(ion: Ion, parent: Ion, theoreticalMass: Double, deviationPPM: Double, relativeAbundance: Double,
                patternFit: Double?, score: Double) {
        self.ion = ion
        self.parent = parent
        self.theoreticalMass = theoreticalMass
        self.deviationPPM = deviationPPM
        self.relativeAbundance = relativeAbundance
        self.patternFit = patternFit
        self.score = score
    }

    /// IONTOF label of the proposed ion.
    public var label: String { ion.iontofNotation }
}
