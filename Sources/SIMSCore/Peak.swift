/// One row of a mass interval list: a mass interval with its assignment.
///
/// Peaks are identified by their row ``index``, never by name: IONTOF names every unassigned peak `(null)`,
/// and the paper's spectra script merged such peaks by keying on the name (a bug SIMSKit does not repeat).
public struct Peak: Sendable, Hashable, Codable, Identifiable {
    /// 1-based row number in the list (IONTOF's `No.` column when present).
    public var index: Int
    /// Assignment in IONTOF notation (`C_2H-`, `^6Li+`), or `(null)` when unassigned.
    public var assignment: String
    /// Free-text description (IONTOF's `Description` column); empty when absent.
    public var description: String
    /// The integration interval (u).
    public var interval: MassInterval
    /// Further numeric columns of the source list by title (e.g. `Area`, `Uncorrected Area`); NaN where the file says so.
    public var values: [String: Double]

    /// Creates a peak.
    public init(index: Int, assignment: String, description: String = "", interval: MassInterval, values: [String: Double] = [:]) {
        self.index = index
        self.assignment = assignment
        self.description = description
        self.interval = interval
        self.values = values
    }

    /// Stable identity: the row number.
    public var id: Int { index }

    /// `true` when IONTOF left the peak unassigned (`(null)` or empty).
    public var isUnassigned: Bool {
        let trimmed = assignment.trimmingSpaces()
        return trimmed.isEmpty || trimmed == "(null)"
    }

    /// A human-readable, unique-enough label: the assignment, or `(null) @ 62.93 u` for unassigned peaks.
    public var label: String {
        isUnassigned ? "(null) @ \(Peak.formatMass(interval.center)) u" : assignment
    }

    /// Mass with two decimals, no Foundation formatting.
    static func formatMass(_ mass: Double) -> String {
        let hundredths = (mass * 100).rounded()
        let whole = Int(hundredths / 100)
        let frac = Int(abs(hundredths.truncatingRemainder(dividingBy: 100)))
        return "\(whole)." + (frac < 10 ? "0\(frac)" : "\(frac)")
    }
}
