// Typeset ion names for people: the printers beside the notation parser. The markup is the small tag language
// figures and reports understand (plain text plus <sub> and <sup>): Pango sets it in PNG and PDF figures, SVG
// figures write it as <tspan>s, HTML keeps the tags. CSV files keep the IONTOF notation.

extension Formula {
    /// Typeset formula: isotopes as superscript prefixes, counts as subscripts (`^6LiF_2` →
    /// `<sup>6</sup>LiF<sub>2</sub>`).
    public var markup: String { written(massNumber: { "<sup>\($0)</sup>" }, count: { "<sub>\($0)</sub>" }) }
}

extension Ion {
    /// The charge as a typeset superscript: `+`, `−` (U+2212 minus), `2+`, `3−` (empty for neutral).
    public var chargeMarkup: String {
        guard charge != 0 else { return "" }
        let sign = charge > 0 ? "+" : "\u{2212}"
        return "<sup>" + (abs(charge) == 1 ? sign : "\(abs(charge))" + sign) + "</sup>"
    }

    /// Typeset ion: `LiF_2-` → `LiF<sub>2</sub><sup>−</sup>` (LiF₂⁻), `^6Li+` → `<sup>6</sup>Li<sup>+</sup>`
    /// (⁶Li⁺), `Ni++` → `Ni<sup>2+</sup>`.
    public var markup: String { formula.markup + chargeMarkup }
}

extension IonList {
    /// Typeset ions separated by `, ` (IONTOF's glued lists too, which would otherwise read as one formula).
    public var markup: String { ions.map(\.markup).joined(separator: ", ") }
}

extension AssignmentLabel {
    /// Typeset label: ions and ion lists as ``Ion/markup``, a ratio as `A / B`, `(null)` as `unassigned`,
    /// other non-formula labels unchanged.
    public var markup: String {
        switch self {
        case .ions(let list): list.markup
        case .ratio(let numerator, let denominator): numerator.markup + " / " + denominator.markup
        case .unassigned: "unassigned"
        case .nonFormula(let text): text
        }
    }

    /// Typeset form of any peak or column label: parsed as an ``AssignmentLabel`` (IONTOF or plain notation)
    /// when it is one, else returned unchanged (`#12`, `m/z 27.0`, a sample name), with a `<` that would
    /// read as a tag replaced by the look-alike `‹`.
    public static func markup(_ label: String) -> String {
        if let parsed = try? AssignmentLabel(parsing: label) { return parsed.markup }
        return label.replacingOccurrences(of: "<sub>", with: "‹sub>").replacingOccurrences(of: "<sup>", with: "‹sup>")
            .replacingOccurrences(of: "<b>", with: "‹b>").replacingOccurrences(of: "<i>", with: "‹i>")
    }
}
