import SIMSChemistry

/// IONTOF's time-of-flight mass scale: m = ((t − t0)/SF)², with t in channels (m in u).
///
/// `SF` (channels per √u) and `t0` (channels) are the calibration constants SurfaceLab fits on known
/// peaks. The defaults were fitted to the real HEA-catalyst exports in `../shared/data`
/// (SF = 32 985 channels/√u, t0 = −368 channels, one channel = 0.1 ns).
public struct TimeOfFlightScale: Sendable, Hashable, Codable {
    /// Scale factor in channels/√u.
    public var scaleFactor: Double
    /// Time offset in channels.
    public var timeOffset: Double
    /// Duration of one channel in ns.
    public var channelWidthNanoseconds: Double

    /// Creates a scale.
    public init(scaleFactor: Double = 32_985, timeOffset: Double = -368, channelWidthNanoseconds: Double = 0.1) {
        self.scaleFactor = scaleFactor
        self.timeOffset = timeOffset
        self.channelWidthNanoseconds = channelWidthNanoseconds
    }

    /// The same law as SIMSChemistry's calibration (t in channels), which also fits it to reference peaks.
    @inlinable public var calibration: MassCalibration { MassCalibration(t0: timeOffset, sf: scaleFactor) }

    /// m/z in u at time `channel`: ((t − t0)/SF)².
    @inlinable public func mass(atChannel channel: Double) -> Double { calibration.mass(atTime: channel) }

    /// Time in channels of mass `mass` (u): t = t0 + SF·√m.
    @inlinable public func channel(ofMass mass: Double) -> Double { calibration.time(ofMass: mass) }
}
