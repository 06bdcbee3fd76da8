/// A chemical element with its naturally occurring isotopes.
///
/// ```swift
/// let lithium = Element(symbol: "Li")!
/// lithium.isotopes.map(\.massNumber)      // [6, 7]
/// lithium.monoisotopic.mass               // 7.016003434 u
/// ```
public struct Element: Sendable, Hashable, Codable {
    /// Element symbol (`Li`, `Cl`).
    public var symbol: String
    /// English name (`Lithium`).
    public var name: String
    /// Atomic number Z.
    public var atomicNumber: Int
    /// Naturally occurring isotopes, ascending mass number; abundances sum to 1.
    public var isotopes: [Isotope]

    /// Creates an element record.
    public init(symbol: String, name: String, atomicNumber: Int, isotopes: [Isotope]) {
        self.symbol = symbol
        self.name = name
        self.atomicNumber = atomicNumber
        self.isotopes = isotopes
    }

    /// The element with `symbol` (case-sensitive: `Co` is cobalt, `CO` is not an element), or `nil`.
    public init?(symbol: String) {
        guard let element = IsotopeTable.shared.element(symbol: symbol) else { return nil }
        self = element
    }

    /// The element with atomic number `atomicNumber`, or `nil` when it has no natural isotopes in the table.
    public init?(atomicNumber: Int) {
        guard let element = IsotopeTable.shared.element(atomicNumber: atomicNumber) else { return nil }
        self = element
    }

    /// All elements of the table, ascending Z.
    public static var all: [Element] { IsotopeTable.shared.elements }

    /// The most abundant isotope, whose mass is the element's contribution to a monoisotopic mass.
    public var monoisotopic: Isotope {
        isotopes.max { $0.abundance < $1.abundance }!
    }

    /// The isotope with mass number `massNumber`, or `nil` when it does not occur naturally.
    public func isotope(massNumber: Int) -> Isotope? {
        isotopes.first { $0.massNumber == massNumber }
    }

    /// Abundance-weighted mean atomic mass (u) of the table's composition.
    public var averageMass: Double {
        isotopes.reduce(0) { $0 + $1.mass * $1.abundance }
    }
}
