import SIMSFormats

/// Simulates the ion images of an imaging measurement of a phase map.
///
/// For pixel p and line l the expected true counts are
/// λ_lp = n_p · g_p · Σ_c f_cp · y_lc, with n_p = pulses per pixel × primary ions per pulse, g the yield
/// (topography) field, f_cp the area fraction of phase c in the pixel and y_lc the line's yield in that
/// phase. Each pixel is counted with the one-count-per-pulse law over its own pulses (scans × shots per
/// pixel): Binomial(N_p, 1 − exp(−λ_lp/N_p)). The `total` image is the sum of the exported images plus
/// the registered counts of all other lines and the background (drawn as one Poisson variate with the
/// dead-time-limited mean).
public struct ImageSimulator: Sendable {
    /// The lines and yields.
    public var lines: LineModel
    /// Beam and raster (scans, shots per pixel, current, cycle time, area).
    public var beam: PrimaryBeam
    /// Analyser (for the background over the exported mass range).
    public var analyzer: MassAnalyzer

    /// Creates a simulator.
    public init(lines: LineModel, beam: PrimaryBeam, analyzer: MassAnalyzer = MassAnalyzer()) {
        self.lines = lines
        self.beam = beam
        self.analyzer = analyzer
    }

    /// The result: measured images and the expected true counts behind them.
    public struct Result: Sendable {
        /// Measured images (one per requested ion, plus `total`).
        public var images: ImageSet
        /// Expected true (dead-time-free, noise-free) counts per pixel of each requested ion, in image order.
        public var trueCounts: [ContiguousArray<Double>]
        /// Expected true counts per pixel of all secondary ions together (the true total).
        public var trueTotal: ContiguousArray<Double>
    }

    /// Simulates images of `ions` (line names, e.g. `S-`, `^6Li+`) over `map` with yield field `field`.
    /// - Throws: when an ion is not among the lines or the field size differs from the map.
    public func simulate(map: PhaseMap, field: YieldField, ions: [String], measurement: String, id: Int,
                         random: inout SimulationRandom) throws(SIMSError) -> Result {
        guard field.width == map.width, field.height == map.height else {
            throw .inconsistent("yield field \(field.width)x\(field.height) does not match phase map \(map.width)x\(map.height)")
        }
        var indices: [Int] = []
        for ion in ions {
            guard let i = lines.index(of: ion) else {
                throw .invalidArgument("no simulated line for image ion \(ion)", found: ion,
                                       expected: "one of " + lines.lines.map(\.ion).joined(separator: ", "))
            }
            indices.append(i)
        }
        let n = beam.pulsesPerPixel
        let dosePerPixel = n * beam.ionsPerPulse
        let pixelCount = map.pixelCount
        let phaseCount = lines.phases.count
        // Map each yield column to the map's fraction channel (or none).
        let channel: [Int?] = lines.phases.map { map.phases.firstIndex(of: $0) }
        let synthesizer = SpectrumSynthesizer(analyzer: analyzer)
        let backgroundMean = analyzer.backgroundPerChannelPerPulse * Double(synthesizer.bins.count * analyzer.binning) * n

        var measured = [ContiguousArray<Double>](repeating: ContiguousArray(repeating: 0, count: pixelCount), count: ions.count)
        var trueImages = [ContiguousArray<Double>](repeating: ContiguousArray(repeating: 0, count: pixelCount), count: ions.count)
        var total = ContiguousArray<Double>(repeating: 0, count: pixelCount)
        var trueTotal = ContiguousArray<Double>(repeating: 0, count: pixelCount)
        var lambda = [Double](repeating: 0, count: lines.lines.count)
        let exported = Set(indices)
        for p in 0..<pixelCount {
            var weights = [Double](repeating: 0, count: phaseCount)
            for c in 0..<phaseCount {
                if let m = channel[c] { weights[c] = Double(map.fractions[m * pixelCount + p]) }
            }
            let scale = dosePerPixel * field.factors[p]
            var sumTrue = 0.0
            var restMeasured = 0.0
            for l in lambda.indices {
                var y = 0.0
                for c in 0..<phaseCount { y += weights[c] * lines.yields[l * phaseCount + c] }
                lambda[l] = y * scale
                sumTrue += lambda[l]
                if !exported.contains(l) {
                    restMeasured += DeadTimeCounting.expectedMeasured(trueCounts: lambda[l], primaryPulses: n)
                }
            }
            var pixelTotal = 0.0
            for (k, l) in indices.enumerated() {
                trueImages[k][p] = lambda[l]
                let value = DeadTimeCounting.measured(trueCounts: lambda[l], primaryPulses: n, random: &random)
                measured[k][p] = value
                pixelTotal += value
            }
            pixelTotal += random.poisson(mean: restMeasured + backgroundMean)
            total[p] = pixelTotal
            trueTotal[p] = sumTrue + backgroundMean
        }
        let fov = map.fieldOfViewMicrometers
        let images = ions.indices.map { k in
            var image = IonImage(width: map.width, height: map.height, counts: measured[k], ion: ions[k], fieldOfViewMicrometers: fov)
            image.massInterval = analyzer.interval(atMass: lines.lines[indices[k]].mass)
            image.intervalID = k + 1
            return image
        }
        let totalImage = IonImage(width: map.width, height: map.height, counts: total, ion: "total", fieldOfViewMicrometers: fov)
        let set = try ImageSet(measurement: measurement, id: id, images: images, total: totalImage)
        return Result(images: set, trueCounts: trueImages, trueTotal: trueTotal)
    }
}
