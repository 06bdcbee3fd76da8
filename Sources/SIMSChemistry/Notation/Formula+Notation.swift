extension Formula {
    /// Parses a neutral formula (`Li_2CO_3`, `Li2CO3`, `^13CC_7H`).
    ///
    /// - Throws: ``SIMSError`` (malformed) naming the character position, for unknown elements (`CO` is
    ///   read as C + O; `Xx` is an error), unnatural isotopes (`^14C`), a trailing charge or other text.
    public init(parsing text: String, notation: FormulaNotation = .automatic) throws(SIMSError) {
        var scanner = NotationScanner(text, notation: notation)
        let formula = try scanner.readFormula()
        guard !formula.parts.isEmpty else {
            throw scanner.error("expected a formula", expected: "an element symbol or ^isotope")
        }
        guard scanner.atEnd else {
            throw scanner.error("unexpected text after the formula", expected: "a neutral formula (no charge)")
        }
        self = formula
    }

    /// IONTOF notation: `C_2H`, `Li_3^6LiF_5`.
    public var iontofNotation: String { written(massNumber: { "^\($0)" }, count: { "_\($0)" }) }

    /// Ordinary notation: `C2H`, `Li3^6LiF5` (isotopes keep the `^A` prefix).
    public var plainNotation: String { written(massNumber: { "^\($0)" }, count: { "\($0)" }) }

    /// The parts in order, each as its isotope's mass number (when given) through `massNumber`, the element
    /// symbol, and a count other than 1 through `count`: the one loop behind every notation of a formula.
    func written(massNumber: (Int) -> String, count: (Int) -> String) -> String {
        var text = ""
        for part in parts {
            if let number = part.massNumber { text += massNumber(number) }
            text += part.symbol
            if part.count != 1 { text += count(part.count) }
        }
        return text
    }

    /// Hill-order sum formula of the composition (C, H, then alphabetical; isotopes as `^A`): `C2H3O`.
    public var hillNotation: String {
        let composition = composition
        let hasCarbon = composition.keys.contains { $0.symbol == "C" }
        let atoms = composition.keys.sorted { lhs, rhs in
            func rank(_ atom: Atom) -> Int { hasCarbon ? (atom.symbol == "C" ? 0 : atom.symbol == "H" ? 1 : 2) : 2 }
            if rank(lhs) != rank(rhs) { return rank(lhs) < rank(rhs) }
            return lhs < rhs
        }
        var text = ""
        for atom in atoms {
            if let massNumber = atom.massNumber { text += "^\(massNumber)" }
            text += atom.symbol
            let count = composition[atom]!
            if count != 1 { text += "\(count)" }
        }
        return text
    }
}

extension Formula: CustomStringConvertible {
    /// IONTOF notation.
    public var description: String { iontofNotation }
}
