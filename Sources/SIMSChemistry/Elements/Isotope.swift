/// One stable (or primordial) isotope of an element: mass number, exact atomic mass and natural abundance.
///
/// Masses are atomic masses in u (neutral atom, electrons included) from AME2020
/// (M. Wang et al., Chinese Phys. C 45, 030003 (2021)); abundances are atom fractions (0…1) from the IUPAC
/// representative isotopic compositions. See ``IsotopeTable``.
public struct Isotope: Sendable, Hashable, Codable {
    /// Element symbol (`Li`).
    public var symbol: String
    /// Atomic number Z.
    public var atomicNumber: Int
    /// Mass number A (protons + neutrons).
    public var massNumber: Int
    /// Atomic mass of the neutral atom in u.
    public var mass: Double
    /// Natural abundance as an atom fraction (0…1).
    public var abundance: Double

    /// Creates an isotope record.
    public init(symbol: String, atomicNumber: Int, massNumber: Int, mass: Double, abundance: Double) {
        self.symbol = symbol
        self.atomicNumber = atomicNumber
        self.massNumber = massNumber
        self.mass = mass
        self.abundance = abundance
    }

    /// IONTOF notation of the isotope alone: `^6Li`.
    public var notation: String { "^\(massNumber)\(symbol)" }
}
