/// An interface seen in one ion's depth profile: where its signal rises or falls between two plateaus.
///
/// Position is the 50 % crossing between the plateaus, width the distance between the 16 % and 84 %
/// crossings — for an error-function interface (Gaussian depth resolution σ) the 16–84 % width is 2σ
/// (Hofmann, Rep. Prog. Phys. 61 (1998) 827; Lombardo et al. 2023 Sec. V: interface at 50 % of the
/// maximum, width 16–84 %).
public struct Interface: Sendable, Equatable, Codable {
    /// Whether the signal rises or falls with sputter time.
    public enum Direction: String, Sendable, Equatable, Codable {
        /// Signal increases: the ion's layer starts here.
        case rising
        /// Signal decreases: the ion's layer ends here.
        case falling
    }

    /// The ion (column name).
    public var ion: String
    /// Rising or falling.
    public var direction: Direction
    /// Sputter time of the 50 % crossing in s (linear interpolation between cycles).
    public var time: Double
    /// Time between the 16 % and 84 % crossings in s.
    public var width: Double
    /// Plateau level before the interface (signal units).
    public var levelBefore: Double
    /// Plateau level after the interface.
    public var levelAfter: Double
    /// Index of the cycle just before the 50 % crossing.
    public var cycleIndex: Int
}
