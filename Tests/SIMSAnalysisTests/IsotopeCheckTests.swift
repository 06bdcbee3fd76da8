import Testing
@testable import SIMSAnalysis

@Suite("Isotope checks")
struct IsotopeCheckTests {
    static func peak(_ i: Int, _ name: String) -> Peak {
        Peak(index: i, assignment: name, interval: MassInterval(lower: Double(i), upper: Double(i) + 0.1))
    }

    @Test("monatomic ions in IONTOF notation")
    func parse() {
        #expect(MonatomicIon(assignment: "^6Li-") == MonatomicIon(assignment: "^6Li-"))
        #expect(MonatomicIon(assignment: "^6Li-")?.massNumber == 6)
        #expect(MonatomicIon(assignment: "Li-")?.element == "Li")
        #expect(MonatomicIon(assignment: "Li-")?.massNumber == nil)
        #expect(MonatomicIon(assignment: "^37Cl-")?.element == "Cl")
        #expect(MonatomicIon(assignment: "Cu2+")?.charge == "2+")
        for polyatomic in ["LiF_2-", "C_2H-", "(null)", "LiF-", "Li", "^Li-", ""] {
            #expect(MonatomicIon(assignment: polyatomic) == nil, "\(polyatomic)")
        }
    }

    @Test("pairs are found per element and charge; natural 7Li/6Li = 12.18")
    func pairs() throws {
        let check = IsotopeCheck(peaks: [Self.peak(1, "Li-"), Self.peak(2, "^6Li-"), Self.peak(3, "LiF_2-"),
                                         Self.peak(4, "^35Cl-"), Self.peak(5, "^37Cl-"), Self.peak(6, "F-"), Self.peak(7, "Li+")])
        #expect(check.pairs.count == 2)
        let li = try #require(check.pairs.first { $0.element == "Li" })
        #expect(li.majorPeak == 0 && li.minorPeak == 1 && li.label == "^7Li-/^6Li-")
        #expect(abs(li.naturalRatio - 12.18) < 0.005)
        let cl = try #require(check.pairs.first { $0.element == "Cl" })
        #expect(abs(cl.naturalRatio - 0.7576 / 0.2424) < 1e-12)
    }

    @Test("Clopper–Pearson ratio interval = scipy.stats.beta.ppf (Tests/Reference/statistics_reference.py)")
    func interval() {
        let cases: [(Double, Double, Double, Double)] = [
            (1218, 100, 9.927286765569892, 15.0884906664863), (5, 3, 0.324263393962028, 10.732487899518786),
            (40000, 4100, 9.447247649820644, 10.077168970937128),
        ]
        for (a, b, low, high) in cases {
            let ci = IsotopeCheck.ratioInterval(major: a, minor: b, confidence: 0.95)
            #expect(abs(ci.lowerBound - low) <= 1e-10 * low && abs(ci.upperBound - high) <= 1e-10 * high, "\(a)/\(b): \(ci)")
        }
    }

    @Test("natural counts pass, a saturated 7Li peak is flagged")
    func verdicts() throws {
        let check = IsotopeCheck(peaks: [Self.peak(1, "Li-"), Self.peak(2, "^6Li-")])
        let natural = check.check(counts: [121_800, 10_000])[0]
        #expect(!natural.deviates && natural.verdict == "consistent with natural abundance")
        // ⁷Li registered at I/N ≈ 0.8 while ⁶Li is not saturated: ratio far below 12.18.
        let law = try DeadTimeLaw(primaryPulses: 150_000)
        let saturated = check.check(counts: [law.measuredCounts(fromTrue: 121_800), 10_000])[0]
        #expect(saturated.deviates && saturated.ratio! < 12.18 && saturated.verdict.contains("saturation"))
        // Correcting the dead time restores consistency.
        let corrected = check.check(counts: [try law.trueCounts(fromMeasured: law.measuredCounts(fromTrue: 121_800).rounded()),
                                             try law.trueCounts(fromMeasured: law.measuredCounts(fromTrue: 10_000).rounded())])[0]
        #expect(!corrected.deviates)
        #expect(check.check(counts: [10, 0])[0].ratio == nil)
    }
}
