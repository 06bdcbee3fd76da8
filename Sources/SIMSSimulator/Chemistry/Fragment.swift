/// A secondary-ion fragment emitted by a phase: a sum formula in IONTOF notation and its yield.
///
/// The yield covers all isotopologues of the formula together; ``SpectralLine``s split it by the
/// isotope pattern.
public struct Fragment: Sendable, Hashable, Codable {
    /// Sum formula in IONTOF notation without charge, e.g. `PS_2`, `LiCl_2`, `^6Li`.
    public var formula: String
    /// Charge sign of the ion.
    public var polarity: Polarity
    /// Useful yield: detected secondary ions of this fragment per primary ion, when the analysed area
    /// is entirely the emitting phase (ions/ion).
    public var yield: Double

    /// Creates a fragment.
    public init(_ formula: String, _ polarity: Polarity, yield: Double) {
        self.formula = formula
        self.polarity = polarity
        self.yield = yield
    }

    /// The ion in IONTOF notation, e.g. `PS_2-`.
    public var ion: String { formula + polarity.sign }
}
