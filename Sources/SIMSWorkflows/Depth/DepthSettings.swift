import SIMSAnalysis

/// Settings of the depth-profile workflow (`sims depth`).
public struct DepthSettings: Sendable {
    /// How depth is obtained from sputter time.
    public enum Scale: Sendable, Equatable {
        /// No depth scale: everything in sputter time (s).
        case none
        /// One sputter rate in nm/s.
        case rate(Double)
        /// A measured crater depth in nm reached at the end of the profile.
        case craterDepth(Double)
        /// One rate (nm/s) per detected layer, surface first (differential sputtering).
        case layerRates([Double])
    }

    /// How replicate profiles are grouped into samples.
    public enum Grouping: String, Sendable, CaseIterable {
        /// Sample = sub-folder of the root (files directly in the root are their own sample).
        case folder
        /// Sample = file name without the measurement id (first `_` token) and crater suffix (last `-` token).
        case name
        /// No replicate averaging.
        case none
    }

    /// Ions to analyse and plot (column names); empty = all ion columns.
    public var ions: [String] = []
    /// Per-cycle normalization.
    public var normalization: ProfileNormalization = .total
    /// Smoothing of the processed profiles (off by default).
    public var smoothing: ProfileSmoothing = .none
    /// Depth scale.
    public var scale: Scale = .none
    /// Fragment pairs (long, short) for the beam-damage check.
    public var damagePairs: [(long: String, short: String)] = []
    /// Replicate grouping.
    public var grouping: Grouping = .name
    /// Ion whose first interface aligns replicates; `nil` = the ion with the strongest first interface.
    public var alignmentIon: String?
    /// Primary pulses per analysis cycle (scans × shots per pixel × pixels), when known: ion counts are then
    /// dead-time corrected per cycle before anything else (Stephan, Zehnpfenning & Benninghoven, JVST A 12
    /// (1994) 405), unless the export says it is corrected already. Saturated counts compress plateaus and
    /// make interfaces look narrower than they are.
    public var primaryPulsesPerCycle: Double?
    /// Sputter time per plane of a 3-D stack in s (1 = the time axis counts planes).
    public var secondsPerPlane: Double = 1
    /// Thickness of one plane of a 3-D stack in µm (VTK voxel size along z), when known.
    public var planeThicknessMicrometers: Double?
    /// Interface detection settings.
    public var detector = InterfaceDetector()

    /// Default settings.
    public init() {}
}
