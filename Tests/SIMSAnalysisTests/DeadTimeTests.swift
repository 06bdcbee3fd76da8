import Foundation
import Testing
@testable import SIMSAnalysis

@Suite("Dead time (Stephan, Zehnpfenning & Benninghoven 1994)")
struct DeadTimeTests {
    @Test("N = scans × shots per pixel × pixels")
    func pulses() throws {
        let law = try DeadTimeLaw(scans: 50, shotsPerPixel: 1, pixels: 128 * 128)
        #expect(law.primaryPulses == 819_200)
        var acquisition = Acquisition()
        acquisition.scans = 50; acquisition.shotsPerPixel = 1; acquisition.rasterWidth = 128
        #expect(DeadTimeLaw(acquisition: acquisition)?.primaryPulses == 819_200)
        acquisition.scans = nil
        #expect(DeadTimeLaw(acquisition: acquisition) == nil)
        #expect(throws: SIMSError.self) { try DeadTimeLaw(primaryPulses: 0) }
        #expect(throws: SIMSError.self) { try DeadTimeLaw(scans: 0, shotsPerPixel: 1, pixels: 4) }
    }

    @Test("hand-computed values of the forward and inverse law")
    func handValues() throws {
        let law = try DeadTimeLaw(primaryPulses: 1000)
        // true = N ln 2 → measured = N/2 exactly.
        #expect(abs(law.measuredCounts(fromTrue: 1000 * log(2.0)) - 500) < 1e-9)
        #expect(abs(try law.trueCounts(fromMeasured: 500) - 693.147180559945309) < 1e-9)
        // measured = N (1 − 1/e) ↔ true = N.
        #expect(abs(try law.trueCounts(fromMeasured: 1000 * (1 - exp(-1.0))) - 1000) < 1e-9)
        // small rates: correction ≈ measured (1 + m/2N): m = 1 → 1.000500333...
        #expect(abs(try law.trueCounts(fromMeasured: 1) - 1.000500333583) < 1e-11)
        #expect(try law.trueCounts(fromMeasured: 0) == 0)
    }

    @Test("inverse undoes forward over the whole range")
    func roundTrip() throws {
        let law = try DeadTimeLaw(primaryPulses: 2.5e6)
        for exponent in stride(from: -3.0, through: 7.5, by: 0.25) {
            let truth = pow(10, exponent)
            let back = try law.trueCounts(fromMeasured: law.measuredCounts(fromTrue: truth))
            #expect(abs(back - truth) <= 1e-9 * truth, "true \(truth) → \(back)")
        }
    }

    @Test("measured ≥ N or invalid counts throw instead of returning NaN or inf")
    func saturatedThrows() throws {
        let law = try DeadTimeLaw(primaryPulses: 100)
        #expect(throws: SIMSError.self) { try law.trueCounts(fromMeasured: 100) }
        #expect(throws: SIMSError.self) { try law.trueCounts(fromMeasured: 150) }
        #expect(throws: SIMSError.self) { try law.trueCounts(fromMeasured: -1) }
        #expect(throws: SIMSError.self) { try law.trueCounts(fromMeasured: .nan) }
        var counts: ContiguousArray<Double> = [1, 2, 100, 3]
        #expect(throws: SIMSError.self) { try law.correct(&counts) }
        #expect(counts == [1, 2, 100, 3])
        var fine: ContiguousArray<Double> = [0, 50]
        try law.correct(&fine)
        #expect(fine[0] == 0 && abs(fine[1] - 100 * log(2.0)) < 1e-12)
    }

    @Test("saturation levels: flag above 0.1, unreliable above 0.5")
    func levels() throws {
        let law = try DeadTimeLaw(primaryPulses: 1000)
        #expect(law.saturationFraction(ofMeasured: 250) == 0.25)
        #expect(law.saturationLevel(ofMeasured: 100) == .ok)
        #expect(law.saturationLevel(ofMeasured: 101) == .flagged)
        #expect(law.saturationLevel(ofMeasured: 500) == .flagged)
        #expect(law.saturationLevel(ofMeasured: 501) == .unreliable)
        #expect(SaturationLevel(fraction: .nan) == .unreliable)
        #expect(SaturationLevel.ok < .flagged && SaturationLevel.flagged < .unreliable)
    }

    @Test("an already corrected export is not corrected twice")
    func alreadyCorrected() throws {
        let law = try DeadTimeLaw(primaryPulses: 1000)
        let corrected = 1000 * log(2.0)          // what the instrument wrote after its own correction
        let fromCorrected = PeakSaturation(counts: corrected, law: law, alreadyCorrected: true)
        #expect(abs(fromCorrected.registeredCounts - 500) < 1e-9)
        #expect(fromCorrected.correctedCounts == corrected)
        #expect(abs(fromCorrected.fraction - 0.5) < 1e-12)
        let fromRaw = PeakSaturation(counts: 500, law: law, alreadyCorrected: false)
        #expect(abs(fromRaw.correctedCounts! - corrected) < 1e-9)
        let full = PeakSaturation(counts: 1000, law: law, alreadyCorrected: false)
        #expect(full.correctedCounts == nil && full.level == .unreliable)

        let on = Spectrum(mass: [1], intensity: [1], metadata: ["Deadtime Correction": "on"])
        let off = Spectrum(mass: [1], intensity: [1], metadata: ["Deadtime Correction": " off"])
        #expect(on.isDeadTimeCorrected == true && off.isDeadTimeCorrected == false)
        #expect(Spectrum(mass: [1], intensity: [1]).isDeadTimeCorrected == nil)
    }

    @Test("correction recovers Poisson truth within counting noise (Monte Carlo of the TDC)")
    func monteCarlo() throws {
        // Each of N pulses registers a count with probability 1 − e^(−λ): simulate with a seeded generator.
        let n = 200_000
        let law = try DeadTimeLaw(primaryPulses: Double(n))
        var generator = SplitMix64(seed: 42)
        for lambda in [0.05, 0.3, 0.9] {
            let p = 1 - exp(-lambda)
            var registered = 0
            for _ in 0..<n where Double(generator.next() >> 11) * 0x1.0p-53 < p { registered += 1 }
            let corrected = try law.trueCounts(fromMeasured: Double(registered))
            let truth = lambda * Double(n)
            // Binomial sd of registered counts propagated through d true / d measured = 1/(1 − m/N).
            let sdRegistered = (Double(n) * p * (1 - p)).squareRoot()
            let sdTrue = sdRegistered / (1 - Double(registered) / Double(n))
            #expect(abs(corrected - truth) < 4 * sdTrue, "λ \(lambda): corrected \(corrected), truth \(truth)")
            // Uncorrected counts are biased by far more than the noise at λ ≥ 0.3.
            if lambda >= 0.3 { #expect(truth - Double(registered) > 10 * sdTrue) }
        }
    }
}

@Suite("Saturation maps of ion images")
struct SaturationMapTests {
    @Test("per-pixel I/N with N = scans × shots per pixel")
    func map() throws {
        var image = IonImage(width: 2, height: 2, ion: "Li-")
        image.counts = [0, 5, 20, 60]  // 50 pulses per pixel
        let map = try image.saturationMap(pulsesPerPixel: 50)
        #expect(Array(map.counts) == [0, 0.1, 0.4, 1.2])
        #expect(map.ion == "Li-" && map.width == 2)
        let flagged = try image.saturatedPixels(pulsesPerPixel: 50)
        #expect(flagged.map(\.x) == [0, 1] && flagged.map(\.y) == [1, 1])
        // Corrected export: 50 ln 2 corrected counts ↔ 25 registered → 0.5.
        image.counts = [50 * log(2.0), 0, 0, 0]
        #expect(abs(try image.saturationMap(pulsesPerPixel: 50, alreadyCorrected: true).counts[0] - 0.5) < 1e-12)
        #expect(throws: SIMSError.self) { try image.saturationMap(pulsesPerPixel: 0) }
    }
}
