import Testing
import SIMSCore
@testable import SIMSAnalysis

@Suite("Isotope ratios summarised per sample")
struct IsotopeSampleSummaryTests {
    /// ⁷Li/⁶Li (natural 12.18) in two samples: A has 3 of 4 spots far below natural with plenty of counts
    /// (flagged), B has 1 of 3 (not flagged), C deviates in every spot but the minor peak has < 100 counts.
    @Test func flagNeedsMostSpotsAndEnoughCounts() throws {
        let peaks = [Peak(index: 1, assignment: "Li-", interval: MassInterval(lower: 6.9, upper: 7.1)),
                     Peak(index: 2, assignment: "^6Li-", interval: MassInterval(lower: 5.9, upper: 6.1))]
        let check = IsotopeCheck(peaks: peaks)
        try #require(check.pairs.count == 1)
        func spot(_ sample: String, _ major: Double, _ minor: Double) -> (sample: String, spot: String, results: [IsotopeCheck.Result]) {
            (sample, "\(major)", check.check(counts: [major, minor]))
        }
        let rows = IsotopeSampleSummary.summarize([
            spot("A", 50_000, 10_000), spot("A", 40_000, 10_000), spot("A", 60_000, 10_000), spot("A", 121_800, 10_000),
            spot("B", 30_000, 10_000), spot("B", 121_800, 10_000), spot("B", 122_000, 10_000),
            spot("C", 500, 50), spot("C", 400, 50),
        ])
        #expect(rows.map(\.sample) == ["A", "B", "C"])
        let a = rows[0], b = rows[1], c = rows[2]
        #expect(a.deviatingSpots == 3 && a.countedSpots == 4 && a.flagged)
        #expect(a.median == 5.5 && a.minimum == 4 && a.maximum == 12.18)   // ratios 4, 5, 6, 12.18
        #expect(b.deviatingSpots == 1 && b.countedSpots == 3 && !b.flagged)
        #expect(c.countedSpots == 0 && !c.flagged && c.spots == 2)
    }
}
