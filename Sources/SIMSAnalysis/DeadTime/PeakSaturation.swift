/// Saturation of one peak in one spectrum: its registered counts relative to the number of primary pulses.
///
/// The fraction is computed from the *registered* (uncorrected) counts: when the export is already
/// dead-time corrected, the registered counts are recovered with the forward law
/// `N · (1 − e^(−I/N))` first (Stephan, Zehnpfenning & Benninghoven, JVST A 12 (1994) 405).
public struct PeakSaturation: Sendable, Hashable, Codable {
    /// Registered counts of the peak (ions), i.e. before any dead-time correction.
    public var registeredCounts: Double
    /// Dead-time corrected counts (ions); `nil` when the correction is undefined (registered ≥ N).
    public var correctedCounts: Double?
    /// Saturation fraction I/N of the registered counts (dimensionless).
    public var fraction: Double
    /// The level derived from ``fraction``.
    public var level: SaturationLevel { SaturationLevel(fraction: fraction) }

    /// Creates the saturation of a peak with `counts` in a spectrum that is (`alreadyCorrected`) or is not
    /// dead-time corrected.
    public init(counts: Double, law: DeadTimeLaw, alreadyCorrected: Bool) {
        if alreadyCorrected {
            registeredCounts = law.measuredCounts(fromTrue: counts)
            correctedCounts = counts
        } else {
            registeredCounts = counts
            correctedCounts = try? law.trueCounts(fromMeasured: counts)
        }
        fraction = law.saturationFraction(ofMeasured: registeredCounts)
    }
}
