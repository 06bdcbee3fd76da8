/// Several ions assigned to one peak (or summed in one depth-profile column), in written order.
///
/// IONTOF separates them by `, ` in peak lists; depth-profile headers also glue the last one on without a
/// separator (`^206PbI_3-, ^207PbI_3-PbI_3-` = three ions). The separators are kept so printing reproduces
/// the source exactly.
public struct IonList: Sendable, Hashable, Codable {
    /// How two neighbouring ions are joined in the text.
    public enum Separator: String, Sendable, Hashable, Codable {
        /// `, `
        case comma = ", "
        /// nothing: the next ion starts right after the previous charge sign.
        case glued = ""
    }

    /// The ions, in written order (never empty).
    public var ions: [Ion]
    /// `separators[i]` joins `ions[i]` and `ions[i + 1]`.
    public var separators: [Separator]

    /// Creates a list; separators default to `, `.
    /// - Precondition: `ions` is not empty; `separators`, when given, has `ions.count - 1` entries.
    public init(_ ions: [Ion], separators: [Separator]? = nil) {
        precondition(!ions.isEmpty, "IonList needs at least one ion")
        let joins = separators ?? Array(repeating: .comma, count: ions.count - 1)
        precondition(joins.count == ions.count - 1, "IonList: one separator between each pair of ions")
        self.ions = ions
        self.separators = joins
    }

    /// IONTOF notation with the original separators.
    public var iontofNotation: String {
        var text = ions[0].iontofNotation
        for (separator, ion) in zip(separators, ions.dropFirst()) { text += separator.rawValue + ion.iontofNotation }
        return text
    }
}
