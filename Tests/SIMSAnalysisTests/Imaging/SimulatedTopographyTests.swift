import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSAnalysis
import SIMSSimulator

/// The paper's argument for per-pixel normalization (Lombardo et al. 2023, Sec. V), checked on the simulator's
/// imaging preset: the yield (topography) field g(x, y) multiplies every line and the total of a pixel, so
/// per-pixel ratios do not see it, while whole-area ratios weight phases by their local yield.
@Suite("Per-pixel normalization on simulated images with topography")
struct SimulatedTopographyTests {
    /// Negative-polarity images, 40 × 40 pixels, low current and many scans (little dead time, enough counts).
    static func simulate(topography: Double) throws -> ImageSimulator.Result {
        var design = ImagingDesign()
        design.beam.raster = 40
        design.beam.scans = 30000
        design.beam.currentPicoampere = 0.03
        design.polarities = [.negative]
        design.topographyStrength = topography
        return try #require(try simulateImaging(design, seed: 7).results[.negative])
    }

    /// Mean over pixels of the true per-pixel ratio (expected counts, no noise, no dead time).
    static func truthMean(_ result: ImageSimulator.Result, _ k: Int) -> Double {
        var sum = 0.0, n = 0
        for p in 0..<result.trueTotal.count where result.trueTotal[p] > 0 { sum += result.trueCounts[k][p] / result.trueTotal[p]; n += 1 }
        return sum / Double(n)
    }

    @Test func perPixelRatiosMatchTruthWhileWholeAreaRatiosAreBiased() throws {
        let rough = try Self.simulate(topography: 0.8)
        let majorIons = ["O-", "S-", "Cl-", "C_2-"]
        var perPixelError = 0.0, wholeAreaError = 0.0
        for ion in majorIons {
            let k = try #require(rough.images.ions.firstIndex(of: ion))
            let map = try PixelNormalization().fit(rough.images.images[k], reference: rough.images.total!)
            // Truth: the area average of the per-pixel composition signal (expected counts, no noise).
            let truth = Self.truthMean(rough, k)
            let perPixel = abs(map.meanOfRatios! - truth) / truth
            #expect(perPixel < 0.03, "\(ion): mean of ratios \(map.meanOfRatios!) vs truth \(truth)")
            perPixelError += perPixel
            wholeAreaError += abs(map.ratioOfSums! - truth) / truth
        }
        // Whole-area ratios weight each pixel by its local yield (phase and topography): several times further off.
        #expect(wholeAreaError > 3 * perPixelError, "whole-area error \(wholeAreaError), per-pixel error \(perPixelError)")
        #expect(wholeAreaError / Double(majorIons.count) > 0.05)
    }

    @Test func zeroTotalPixelsInSimulatedImagesGiveNoInfOrNaN() throws {
        var result = try Self.simulate(topography: 0.4)
        // A pore: an 8 × 8 block where nothing is detected.
        var total = result.images.total!
        var ion = result.images.images[0]
        for y in 10..<18 { for x in 20..<28 { total[x, y] = 0; ion[x, y] = 0 } }
        result.images.total = total
        let map = try PixelNormalization().fit(ion, reference: total)
        #expect(map.excludedPixels == 64)
        #expect(map.ratios.allSatisfy { $0.isFinite })
        #expect(map.meanOfRatios!.isFinite && map.ratioOfSums!.isFinite && map.sumOfRatios.isFinite)
    }
}
