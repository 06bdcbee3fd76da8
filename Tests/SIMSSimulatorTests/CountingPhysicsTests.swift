import Testing
import SIMSAnalysis
@testable import SIMSSimulator

/// Sum of the counts of the data points whose m/z lies in `interval`.
func counts(_ spectrum: Spectrum, in interval: MassInterval) -> Double {
    var sum = 0.0
    for (m, c) in zip(spectrum.mass, spectrum.intensity) where interval.contains(m) { sum += c }
    return sum
}

@Suite("Counting physics of simulated spectra")
struct CountingPhysicsTests {
    var analyzer: MassAnalyzer {
        var a = MassAnalyzer()
        a.massRange = 5...9
        a.backgroundPerChannelPerPulse = 0
        return a
    }

    @Test("peak sums equal the expected rate within Poisson error at low intensity")
    func meanCounts() throws {
        let model = try TestCatalog.lithiumModel(yield: 1)
        let synthesizer = SpectrumSynthesizer(analyzer: analyzer)
        let n = 1e7
        let trueCounts = model.lines.map { $0.abundance * 20_000 }   // I/N = 0.002: no saturation
        var random = SimulationRandom(seed: 3)
        var sums = [0.0, 0.0]
        let repeats = 20
        for _ in 0..<repeats {
            let s = synthesizer.spectrum(lines: model.lines, trueCounts: trueCounts, primaryPulses: n, random: &random)
            for (i, line) in model.lines.enumerated() { sums[i] += counts(s, in: analyzer.interval(atMass: line.mass)) }
        }
        for (i, line) in model.lines.enumerated() {
            let expected = DeadTimeCounting.expectedMeasured(trueCounts: trueCounts[i], primaryPulses: n) * Double(repeats)
            #expect(abs(sums[i] - expected) < 4 * expected.squareRoot(), "\(line.ion): \(sums[i]) vs \(expected)")
        }
    }

    @Test("a saturated peak follows N(1 - exp(-true/N)) and its correction recovers the truth")
    func saturation() throws {
        let model = try TestCatalog.lithiumModel(yield: 1)
        let synthesizer = SpectrumSynthesizer(analyzer: analyzer)
        let n = 100_000.0
        let trueCounts = model.lines.map { $0.abundance * 150_000 }   // ⁷Li: true/N = 1.39
        var random = SimulationRandom(seed: 4)
        let s = synthesizer.spectrum(lines: model.lines, trueCounts: trueCounts, primaryPulses: n, random: &random)
        let li7 = model.index(of: "Li+")!
        let measured = counts(s, in: analyzer.interval(atMass: model.lines[li7].mass))
        let law = try DeadTimeLaw(primaryPulses: n)
        let expected = law.measuredCounts(fromTrue: trueCounts[li7])
        #expect(measured < 0.6 * trueCounts[li7])
        // Binomial spread over the peak: √(N p (1 − p)).
        let p = expected / n
        #expect(abs(measured - expected) < 5 * (n * p * (1 - p)).squareRoot(), "\(measured) vs \(expected)")
        let corrected = try law.trueCounts(fromMeasured: measured)
        #expect(abs(corrected / trueCounts[li7] - 1) < 0.02)
    }

    @Test("7Li/6Li equals 92.41/7.59 within counting error when not saturated; saturation lowers it")
    func lithiumIsotopeRatio() throws {
        let model = try TestCatalog.lithiumModel(yield: 1)
        let synthesizer = SpectrumSynthesizer(analyzer: analyzer)
        var random = SimulationRandom(seed: 5)
        let n = 1e8
        let trueCounts = model.lines.map { $0.abundance * 400_000 }
        let s = synthesizer.spectrum(lines: model.lines, trueCounts: trueCounts, primaryPulses: n, random: &random)
        let li6 = counts(s, in: analyzer.interval(atMass: model.lines[model.index(of: "^6Li+")!].mass))
        let li7 = counts(s, in: analyzer.interval(atMass: model.lines[model.index(of: "Li+")!].mass))
        let ratio = li7 / li6
        let natural = 92.41 / 7.59
        let relativeError = (1 / li6 + 1 / li7).squareRoot()
        #expect(abs(ratio / natural - 1) < 4 * relativeError, "ratio \(ratio)")

        let saturated = synthesizer.spectrum(lines: model.lines, trueCounts: trueCounts, primaryPulses: 200_000, random: &random)
        let s6 = counts(saturated, in: analyzer.interval(atMass: model.lines[model.index(of: "^6Li+")!].mass))
        let s7 = counts(saturated, in: analyzer.interval(atMass: model.lines[model.index(of: "Li+")!].mass))
        #expect(s7 / s6 < 0.5 * natural)
    }

    @Test("a 6Li-enriched sample shifts the ratio to the requested abundance")
    func enrichment() throws {
        let model = try TestCatalog.lithiumModel(yield: 1, li6: 0.5)
        #expect(model.lines.map(\.abundance).sorted() == [0.5, 0.5])
    }

    @Test("the channel axis follows m = ((t - t0)/SF)^2 and peaks sit at their exact masses")
    func massScale() throws {
        let scale = TimeOfFlightScale()
        for m in [1.0, 7.016, 100.0] { #expect(abs(scale.mass(atChannel: scale.channel(ofMass: m)) - m) < 1e-9) }
        let model = try TestCatalog.lithiumModel(yield: 1)
        var random = SimulationRandom(seed: 6)
        let s = SpectrumSynthesizer(analyzer: analyzer).spectrum(lines: model.lines, trueCounts: [1e5, 1e6], primaryPulses: 1e9, random: &random)
        for i in s.mass.indices { #expect(abs(scale.mass(atChannel: s.channel![i]) - s.mass[i]) < 1e-12) }
        // Centroid of the ⁷Li⁺ peak within 5 ppm of its exact mass.
        let interval = analyzer.interval(atMass: model.lines[1].mass)
        var weighted = 0.0, total = 0.0
        for (m, c) in zip(s.mass, s.intensity) where interval.contains(m) { weighted += m * c; total += c }
        #expect(abs(weighted / total / model.lines[1].mass - 1) < 5e-6)
        // Resolution: FWHM at 100 u is 100/6000 u.
        #expect(abs(analyzer.peakWidth(atMass: 100) - 100.0 / 6000) < 1e-9)
    }
}
