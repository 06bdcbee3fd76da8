/// A mass interval list ("peak list"): the peaks to integrate, in row order.
///
/// IONTOF exports may contain a `total` pseudo-row (masses `nan`, description `total`) that stands for the
/// total ion count; it is kept apart in ``totalRow`` instead of among ``peaks``.
public struct PeakList: Sendable, Hashable, Codable {
    /// The real peaks, in source order.
    public var peaks: [Peak]
    /// The `total` pseudo-row, when the source had one.
    public var totalRow: Peak?
    /// Where the list came from (path), for messages and provenance.
    public var source: String?

    /// Creates a list.
    public init(peaks: [Peak], totalRow: Peak? = nil, source: String? = nil) {
        self.peaks = peaks
        self.totalRow = totalRow
        self.source = source
    }

    /// Number of real peaks.
    public var count: Int { peaks.count }

    /// Peaks whose assignment equals `assignment` exactly (several rows can share a name).
    public func peaks(assignedTo assignment: String) -> [Peak] {
        peaks.filter { $0.assignment == assignment }
    }

    /// The peaks sorted by centre mass (u); the list itself keeps source order.
    public var sortedByMass: [Peak] { peaks.sorted { $0.interval.center < $1.interval.center } }
}
