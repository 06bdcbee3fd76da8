/// What an IONTOF peak-list row or depth-profile column is labelled with.
///
/// | text | case |
/// |---|---|
/// | `C_2H-` | `.ions` (one ion) |
/// | `Cu-, CuH-` or `^118SnI_3-SnI_3-` | `.ions` (several; separators kept) |
/// | `CN- / ( InO- )` | `.ratio` |
/// | `(null)` or empty | `.unassigned` |
/// | `total` | `.nonFormula("total")` — see ``nonFormulaLabels`` |
public enum AssignmentLabel: Sendable, Hashable {
    /// One or more ions.
    case ions(IonList)
    /// A ratio column `A / ( B )`.
    case ratio(numerator: IonList, denominator: IonList)
    /// IONTOF's unassigned peak, `(null)` (or an empty cell).
    case unassigned
    /// A label that is not a chemical formula and is known to be so (``nonFormulaLabels``).
    case nonFormula(String)

    /// Labels that are known not to be formulas: `(null)` (unassigned), `total` (total ion count row or
    /// column), and the empty string. Any other text that does not parse is an error.
    public static let nonFormulaLabels: Set<String> = ["(null)", "total", ""]

    /// Parses a label.
    ///
    /// - Throws: ``SIMSError`` (malformed) when the text is neither in ``nonFormulaLabels`` nor a valid ion,
    ///   ion list or ratio.
    public init(parsing text: String, notation: FormulaNotation = .automatic) throws(SIMSError) {
        let trimmed = text.trimmingSpaces()
        if AssignmentLabel.nonFormulaLabels.contains(trimmed) {
            self = trimmed == "total" ? .nonFormula(trimmed) : .unassigned
            return
        }
        var scanner = NotationScanner(trimmed, notation: notation)
        let first = try AssignmentLabel.readList(&scanner)
        if scanner.atEnd {
            self = .ions(first)
            return
        }
        guard scanner.skip(" / ( ") else {
            throw scanner.error("unexpected text after an ion", expected: "`, `, ` / ( `, or the end of the label")
        }
        let second = try AssignmentLabel.readList(&scanner)
        guard scanner.skip(" )"), scanner.atEnd else {
            throw scanner.error("ratio not closed", expected: "` )` at the end of a ratio label")
        }
        self = .ratio(numerator: first, denominator: second)
    }

    static func readList(_ scanner: inout NotationScanner) throws(SIMSError) -> IonList {
        var ions = [try scanner.readIon()]
        var separators: [IonList.Separator] = []
        while !scanner.atEnd {
            if scanner.atPartStart {
                separators.append(.glued)
            } else if scanner.skip(", ") {
                separators.append(.comma)
            } else {
                break
            }
            ions.append(try scanner.readIon())
        }
        return IonList(ions, separators: separators)
    }

    /// The label in IONTOF notation; parsing then printing returns the original text.
    public var iontofNotation: String {
        switch self {
        case .ions(let list): list.iontofNotation
        case .ratio(let numerator, let denominator): numerator.iontofNotation + " / ( " + denominator.iontofNotation + " )"
        case .unassigned: "(null)"
        case .nonFormula(let text): text
        }
    }

    /// All ions mentioned (numerator and denominator for ratios); empty for non-formula labels.
    public var ions: [Ion] {
        switch self {
        case .ions(let list): list.ions
        case .ratio(let numerator, let denominator): numerator.ions + denominator.ions
        case .unassigned, .nonFormula: []
        }
    }
}

extension AssignmentLabel: CustomStringConvertible {
    /// IONTOF notation.
    public var description: String { iontofNotation }
}
