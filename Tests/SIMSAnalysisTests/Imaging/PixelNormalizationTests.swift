import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSAnalysis

@Suite("Pixel-by-pixel normalization")
struct PixelNormalizationTests {
    /// Two phases with known ion fractions under a topography factor t(x, y) that scales every ion and
    /// the total alike (yield/geometry), plus a pore column with zero counts.
    static func topographyScene() -> (ion: IonImage, total: IonImage, truthMean: Double) {
        let w = 8, h = 6
        var ion = ContiguousArray<Double>(), total = ContiguousArray<Double>()
        var truth = 0.0, valid = 0
        for y in 0..<h {
            for x in 0..<w {
                let phaseA = x < 4
                let fraction = phaseA ? 0.30 : 0.05           // I_ion / I_total in each phase
                let t = x == 7 ? 0 : (phaseA ? 4000.0 : 500.0) * (1 + 0.1 * Double(y))  // brighter phase A, topography gradient, pore at x = 7
                total.append(t)
                ion.append(t * fraction)
                if t > 0 { truth += fraction; valid += 1 }
            }
        }
        return (IonImage(width: w, height: h, counts: ion, ion: "Li-"), IonImage(width: w, height: h, counts: total, ion: "total"), truth / Double(valid))
    }

    @Test func perPixelMeanMatchesTruthWhileWholeAreaIsBiased() throws {
        let scene = Self.topographyScene()
        let map = try PixelNormalization().fit(scene.ion, reference: scene.total)
        // Area fractions: 4 of 7 valid columns are phase A → mean fraction (4·0.30 + 3·0.05)/7.
        #expect(abs(scene.truthMean - (4 * 0.30 + 3 * 0.05) / 7) < 1e-15)
        #expect(abs(map.meanOfRatios! - scene.truthMean) < 1e-12)
        // Whole-area ratio is weighted by the brighter phase A: far from the area-weighted truth.
        let wholeArea = try #require(map.ratioOfSums)
        #expect(abs(wholeArea - scene.truthMean) > 0.05)
        #expect(map.excludedPixels == 6 && map.validPixels == 42)
        #expect(abs(map.sumOfRatios - scene.truthMean * 42) < 1e-9)
    }

    @Test func zeroAndLowReferencePixelsAreExcludedNeverInfOrNaN() throws {
        let ion = IonImage(width: 3, height: 1, counts: [5, 2, 3], ion: "F-")
        let total = IonImage(width: 3, height: 1, counts: [0, 4, 10], ion: "total")
        let map = try PixelNormalization().fit(ion, reference: total)
        #expect(map.ratios == [0, 0.5, 0.3])
        #expect(map.excluded == [true, false, false])
        #expect(map.ratios.allSatisfy { $0.isFinite })
        #expect(map.meanOfRatios == 0.4)
        #expect(map.ratioOfSums == 10.0 / 14.0)
        let strict = try PixelNormalization(minimumReference: 5).fit(ion, reference: total)
        #expect(strict.excluded == [true, true, false] && strict.meanOfRatios == 0.3 && strict.excludedPixels == 2)
        let none = try PixelNormalization().fit(ion, reference: IonImage(width: 3, height: 1, ion: "total"))
        #expect(none.meanOfRatios == nil && none.ratioOfSums == nil && none.validPixels == 0)
    }

    @Test func rejectsMismatchAndBadCounts() {
        let a = IonImage(width: 2, height: 1, counts: [1, 2], ion: "a")
        #expect(throws: SIMSError.self) { try PixelNormalization().fit(a, reference: IonImage(width: 1, height: 2, counts: [1, 1], ion: "t")) }
        #expect(throws: SIMSError.self) { try PixelNormalization().fit(IonImage(width: 2, height: 1, counts: [.nan, 1], ion: "a"), reference: a) }
        #expect(throws: SIMSError.self) { try PixelNormalization(minimumReference: -1).fit(a, reference: a) }
    }

    @Test func regionStatisticsUseOnlyPixelsInside() throws {
        let scene = Self.topographyScene()
        let map = try PixelNormalization().fit(scene.ion, reference: scene.total)
        let phaseA = try RegionOfInterest(name: "A", x: 0, y: 0, w: 4, h: 6, width: 8, height: 6)
        let stats = try phaseA.statistics(of: map, ion: scene.ion, reference: scene.total)
        #expect(stats.pixels == 24 && stats.validPixels == 24)
        #expect(abs(stats.meanOfRatios! - 0.30) < 1e-12)
        #expect(abs(stats.ratioOfSums! - 0.30) < 1e-12)
        #expect(throws: SIMSError.self) { try RegionOfInterest(name: "x", x: 6, y: 0, w: 4, h: 1, width: 8, height: 6) }
    }
}
