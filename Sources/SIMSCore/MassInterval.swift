/// A closed mass interval [lower, upper] in u (unified atomic mass units, i.e. m/z for singly charged ions).
///
/// Bounds are inclusive, as in IONTOF SurfaceLab and the paper's spectra script
/// (Lombardo et al., JVST A 41, 053207, 2023): a data point at exactly `lower` or `upper` belongs to the interval.
public struct MassInterval: Sendable, Hashable, Codable {
    /// Lower bound in u.
    public var lower: Double
    /// Upper bound in u.
    public var upper: Double
    /// Nominal peak centre in u; the midpoint when not given.
    public var center: Double

    /// Creates an interval from its bounds (u); the centre defaults to the midpoint.
    /// - Precondition: `lower <= upper`, both finite.
    public init(lower: Double, upper: Double, center: Double? = nil) {
        precondition(lower.isFinite && upper.isFinite && lower <= upper, "MassInterval needs finite lower <= upper")
        self.lower = lower
        self.upper = upper
        self.center = center ?? (lower + upper) / 2
    }

    /// Creates an interval of relative width `widthPPM` (full width, parts per million) around `center` (u).
    public init(center: Double, widthPPM: Double) {
        let half = center * widthPPM * 1e-6 / 2
        self.init(lower: center - half, upper: center + half, center: center)
    }

    /// Full width in u.
    public var width: Double { upper - lower }

    /// `true` when `mass` (u) lies in the closed interval.
    @inlinable public func contains(_ mass: Double) -> Bool { mass >= lower && mass <= upper }
}
