/// A mass spectrum of one analysed spot: intensity (counts per channel or bin) over m/z (u).
///
/// Storage is contiguous (`ContiguousArray<Double>`) so that integration loops run over unsafe buffers.
/// The m/z axis of a time-of-flight spectrum is *not* uniformly spaced (m ∝ t², IONTOF's
/// `m = ((t − t0)/SF)²`), which is why peak areas are integrated with the trapezoidal rule over the
/// actual m/z values.
public struct Spectrum: Sendable, Equatable {
    /// m/z of each data point in u, ascending.
    public var mass: ContiguousArray<Double>
    /// Intensity of each data point in counts (per binned channel).
    public var intensity: ContiguousArray<Double>
    /// Channel number of each data point when the export has that column (time-of-flight bins).
    public var channel: ContiguousArray<Double>?
    /// Header metadata (`# key: value` lines) in source order.
    public var metadata: Metadata
    /// Where the spectrum came from (path), for messages and provenance.
    public var source: String?

    /// Creates a spectrum.
    /// - Precondition: `mass.count == intensity.count` (and `channel?.count` likewise).
    public init(
        mass: ContiguousArray<Double>, intensity: ContiguousArray<Double>, channel: ContiguousArray<Double>? = nil,
        metadata: Metadata = Metadata(), source: String? = nil
    ) {
        precondition(mass.count == intensity.count, "Spectrum: mass and intensity must have equal length")
        precondition(channel == nil || channel!.count == mass.count, "Spectrum: channel length must match")
        self.mass = mass
        self.intensity = intensity
        self.channel = channel
        self.metadata = metadata
        self.source = source
    }

    /// Number of data points.
    public var count: Int { mass.count }

    /// Smallest and largest m/z (u), or `nil` for an empty spectrum.
    public var massRange: ClosedRange<Double>? {
        guard let first = mass.first, let last = mass.last else { return nil }
        return min(first, last)...max(first, last)
    }

    /// The m/z interval (u) the spectrum's channels cover: each point stands for a channel (or a bin of channels)
    /// whose edges lie halfway between neighbouring points, so the range reaches half a spacing below the first
    /// point and half a spacing above the last (the extents the Gaussian deconvolution templates integrate over).
    /// A line on the last point, as the export writes it (IONTOF: m/z to 6 decimals, so up to 5·10⁻⁷ u below the
    /// exact mass it records), is inside. ``massRange`` for fewer than two points; `nil` for an empty spectrum.
    public var coveredMassRange: ClosedRange<Double>? {
        guard let range = massRange else { return nil }
        guard count >= 2 else { return range }
        let low = abs(mass[1] - mass[0]) / 2, high = abs(mass[count - 1] - mass[count - 2]) / 2
        return mass[0] <= mass[count - 1] ? (range.lowerBound - low)...(range.upperBound + high)
                                          : (range.lowerBound - high)...(range.upperBound + low)
    }

    /// Total ion count: the sum of all intensities (counts), as the paper's script computes it.
    public var totalIonCount: Double {
        intensity.withUnsafeBufferPointer { buffer in
            var sum = 0.0
            for value in buffer { sum += value }
            return sum
        }
    }
}
