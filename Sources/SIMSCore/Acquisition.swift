/// Acquisition parameters of a measurement (the instrument part of the paper's Table III).
///
/// Every field is optional: exports carry only some of them, the rest come from `sims.toml` or the
/// command line. Units are in the names.
public struct Acquisition: Sendable, Hashable, Codable {
    /// Primary-ion species, e.g. `Bi3+`, `Bi1+`, `Ga+`.
    public var primaryIon: String?
    /// Primary-ion energy in keV.
    public var primaryEnergyKeV: Double?
    /// Primary-ion (pulsed, measured) current in pA.
    public var primaryCurrentPicoampere: Double?
    /// Analysis area edge length along x in µm (square area unless ``analysisAreaHeightMicrometers`` is set).
    public var analysisAreaMicrometers: Double?
    /// Analysis area edge length along y in µm, when not square.
    public var analysisAreaHeightMicrometers: Double?
    /// Raster: pixels along x.
    public var rasterWidth: Int?
    /// Raster: pixels along y.
    public var rasterHeight: Int?
    /// Number of scans (frames) accumulated.
    public var scans: Int?
    /// Primary-ion shots (pulses) per pixel per scan.
    public var shotsPerPixel: Int?
    /// Secondary-ion polarity.
    public var polarity: Polarity?
    /// Cycle time (time between primary pulses) in µs.
    public var cycleTimeMicroseconds: Double?
    /// Total acquisition time in s.
    public var acquisitionTimeSeconds: Double?
    /// Whether the export is already dead-time corrected (IONTOF header `Deadtime Correction: on`).
    public var deadTimeCorrected: Bool?

    /// Creates an empty parameter set.
    public init() {}

    /// Number of primary pulses that contribute to a spectrum of the whole raster:
    /// N = scans × shots per pixel × pixels (Stephan, Zehnpfenning & Benninghoven, JVST A 12 (1994) 405).
    /// `nil` when any factor is unknown.
    public var primaryPulses: Double? {
        guard let scans, let shotsPerPixel, let rasterWidth else { return nil }
        let height = rasterHeight ?? rasterWidth
        return Double(scans) * Double(shotsPerPixel) * Double(rasterWidth) * Double(height)
    }

    /// Analysed area in cm², when the edge length is known.
    public var analysisAreaSquareCentimeters: Double? {
        guard let x = analysisAreaMicrometers else { return nil }
        let y = analysisAreaHeightMicrometers ?? x
        return x * 1e-4 * y * 1e-4
    }

    /// Pixel size in µm along x (area ÷ raster), when both are known.
    public var pixelSizeMicrometers: Double? {
        guard let area = analysisAreaMicrometers, let raster = rasterWidth, raster > 0 else { return nil }
        return area / Double(raster)
    }

    /// Fills every field that is `nil` here from `other` (self wins).
    public func filling(from other: Acquisition) -> Acquisition {
        var result = self
        result.primaryIon = primaryIon ?? other.primaryIon
        result.primaryEnergyKeV = primaryEnergyKeV ?? other.primaryEnergyKeV
        result.primaryCurrentPicoampere = primaryCurrentPicoampere ?? other.primaryCurrentPicoampere
        result.analysisAreaMicrometers = analysisAreaMicrometers ?? other.analysisAreaMicrometers
        result.analysisAreaHeightMicrometers = analysisAreaHeightMicrometers ?? other.analysisAreaHeightMicrometers
        result.rasterWidth = rasterWidth ?? other.rasterWidth
        result.rasterHeight = rasterHeight ?? other.rasterHeight
        result.scans = scans ?? other.scans
        result.shotsPerPixel = shotsPerPixel ?? other.shotsPerPixel
        result.polarity = polarity ?? other.polarity
        result.cycleTimeMicroseconds = cycleTimeMicroseconds ?? other.cycleTimeMicroseconds
        result.acquisitionTimeSeconds = acquisitionTimeSeconds ?? other.acquisitionTimeSeconds
        result.deadTimeCorrected = deadTimeCorrected ?? other.deadTimeCorrected
        return result
    }
}
