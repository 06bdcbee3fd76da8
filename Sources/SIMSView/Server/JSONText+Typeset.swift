import SIMSChemistry
import SIMSReport

extension JSONText {
    /// `,"markup":…,"runs":[…]`: an ion or peak label typeset by the code the figures and reports use
    /// (``SIMSChemistry/AssignmentLabel/markup(_:)`` → ``SIMSReport/TextMarkup``): `markup` is escaped HTML with
    /// `<sub>`/`<sup>` for the page's text, `runs` the same as `[text, "" | "sub" | "sup"]` pairs for labels drawn
    /// on a canvas. `^206PbI_3-` → `<sup>206</sup>PbI<sub>3</sub><sup>−</sup>`. Labels that are not ion notation
    /// come back unchanged.
    mutating func typesetFields(_ label: String) {
        let markup = AssignmentLabel.markup(label)
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
