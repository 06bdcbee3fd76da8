import SIMSChemistry

/// Natural isotope abundances (atom fractions) used by the isotope check.
///
/// Values: SIMSChemistry's IUPAC isotope table (`IsotopeTable`); Lombardo et al. (2023) quote
/// ⁶Li 7.59 %, ⁷Li 92.41 %, ⁷Li/⁶Li = 12.18. Another table (e.g. for labelled reference materials) can be
/// passed through ``IsotopeCheck/abundances``.
public struct IsotopeAbundances: Sendable {
    /// Abundance of `massNumber` of `element` (0…1), or `nil` when the table does not know it.
    public var lookup: @Sendable (_ element: String, _ massNumber: Int) -> Double?
    /// The most abundant isotope's mass number of `element`, or `nil`.
    public var mostAbundant: @Sendable (_ element: String) -> Int?

    /// Creates a table from closures (e.g. wrapping SIMSChemistry's element table).
    public init(lookup: @escaping @Sendable (String, Int) -> Double?, mostAbundant: @escaping @Sendable (String) -> Int?) {
        self.lookup = lookup
        self.mostAbundant = mostAbundant
    }

    /// The complete IUPAC table of SIMSChemistry (`IsotopeTable.shared`).
    public static let builtIn: IsotopeAbundances = IsotopeAbundances(
        lookup: { symbol, massNumber in
            guard let isotope = IsotopeTable.shared.element(symbol: symbol)?.isotope(massNumber: massNumber),
                  isotope.abundance > 0 else { return nil }
            return isotope.abundance
        },
        mostAbundant: { symbol in IsotopeTable.shared.element(symbol: symbol)?.monoisotopic.massNumber })
}
