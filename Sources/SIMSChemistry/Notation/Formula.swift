/// A neutral chemical formula in written order, e.g. `CH_3NH_3` or `Li_3^6LiF_5`.
///
/// The parts keep the order and grouping of the source text (an element may appear more than once,
/// `CH_3NH_3`), so that printing reproduces the label exactly; ``composition`` merges them.
/// An element without a mass number stands for its most abundant isotope (IONTOF's convention:
/// `Cu` is ⁶³Cu, `^65Cu` is ⁶⁵Cu).
public struct Formula: Sendable, Hashable, Codable {
    /// One written group: an element (optionally a specific isotope) and its count.
    public struct Part: Sendable, Hashable, Codable {
        /// Element symbol (`Cu`).
        public var symbol: String
        /// Mass number when the isotope is given (`^65Cu` → 65); `nil` means the most abundant isotope.
        public var massNumber: Int?
        /// Number of atoms (≥ 1).
        public var count: Int

        /// Creates a part.
        public init(symbol: String, massNumber: Int? = nil, count: Int = 1) {
            self.symbol = symbol
            self.massNumber = massNumber
            self.count = count
        }

        /// The isotope this part stands for (the given one, or the element's most abundant).
        /// Always valid for parts built by the parser; `nil` only for hand-built parts naming unknown isotopes.
        public var isotope: Isotope? {
            guard let element = Element(symbol: symbol) else { return nil }
            if let massNumber { return element.isotope(massNumber: massNumber) }
            return element.monoisotopic
        }
    }

    /// An atom kind in a composition: element plus, when fixed by the label, its mass number.
    public struct Atom: Sendable, Hashable, Codable, Comparable {
        /// Element symbol.
        public var symbol: String
        /// Mass number when the label fixes the isotope; `nil` for "natural" (most abundant in a monoisotopic
        /// mass, all isotopes in an isotope pattern).
        public var massNumber: Int?

        /// Creates an atom kind.
        public init(symbol: String, massNumber: Int? = nil) {
            self.symbol = symbol
            self.massNumber = massNumber
        }

        /// Orders by symbol, then unlabelled before labelled, then mass number.
        public static func < (lhs: Atom, rhs: Atom) -> Bool {
            if lhs.symbol != rhs.symbol { return lhs.symbol < rhs.symbol }
            return (lhs.massNumber ?? -1) < (rhs.massNumber ?? -1)
        }
    }

    /// The written parts, in source order.
    public var parts: [Part]

    /// Creates a formula from parts (written order).
    public init(parts: [Part]) {
        self.parts = parts
    }

    /// Atom counts with repeated elements merged (`CH_3NH_3` → C 1, H 6, N 1).
    public var composition: [Atom: Int] {
        var result: [Atom: Int] = [:]
        for part in parts {
            result[Atom(symbol: part.symbol, massNumber: part.massNumber), default: 0] += part.count
        }
        return result
    }

    /// Total number of atoms.
    public var atomCount: Int { parts.reduce(0) { $0 + $1.count } }

    /// Monoisotopic mass of the neutral formula in u: Σ count × mass of the part's isotope (the given one, or
    /// the element's most abundant), masses from AME2020 (``IsotopeTable``).
    public var monoisotopicMass: Double {
        var sum = 0.0
        for part in parts {
            sum += Double(part.count) * (part.isotope?.mass ?? .nan)
        }
        return sum
    }

    /// Nominal (integer) mass: Σ count × mass number of the part's isotope.
    public var nominalMass: Int {
        parts.reduce(0) { $0 + $1.count * ($1.isotope?.massNumber ?? 0) }
    }

    /// Appends the parts of `other` (formula concatenation, e.g. building `Li_2O` + `H`).
    public static func + (lhs: Formula, rhs: Formula) -> Formula {
        Formula(parts: lhs.parts + rhs.parts)
    }
}
