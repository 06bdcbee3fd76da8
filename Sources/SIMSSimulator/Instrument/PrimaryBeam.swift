/// The pulsed primary-ion beam and raster of an acquisition: how many primary ions hit the sample.
///
/// Ions per pulse = I·t_cycle/e with the (pulsed, measured) current I and cycle time t_cycle; the primary
/// ion dose density PIDD = I·t/(e·A) (Lombardo et al., JVST A 41 (2023) 053207; static limit
/// 10¹²–10¹³ ions/cm²).
public struct PrimaryBeam: Sendable, Hashable, Codable {
    /// Species, e.g. `Bi3+`.
    public var species: String = "Bi3+"
    /// Energy in keV.
    public var energyKeV: Double = 30
    /// Pulsed (measured) current in pA.
    public var currentPicoampere: Double = 0.3
    /// Cycle time in µs.
    public var cycleTimeMicroseconds: Double = 100
    /// Edge length of the square analysed area in µm.
    public var areaMicrometers: Double = 100
    /// Raster pixels along x and y.
    public var raster: Int = 128
    /// Scans (frames).
    public var scans: Int = 10
    /// Shots per pixel per scan.
    public var shotsPerPixel: Int = 1

    /// The default: Bi₃⁺ 30 keV, 0.3 pA, 100 µs, 100 × 100 µm², 128 × 128 pixels, 10 scans, 1 shot/pixel.
    public init() {}

    /// Elementary charge in C (CODATA 2018, exact).
    public static let elementaryCharge = 1.602_176_634e-19

    /// Primary ions per pulse: I·t_cycle/e.
    public var ionsPerPulse: Double {
        currentPicoampere * 1e-12 * cycleTimeMicroseconds * 1e-6 / PrimaryBeam.elementaryCharge
    }

    /// Pixels of the raster.
    public var pixels: Int { raster * raster }

    /// Pulses per pixel: scans × shots per pixel.
    public var pulsesPerPixel: Double { Double(scans) * Double(shotsPerPixel) }

    /// Primary pulses of the whole measurement: N = scans × shots per pixel × pixels.
    public var primaryPulses: Double { pulsesPerPixel * Double(pixels) }

    /// Primary-ion dose in ions.
    public var dose: Double { primaryPulses * ionsPerPulse }

    /// Primary-ion dose density in ions/cm².
    public var doseDensity: Double { dose / (areaMicrometers * areaMicrometers * 1e-8) }

    /// Acquisition time in s (pulses × cycle time).
    public var acquisitionTimeSeconds: Double { primaryPulses * cycleTimeMicroseconds * 1e-6 }

    /// The acquisition parameters as the core model records them.
    public func acquisition(polarity: Polarity) -> Acquisition {
        var a = Acquisition()
        a.primaryIon = species
        a.primaryEnergyKeV = energyKeV
        a.primaryCurrentPicoampere = currentPicoampere
        a.analysisAreaMicrometers = areaMicrometers
        a.rasterWidth = raster
        a.rasterHeight = raster
        a.scans = scans
        a.shotsPerPixel = shotsPerPixel
        a.polarity = polarity
        a.cycleTimeMicroseconds = cycleTimeMicroseconds
        a.acquisitionTimeSeconds = acquisitionTimeSeconds
        a.deadTimeCorrected = false
        return a
    }

    /// Checks the settings.
    public func validate() throws(SIMSError) {
        guard currentPicoampere > 0, cycleTimeMicroseconds > 0, areaMicrometers > 0, raster > 0, scans > 0, shotsPerPixel > 0 else {
            throw .invalidArgument("primary beam settings must be positive (current, cycle time, area, raster, scans, shots per pixel)",
                                   found: "\(currentPicoampere) pA, \(cycleTimeMicroseconds) µs, \(areaMicrometers) µm, \(raster) px, \(scans) scans, \(shotsPerPixel) shots")
        }
    }
}
