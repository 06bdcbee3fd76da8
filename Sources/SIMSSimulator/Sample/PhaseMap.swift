/// A 2-D phase map: the phase composition of every pixel of an analysed area.
///
/// Each pixel stores the area fraction of every phase (sub-pixel sampling resolves interphases thinner
/// than a pixel) and its dominant phase as a label. Pixel (x, y) is at index `y * width + x`, like ``IonImage``.
public struct PhaseMap: Sendable, Equatable {
    /// Pixels along x.
    public let width: Int
    /// Pixels along y.
    public let height: Int
    /// Field of view along x in µm (square pixels).
    public let fieldOfViewMicrometers: Double
    /// The phases that have a fraction channel, in channel order.
    public let phases: [Phase]
    /// Area fraction of `phases[c]` in pixel `p` at `fractions[c * pixelCount + p]` (0…1; channels sum to 1).
    public let fractions: ContiguousArray<Float>
    /// Dominant phase of each pixel (`Phase.rawValue`).
    public let labels: ContiguousArray<UInt8>

    /// Creates a map from per-phase fraction channels; labels are the per-pixel argmax.
    /// - Precondition: `fractions.count == phases.count * width * height`.
    public init(width: Int, height: Int, fieldOfViewMicrometers: Double, phases: [Phase], fractions: ContiguousArray<Float>) {
        precondition(fractions.count == phases.count * width * height, "PhaseMap: fraction channels must hold phases × pixels values")
        self.width = width
        self.height = height
        self.fieldOfViewMicrometers = fieldOfViewMicrometers
        self.phases = phases
        self.fractions = fractions
        let n = width * height
        var labels = ContiguousArray<UInt8>(repeating: 0, count: n)
        for p in 0..<n {
            var best = 0
            var bestValue: Float = -1
            for c in phases.indices where fractions[c * n + p] > bestValue {
                bestValue = fractions[c * n + p]
                best = c
            }
            labels[p] = phases.isEmpty ? 0 : phases[best].rawValue
        }
        self.labels = labels
    }

    /// Number of pixels.
    public var pixelCount: Int { width * height }

    /// Pixel size in µm.
    public var pixelSizeMicrometers: Double { fieldOfViewMicrometers / Double(max(width, 1)) }

    /// Fraction of `phase` in pixel `index` (0 when the phase has no channel).
    @inlinable public func fraction(of phase: Phase, atPixel index: Int) -> Double {
        guard let c = phases.firstIndex(of: phase) else { return 0 }
        return Double(fractions[c * pixelCount + index])
    }

    /// Area fraction of `phase` over the whole map (mean of the pixel fractions).
    public func areaFraction(of phase: Phase) -> Double {
        guard let c = phases.firstIndex(of: phase), pixelCount > 0 else { return 0 }
        var sum = 0.0
        for p in 0..<pixelCount { sum += Double(fractions[c * pixelCount + p]) }
        return sum / Double(pixelCount)
    }

    /// Area fractions of all phases, in ``phases`` order.
    public var areaFractions: [Phase: Double] {
        Dictionary(uniqueKeysWithValues: phases.map { ($0, areaFraction(of: $0)) })
    }
}
