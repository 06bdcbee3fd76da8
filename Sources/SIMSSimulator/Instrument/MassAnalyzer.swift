/// The time-of-flight analyser and detector settings that shape a simulated spectrum.
///
/// Peaks are Gaussian in flight time with a constant full width at half maximum Δt (set by the
/// primary-pulse length), so the mass resolution m/Δm = t/(2Δt) grows with √m; ``massResolution`` is
/// its value at ``resolutionReferenceMass``.
public struct MassAnalyzer: Sendable, Hashable, Codable {
    /// Time-to-mass calibration.
    public var scale = TimeOfFlightScale()
    /// Mass resolution m/Δm (FWHM) at ``resolutionReferenceMass``.
    public var massResolution: Double = 6000
    /// Mass (u) at which ``massResolution`` holds.
    public var resolutionReferenceMass: Double = 100
    /// Channels summed into one exported data point (IONTOF "Binning").
    public var binning: Int = 8
    /// Exported mass range in u.
    public var massRange: ClosedRange<Double> = 0.5...160
    /// Detector (TDC) dead time in ns after each registered count.
    public var deadTimeNanoseconds: Double = 65
    /// Flat background in counts per channel per primary pulse (detector dark counts and chemical continuum).
    public var backgroundPerChannelPerPulse: Double = 2e-8

    /// The default analyser (m/Δm = 6000 at 100 u, binning 8, 0.5–160 u).
    public init() {}

    /// Peak FWHM in channels: Δt = t(m_ref)/(2R).
    public var peakWidthChannels: Double {
        (scale.channel(ofMass: resolutionReferenceMass) - scale.timeOffset) / (2 * massResolution)
    }

    /// Mass resolution m/Δm at `mass` (u): (t − t0)/(2Δt).
    public func resolution(atMass mass: Double) -> Double {
        (scale.channel(ofMass: mass) - scale.timeOffset) / (2 * peakWidthChannels)
    }

    /// Dead time in channels.
    public var deadTimeChannels: Double { deadTimeNanoseconds / scale.channelWidthNanoseconds }

    /// Checks the settings.
    public func validate() throws(SIMSError) {
        guard massResolution > 0, resolutionReferenceMass > 0, binning >= 1, massRange.lowerBound >= 0,
              massRange.upperBound > massRange.lowerBound, scale.scaleFactor > 0, deadTimeNanoseconds >= 0,
              backgroundPerChannelPerPulse >= 0 else {
            throw .invalidArgument("mass analyser settings must be positive (resolution, binning, mass range, scale factor)",
                                   found: "R \(massResolution), binning \(binning), range \(massRange)")
        }
    }
}

extension MassAnalyzer {
    /// Peak FWHM in u at `mass`: m/R(m).
    public func peakWidth(atMass mass: Double) -> Double { mass / resolution(atMass: mass) }

    /// The integration interval of a peak at `mass`: centre ± 1.5 FWHM (±3.5σ, 99.96 % of a Gaussian).
    public func interval(atMass mass: Double) -> MassInterval {
        let half = 1.5 * peakWidth(atMass: mass)
        return MassInterval(lower: mass - half, upper: mass + half, center: mass)
    }
}
