/// The two ways a formula can be written.
///
/// - ``iontof``: IONTOF SurfaceLab's notation — counts after `_` (`C_2H`), isotopes as `^A` prefixes
///   (`^6Li`), charge at the end (`-`, `+`, `++`, or a number before the sign such as `Ni2+`).
/// - ``plain``: ordinary notation — counts directly after the symbol (`C2H-`, `LiF2-`); a multiple charge
///   is written with repeated signs (`Ni++`) because `Ni2+` reads as Ni₂⁺.
/// - ``automatic``: IONTOF when the text contains `_` or `^`, plain otherwise (the two agree on labels
///   without digits such as `Cu-`).
public enum FormulaNotation: Sendable, Hashable {
    /// IONTOF notation (`C_2H-`, `^6Li+`).
    case iontof
    /// Ordinary notation (`C2H-`).
    case plain
    /// IONTOF if the text has `_` or `^`, plain otherwise.
    case automatic

    /// The concrete notation for `text`.
    func resolved(for text: String) -> FormulaNotation {
        guard self == .automatic else { return self }
        return text.utf8.contains(where: { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "^") }) ? .iontof : .plain
    }
}
