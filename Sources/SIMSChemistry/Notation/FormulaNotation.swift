/// The two ways a formula can be written.
///
/// - ``iontof``: IONTOF SurfaceLab's notation — counts after `_` (`C_2H`), isotopes as `^A` prefixes
///   (`^6Li`), charge at the end (`-`, `+`, `++`, or a number before the sign such as `Ni2+`).
/// - ``plain``: ordinary notation — counts directly after the symbol (`C2H-`, `LiF2-`, `^6LiF2-`); isotopes
///   as `^A` prefixes as in IONTOF; a multiple charge is written with repeated signs (`Ni++`) because `Ni2+`
///   reads as Ni₂⁺.
/// - ``automatic``: IONTOF when the text contains `_`, plain otherwise. An `^A` isotope prefix belongs to both
///   notations and decides nothing: `^6LiF2-` is ⁶LiF₂⁻ (m/z 44.012) like `LiF2-` is LiF₂⁻, never ⁶LiF²⁻. The two
///   notations agree on every label without a digit after a symbol (`Cu-`, `^13CN-`); every label of the real
///   IONTOF interval list and depth-profile headers reads the same either way (`NotationTests`).
public enum FormulaNotation: Sendable, Hashable {
    /// IONTOF notation (`C_2H-`, `^6Li+`).
    case iontof
    /// Ordinary notation (`C2H-`).
    case plain
    /// IONTOF if the text has `_`, plain otherwise.
    case automatic

    /// The concrete notation for `text`.
    func resolved(for text: String) -> FormulaNotation {
        guard self == .automatic else { return self }
        return text.utf8.contains(UInt8(ascii: "_")) ? .iontof : .plain
    }
}
