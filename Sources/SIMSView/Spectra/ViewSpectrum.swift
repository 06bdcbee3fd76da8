import SIMSCore

/// A spectrum ready to be viewed: its min/max pyramid and total ion count.
struct ViewSpectrum: Sendable {
    /// Display name (spot).
    var name: String
    /// Sample (group) name.
    var sample: String
    /// Pyramid over the spectrum's points.
    var pyramid: MinMaxPyramid
    /// Σ intensity (counts).
    var totalCounts: Double
    /// The spectrum itself (for integration and assignment).
    var spectrum: Spectrum

    init(name: String, sample: String, spectrum: Spectrum) {
        self.name = name
        self.sample = sample
        self.spectrum = spectrum
        pyramid = MinMaxPyramid(mass: spectrum.mass, intensity: spectrum.intensity)
        totalCounts = spectrum.totalIonCount
    }
}
