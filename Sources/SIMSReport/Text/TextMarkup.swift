/// The small markup language of figure and report text: plain characters plus the tags `<sub>`, `<sup>`, `<b>`
/// and `<i>` (with their closing tags). Everything else is literal, so `"a < b & c"` needs no escaping; there
/// are no entities. Figures hand it to Pango (PNG, PDF) or write `<tspan>`s (SVG); reports write it as HTML.
///
/// Ion names become markup with `IonNotation.markup(_:)` in SIMSChemistry (`LiF_2-` → `LiF<sub>2</sub><sup>−</sup>`).
public enum TextMarkup {
    /// A run of text with one vertical position and face.
    public struct Run: Sendable, Hashable {
        /// Where a run sits relative to the baseline.
        public enum Shift: Sendable, Hashable {
            /// On the baseline.
            case none
            /// Subscript.
            case sub
            /// Superscript.
            case sup
        }
        /// The characters (literal).
        public var text: String
        /// Subscript, superscript or on the baseline.
        public var shift: Shift
        /// Bold face.
        public var bold: Bool
        /// Italic face.
        public var italic: Bool
    }

    private struct State { var sub = 0, sup = 0, bold = 0, italic = 0 }

    nonisolated(unsafe) private static let tags: [(String, WritableKeyPath<State, Int>, Int)] = [
        ("<sub>", \.sub, 1), ("</sub>", \.sub, -1), ("<sup>", \.sup, 1), ("</sup>", \.sup, -1),
        ("<b>", \.bold, 1), ("</b>", \.bold, -1), ("<i>", \.italic, 1), ("</i>", \.italic, -1),
    ]

    /// The runs of `markup`, in order; unbalanced tags are tolerated (a closing tag never goes below zero).
    public static func runs(_ markup: String) -> [Run] {
        var runs: [Run] = []
        var state = State()
        var current = ""
        func flush() {
            guard !current.isEmpty else { return }
            let shift: Run.Shift = state.sub > 0 ? .sub : state.sup > 0 ? .sup : .none
            runs.append(Run(text: current, shift: shift, bold: state.bold > 0, italic: state.italic > 0))
            current = ""
        }
        var rest = Substring(markup)
        outer: while let c = rest.first {
            if c == "<" {
                for (tag, key, delta) in tags where rest.hasPrefix(tag) {
                    flush()
                    state[keyPath: key] = max(0, state[keyPath: key] + delta)
                    rest = rest.dropFirst(tag.count)
                    continue outer
                }
            }
            current.append(c)
            rest = rest.dropFirst()
        }
        flush()
        return runs
    }

    /// Markup that reads as `runs` (the inverse of ``runs(_:)``): each run's text wrapped in its tags.
    public static func markup(_ runs: [Run]) -> String {
        var out = ""
        for run in runs {
            var open = "", close = ""
            if run.bold { open += "<b>"; close = "</b>" + close }
            if run.italic { open += "<i>"; close = "</i>" + close }
            switch run.shift {
            case .none: break
            case .sub: open += "<sub>"; close = "</sub>" + close
            case .sup: open += "<sup>"; close = "</sup>" + close
            }
            out += open + run.text + close
        }
        return out
    }

    /// The markup of the first `head` and the last `tail` characters of `markup`'s text, joined by `…` on the
    /// baseline; every kept character keeps its sub-/superscript, bold and italic (`<sup>206</sup>Pb<sub>2</sub>…`).
    static func keeping(head: Int, tail: Int, of markup: String) -> String {
        let characters = runs(markup).flatMap { run in run.text.map { (character: $0, run: run) } }
        guard head + tail < characters.count else { return markup }
        func merged(_ slice: ArraySlice<(character: Character, run: Run)>) -> [Run] {
            var out: [Run] = []
            for (character, run) in slice {
                if let last = out.last, last.shift == run.shift, last.bold == run.bold, last.italic == run.italic {
                    out[out.count - 1].text.append(character)
                } else {
                    out.append(Run(text: String(character), shift: run.shift, bold: run.bold, italic: run.italic))
                }
            }
            return out
        }
        let ellipsis = Run(text: "…", shift: .none, bold: false, italic: false)
        return self.markup(merged(characters.prefix(head)) + [ellipsis] + merged(characters.suffix(tail)))
    }

    /// Whether `text` contains a tag (plain text is drawn without parsing).
    static func hasTags(_ text: String) -> Bool { text.contains("<") && runs(text).contains { $0.shift != .none || $0.bold || $0.italic } }

    /// The text without tags (what a reader of the PDF's text layer sees).
    public static func plain(_ markup: String) -> String { runs(markup).map(\.text).joined() }

    /// Plain text with sub- and superscripts written as Unicode sub- and superscript characters, for places that
    /// cannot hold markup (an HTML `<option>`, a window title): `LiF<sub>2</sub><sup>−</sup>` → `LiF₂⁻`,
    /// `<sup>206</sup>Pb` → `²⁰⁶Pb`. Unicode has them for digits, `+`, `−`/`-`, `=` and parentheses (U+2070–U+209C,
    /// ¹ ² ³ in Latin-1), which is everything ion names need; any other character of a shifted run stays on
    /// the baseline. Bold and italic are dropped.
    public static func unicode(_ markup: String) -> String {
        var out = ""
        for run in runs(markup) {
            switch run.shift {
            case .none: out += run.text
            case .sub: out += String(run.text.map { subscripts[$0] ?? $0 })
            case .sup: out += String(run.text.map { superscripts[$0] ?? $0 })
            }
        }
        return out
    }

    private static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "-": "₋", "\u{2212}": "₋", "=": "₌", "(": "₍", ")": "₎",
    ]
    private static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "-": "⁻", "\u{2212}": "⁻", "=": "⁼", "(": "⁽", ")": "⁾",
    ]

    /// Size of a sub- or superscript relative to its text, in every back end (SVG `<tspan>`s, Pango, HTML).
    static let scriptScale = 0.7
    /// Baseline shift of a subscript (down) and a superscript (up), in units of the text's font size.
    static let subscriptDrop = 0.25, superscriptRise = 0.4

    /// Pango markup of `markup` set in a font of `size` drawing units (the absolute size of the layout's font):
    /// text escaped, bold and italic kept, sub- and superscripts as spans of explicit absolute size and rise.
    ///
    /// Not Pango's own `<sub>`/`<sup>`: since Pango 1.50 they scale the font's device-space size, which already
    /// holds the raster scale, so at PNG scale 2 a charge or an exponent came out larger than its ion name.
    public static func pango(_ markup: String, size: Double) -> String {
        let scriptSize = (scriptScale * size * 100).rounded() / 100
        return tagged(markup) { shift in
            let rise = switch shift {
            case .sub: -subscriptDrop * size
            case .sup: superscriptRise * size
            case .none: 0.0
            }
            return "<span font_desc=\"\(scriptSize)px\" rise=\"\(Int((rise * 1024).rounded()))\">"
        }
    }

    /// HTML of `markup`: text escaped, `<sub>`/`<sup>`/`<b>`/`<i>` kept.
    public static func html(_ markup: String) -> String {
        tagged(markup) { $0 == .sub ? "<sub>" : "<sup>" }
    }

    /// `markup` with text escaped, `<b>`/`<i>` kept and each sub- or superscript run opened by `script` (closed
    /// by the matching end tag).
    private static func tagged(_ markup: String, script: (Run.Shift) -> String) -> String {
        var out = ""
        for run in runs(markup) {
            var open = "", close = ""
            if run.bold { open += "<b>"; close = "</b>" + close }
            if run.italic { open += "<i>"; close = "</i>" + close }
            if run.shift != .none {
                let tag = script(run.shift)
                open += tag
                close = (tag.hasPrefix("<span") ? "</span>" : run.shift == .sub ? "</sub>" : "</sup>") + close
            }
            out += open + xmlEscape(run.text) + close
        }
        return out
    }

    /// XML text/attribute escaping; characters not allowed in XML 1.0 are dropped.
    static func xmlEscape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
