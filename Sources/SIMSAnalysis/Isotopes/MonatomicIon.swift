/// A monatomic ion parsed from IONTOF assignment notation: `Li-`, `^6Li-`, `^37Cl-`, `Ni+`, `Cu2+`.
///
/// `^A` gives the mass number; without it the ion is the element's most abundant isotope (IONTOF's
/// convention for unlabelled assignments). Polyatomic assignments (`LiF_2-`, `C_2H-`) are not monatomic.
public struct MonatomicIon: Sendable, Hashable {
    /// Element symbol (`Li`).
    public var element: String
    /// Mass number when written (`6` in `^6Li-`), else `nil` (the most abundant isotope).
    public var massNumber: Int?
    /// Charge suffix as written (`-`, `+`, `2+`).
    public var charge: String

    /// Parses `assignment`; `nil` when it is not a single atom of one element with a charge.
    public init?(assignment: String) {
        var text = Substring(assignment.trimmingSpaces())
        var massNumber: Int?
        if text.first == "^" {
            text = text.dropFirst()
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let number = Int(digits) else { return nil }
            massNumber = number
            text = text.dropFirst(digits.count)
        }
        guard let first = text.first, first.isASCII, first.isUppercase else { return nil }
        var symbol = String(first)
        text = text.dropFirst()
        if let second = text.first, second.isASCII, second.isLowercase { symbol.append(second); text = text.dropFirst() }
        // What remains must be only the charge: "-", "+", "2+", "2-".
        let chargeText = String(text)
        let digits = chargeText.prefix { $0.isNumber }
        let sign = chargeText.dropFirst(digits.count)
        guard sign == "+" || sign == "-" else { return nil }
        element = symbol
        self.massNumber = massNumber
        charge = chargeText
    }
}
