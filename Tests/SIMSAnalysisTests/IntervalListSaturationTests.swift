import Foundation
import SIMSFormats
import SIMSTestSupport
import Testing
@testable import SIMSAnalysis

@Suite("Saturation from the real IONTOF interval list (Area vs Uncorrected Area)")
struct IntervalListSaturationTests {
    @Test("ratio, counting loss and equivalent I/N agree with the file's own columns")
    func realList() throws {
        let list = try PeakListFile.read(from: try SharedData.path("lombardo-scripts/Example_mass_interval_list.txt"))
        #expect(list.totalRow != nil)
        var checked = 0
        for peak in list.peaks {
            guard let area = peak.values["Area"], let uncorrected = peak.values["Uncorrected Area"], uncorrected > 0, area >= uncorrected else {
                #expect(IntervalListSaturation(peak: peak) == nil)
                continue
            }
            let s = try #require(IntervalListSaturation(peak: peak))
            #expect(s.area == area && s.uncorrectedArea == uncorrected)
            #expect(abs(s.ratio - area / uncorrected) <= 1e-15 * s.ratio)
            #expect(abs(s.countingLoss - (1 - uncorrected / area)) <= 1e-12)
            // x solves −ln(1 − x)/x = Area/Uncorrected (Stephan et al. 1994, per peak).
            let x = s.equivalentFraction
            if x > 0 { #expect(abs(-log1p(-x) / x - area / uncorrected) <= 1e-9 * area / uncorrected) }
            checked += 1
        }
        #expect(checked > 250)
        // F- (row with Area 4669813.59, Uncorrected 910675): correction factor 5.13 → I/N ≈ 0.994, unreliable.
        let fluorine = try #require(list.peaks.first { $0.assignment == "F-" })
        let f = try #require(IntervalListSaturation(peak: fluorine))
        #expect(abs(f.ratio - 4669813.59 / 910675) < 1e-12 && f.level == .unreliable && f.equivalentFraction > 0.99)
        // C_2- (254640.73 vs 222088): ratio 1.1466 → I/N ≈ 0.25, flagged.
        let c2Peak = try #require(list.peaks.first { $0.assignment == "C_2-" })
        let c2 = try #require(IntervalListSaturation(peak: c2Peak))
        #expect(c2.level == .flagged)
        // Hand value: ratio −ln(0.5)/0.5 = 2 ln 2 ↔ x = 0.5.
        #expect(abs(IntervalListSaturation.fraction(forRatio: 2 * log(2.0)) - 0.5) < 1e-12)
        #expect(IntervalListSaturation.fraction(forRatio: 1) == 0)
    }
}
