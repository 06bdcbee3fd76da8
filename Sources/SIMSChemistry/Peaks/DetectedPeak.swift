/// A peak found in a spectrum.
public struct DetectedPeak: Sendable, Hashable, Codable {
    /// Index of the apex data point.
    public var apexIndex: Int
    /// m/z of the apex data point (u).
    public var apexMass: Double
    /// Baseline-subtracted intensity-weighted centroid over the whole peak, to the valleys or baseline (u).
    public var centroid: Double
    /// Apex intensity minus baseline (counts).
    public var height: Double
    /// Full width at half maximum (u), from linear interpolation of the half-maximum crossings.
    public var fwhm: Double
    /// Interpolated half-maximum crossings (u): the peak's integration window at FWHM.
    public var lowerHalfMaximum: Double
    /// See ``lowerHalfMaximum``.
    public var upperHalfMaximum: Double
    /// Sum of intensities between the bounding valleys or baseline crossings (counts, baseline included).
    public var area: Double
    /// Intensity-weighted centroid in the spectrum's channel unit, when the spectrum has channels.
    public var channelCentroid: Double?

    /// Resolving power m/Δm = centroid / FWHM.
    public var resolvingPower: Double { fwhm > 0 ? centroid / fwhm : .infinity }
}
