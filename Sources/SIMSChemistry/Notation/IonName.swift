import SIMSCore

/// Ion names as people type them: `SO3-`, `SO_3-` and `SO₃⁻` name the same ion.
///
/// Names are compared as parsed ions (elemental composition with isotopes, and charge), not as strings, so a
/// command-line option written in ordinary or Unicode notation finds the image or peak that IONTOF SurfaceLab
/// labelled in its own notation. A name that parses as no ion (`total`, `(null) @ 62.93 u`, a typo) is
/// compared as text.
public enum IonName {
    /// The ion `text` names in any of the three notations, or `nil`.
    ///
    /// Unicode notation: subscript digits are counts (`SO₄`), superscript digits before an element are mass
    /// numbers (`⁶Li`), superscript digits before a sign are the charge number (`SO₄²⁻`).
    public static func ion(_ text: String) -> Ion? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        let converted = iontofText(fromUnicode: trimmed)
        if let ion = try? Ion(parsing: converted) { return ion }
        if let label = try? AssignmentLabel(parsing: converted), case .ions(let list) = label, list.ions.count == 1 { return list.ions[0] }
        return nil
    }

    /// Whether `a` and `b` name the same ion: same composition (isotopes included) and charge; text equality
    /// when either is not an ion name.
    public static func same(_ a: String, _ b: String) -> Bool {
        let x = a.trimmingSpaces(), y = b.trimmingSpaces()
        if x == y { return true }
        guard let first = ion(x), let second = ion(y) else { return false }
        return first.charge == second.charge && first.formula.composition == second.formula.composition
    }

    /// The candidate that names the same ion as `text` (the first, in order).
    /// - Throws: ``SIMSError`` (invalid argument) naming `role`, the name, and the nearest existing names.
    public static func resolve(_ text: String, among candidates: [String], role: String) throws(SIMSError) -> String {
        if let found = candidates.first(where: { same(text, $0) }) { return found }
        let near = nearest(to: text, among: candidates)
        throw .invalidArgument("\(role) \"\(text.trimmingSpaces())\" names no ion of the data", found: text.trimmingSpaces(),
                               expected: near.isEmpty ? "one of the data's ion names" : "one of the nearest names: " + near.joined(separator: ", "))
    }

    /// Up to `limit` candidates nearest to `text` (edit distance of the ordinary notation, case-insensitive),
    /// closest first, ties in candidate order.
    public static func nearest(to text: String, among candidates: [String], limit: Int = 5) -> [String] {
        func key(_ name: String) -> [Character] {
            Array((ion(name)?.plainNotation ?? name.trimmingSpaces()).lowercased())
        }
        let target = key(text)
        var seen = Set<String>()
        let unique = candidates.filter { seen.insert($0).inserted }
        let scored = unique.enumerated().map { (offset: $0.offset, name: $0.element, distance: editDistance(target, key($0.element))) }
        return scored.sorted { ($0.distance, $0.offset) < ($1.distance, $1.offset) }.prefix(limit).map(\.name)
    }

    /// Levenshtein distance (insertions, deletions, substitutions cost 1).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Rewrites Unicode sub- and superscripts into IONTOF notation (`SO₄²⁻` → `SO_4--`, `⁶Li⁺` → `^6Li+`);
    /// text without them is returned unchanged.
    static func iontofText(fromUnicode text: String) -> String {
        let subscripts: [Character: Character] = ["₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9"]
        let superscripts: [Character: Character] = ["⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9"]
        let signs: [Character: Character] = ["⁺": "+", "⁻": "-", "−": "-"]
        guard text.contains(where: { subscripts[$0] != nil || superscripts[$0] != nil || signs[$0] != nil }) else { return text }
        let characters = Array(text)
        var out = ""
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if subscripts[c] != nil {
                out += "_"
                while i < characters.count, let digit = subscripts[characters[i]] { out.append(digit); i += 1 }
            } else if superscripts[c] != nil {
                var digits = ""
                while i < characters.count, let digit = superscripts[characters[i]] { digits.append(digit); i += 1 }
                if i < characters.count, let sign = signs[characters[i]] ?? (characters[i] == "+" || characters[i] == "-" ? characters[i] : nil) {
                    out += String(repeating: sign, count: Int(digits) ?? 1)
                    i += 1
                } else {
                    out += "^" + digits
                }
            } else if let sign = signs[c] {
                out.append(sign); i += 1
            } else {
                out.append(c); i += 1
            }
        }
        return out
    }
}
