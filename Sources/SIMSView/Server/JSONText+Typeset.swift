import SIMSChemistry
import SIMSReport

extension JSONText {
    /// `,"markup":…,"runs":[…],"text":…`: an ion or peak label typeset by the code the figures and reports use
    /// (``SIMSChemistry/AssignmentLabel/markup(_:)`` → ``SIMSReport/TextMarkup``): `markup` is escaped HTML with
    /// `<sub>`/`<sup>` for the page's text, `runs` the same as `[text, "" | "sub" | "sup"]` pairs for labels drawn
    /// on a canvas, `text` plain text with Unicode sub- and superscripts for places that hold no markup (a
    /// `<select>`'s options). `^206PbI_3-` → `<sup>206</sup>PbI<sub>3</sub><sup>−</sup>`, `²⁰⁶PbI₃⁻`. Labels
    /// that are not ion notation come back unchanged.
    mutating func typesetFields(_ label: String) {
        let markup = AssignmentLabel.markup(label)
        raw(","); key("text"); string(TextMarkup.unicode(markup))
        raw(","); key("markup"); string(TextMarkup.html(markup))
        raw(","); key("runs"); raw("[")
        for (k, run) in TextMarkup.runs(markup).enumerated() {
            if k > 0 { raw(",") }
            raw("["); string(run.text); raw(",")
            switch run.shift {
            case .none: raw("\"\"]")
            case .sub: raw("\"sub\"]")
            case .sup: raw("\"sup\"]")
            }
        }
        raw("]")
    }
}

/// A label's typeset forms, one at a time (see ``JSONText/typesetFields(_:)``).
enum Typeset {
    /// Escaped HTML with `<sub>`/`<sup>`.
    static func html(_ label: String) -> String { TextMarkup.html(AssignmentLabel.markup(label)) }
    /// Plain text with Unicode sub- and superscripts.
    static func text(_ label: String) -> String { TextMarkup.unicode(AssignmentLabel.markup(label)) }
}
