extension Ion {
    /// Parses one ion label: `C_2H-`, `^6Li+`, `Sn^118SnI_5-`, `C2H-`, `^6LiF2-`, `Bi_3++`; `Ni2+` is Ni²⁺ with
    /// `notation: .iontof`, Ni₂⁺ otherwise (see ``FormulaNotation``).
    ///
    /// - Throws: ``SIMSError`` (malformed) naming the character position, when the label is not a single
    ///   charged formula (use ``AssignmentLabel`` for `A, B`, ratios, `(null)` and `total`).
    public init(parsing text: String, notation: FormulaNotation = .automatic) throws(SIMSError) {
        var scanner = NotationScanner(text, notation: notation)
        let ion = try scanner.readIon()
        guard scanner.atEnd else {
            throw scanner.error("unexpected text after the charge", expected: "one ion (use AssignmentLabel for lists)")
        }
        self = ion
    }

    /// The charge as written after a formula: `-`, `+`, `--`, `+++` (repeated signs are unambiguous in
    /// both notations).
    public var chargeNotation: String {
        guard charge != 0 else { return "" }
        return String(repeating: charge > 0 ? "+" : "-", count: abs(charge))
    }

    /// IONTOF notation: `C_2H-`, `^6Li+`.
    public var iontofNotation: String { formula.iontofNotation + chargeNotation }

    /// Ordinary notation: `C2H-`.
    public var plainNotation: String { formula.plainNotation + chargeNotation }
}

extension Ion: CustomStringConvertible {
    /// IONTOF notation.
    public var description: String { iontofNotation }
}
