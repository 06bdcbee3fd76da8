import SIMSCore

/// Detector saturation per pixel: with N = scans × shots per pixel primary pulses hitting each pixel, the
/// fraction I(x, y)/N of pulses that registered a count, its ``SaturationLevel`` and the dead-time corrected
/// counts −N·ln(1 − I/N) (``DeadTimeLaw``; Stephan, Zehnpfenning & Benninghoven, JVST A 12 (1994) 405).
///
/// Applies to images of single peaks; the total-ion image sums many peaks and cannot be corrected this way.
public struct PixelSaturation: Sendable, Equatable {
    /// Primary pulses per pixel (scans × shots per pixel per scan).
    public var pulsesPerPixel: Double

    /// Creates the estimator from scans and shots per pixel.
    /// - Throws: ``SIMSError`` when either is not positive.
    public init(scans: Int, shotsPerPixel: Int) throws(SIMSError) {
        guard scans > 0, shotsPerPixel > 0 else {
            throw .invalidArgument("scans and shots per pixel must be positive for a saturation map", found: "scans \(scans), shots/pixel \(shotsPerPixel)")
        }
        pulsesPerPixel = Double(scans) * Double(shotsPerPixel)
    }

    /// The result for one ion image.
    public struct Map: Sendable, Equatable {
        /// I/N per pixel (dimensionless).
        public var fraction: ContiguousArray<Double>
        /// Dead-time corrected counts per pixel; `nil` where the pixel is fully saturated (I ≥ N).
        public var corrected: ContiguousArray<Double?>
        /// Number of pixels with I/N above the flag threshold (0.1).
        public var flaggedPixels: Int
        /// Number of pixels with I/N above the unreliable threshold (0.5).
        public var unreliablePixels: Int
        /// Largest I/N.
        public var maximumFraction: Double
    }

    /// Computes the saturation map of `image`.
    public func fit(_ image: IonImage) throws(SIMSError) -> Map {
        let law = try DeadTimeLaw(primaryPulses: pulsesPerPixel)
        var fraction = ContiguousArray<Double>(repeating: 0, count: image.pixelCount)
        var corrected = ContiguousArray<Double?>(repeating: nil, count: image.pixelCount)
        var flagged = 0, unreliable = 0, maximum = 0.0
        for p in 0..<image.pixelCount {
            let measured = image.counts[p]
            let f = law.saturationFraction(ofMeasured: measured)
            fraction[p] = f
            maximum = max(maximum, f)
            switch law.saturationLevel(ofMeasured: measured) {
            case .ok: break
            case .flagged: flagged += 1
            case .unreliable: unreliable += 1; flagged += 1
            }
            corrected[p] = try? law.trueCounts(fromMeasured: measured)
        }
        return Map(fraction: fraction, corrected: corrected, flaggedPixels: flagged, unreliablePixels: unreliable, maximumFraction: maximum)
    }
}
