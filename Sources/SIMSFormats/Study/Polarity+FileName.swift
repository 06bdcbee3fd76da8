import SIMSCore

extension Polarity {
    /// The polarity a file name states, or `nil`: a first token `N`/`P` (`N_Ru-Pd_Bi3_1`, IONTOF users' habit),
    /// or any token `neg`, `negative`, `pos`, `positive` (case-insensitive). Tokens are separated by `_`, `-`,
    /// `.`, space and parentheses.
    public init?(fileName: String) {
        let tokens = fileName.split(whereSeparator: { "_-. ()".contains($0) }).map { $0.lowercased() }
        if let first = tokens.first, first == "n" || first == "p" {
            self = first == "n" ? .negative : .positive
            return
        }
        for token in tokens {
            switch token {
            case "neg", "negative": self = .negative; return
            case "pos", "positive": self = .positive; return
            default: continue
            }
        }
        return nil
    }
}
