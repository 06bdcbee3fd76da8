/// Secondary-ion polarity of an acquisition.
public enum Polarity: String, Sendable, Hashable, Codable, CaseIterable {
    /// Positive secondary ions (cations).
    case positive
    /// Negative secondary ions (anions).
    case negative

    /// The charge sign as IONTOF writes it after a formula: `+` or `-`.
    public var sign: String { self == .positive ? "+" : "-" }

    /// Reads `pos`, `positive`, `+`, `P`, `neg`, `negative`, `-`, `N` (case-insensitive).
    public init?(parsing text: String) {
        switch text.trimmingSpaces().lowercased() {
        case "pos", "positive", "+", "p", "positive ions": self = .positive
        case "neg", "negative", "-", "n", "negative ions": self = .negative
        default: return nil
        }
    }
}
