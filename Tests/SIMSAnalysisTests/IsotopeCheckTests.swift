import Testing
@testable import SIMSAnalysis
import SIMSChemistry

@Suite("Isotope checks")
struct IsotopeCheckTests {
    static func peak(_ i: Int, _ name: String) -> Peak {
        Peak(index: i, assignment: name, interval: MassInterval(lower: Double(i), upper: Double(i) + 0.1))
    }

    @Test("isotopologues in IONTOF notation: unlabelled atoms are the most abundant isotope")
    func parse() throws {
        let li6 = try #require(Isotopologue(assignment: "^6Li-"))
        #expect(li6.isotopes == ["Li": [6: 1]] && li6.charge == -1 && li6.formulaKey == "Li-")
        #expect(Isotopologue(assignment: "Li-")?.isotopes == ["Li": [7: 1]])
        #expect(Isotopologue(assignment: "Li-")?.explicitLabel == "^7Li-")
        #expect(Isotopologue(assignment: "^6LiLiF-")?.isotopes == ["Li": [6: 1, 7: 1], "F": [19: 1]])
        #expect(Isotopologue(assignment: "^6LiLiF-")?.formulaKey == Isotopologue(assignment: "Li_2F-")?.formulaKey)
        #expect(Isotopologue(assignment: "C_2H-")?.formulaKey == "C_2H-")
        #expect(Isotopologue(assignment: "Cu++")?.charge == 2)
        for notAnIon in ["(null)", "Li", "^Li-", "", "LiF-, Li_2-", "total", "^5Li-"] {
            #expect(Isotopologue(assignment: notAnIon) == nil, "\(notAnIon)")
        }
    }

    @Test("natural ratios of polyatomic isotopologues: multinomial terms by hand and from SIMSChemistry's pattern")
    func polyatomicRatios() throws {
        let table = IsotopeAbundances.builtIn
        let p6 = try #require(table.lookup("Li", 6)), p7 = try #require(table.lookup("Li", 7))
        let p35 = try #require(table.lookup("Cl", 35)), p37 = try #require(table.lookup("Cl", 37))
        let check = IsotopeCheck(peaks: [Self.peak(1, "Li_2F-"), Self.peak(2, "^6LiLiF-"), Self.peak(3, "^6Li_2F-"),
                                         Self.peak(4, "LiF_2-"), Self.peak(5, "^6LiF_2-"),
                                         Self.peak(6, "Cl_2-"), Self.peak(7, "^37ClCl-"), Self.peak(8, "^37Cl_2-"),
                                         Self.peak(9, "Li_2F-")])
        func ratio(_ minor: String) throws -> Double { try #require(check.pairs.first { $0.minor.assignment == minor }).naturalRatio }
        #expect(check.pairs.count == 5)  // the repeated Li_2F- peak is not a pair with itself
        #expect(abs(try ratio("^6LiLiF-") - p7 * p7 / (2 * p6 * p7)) < 1e-12)
        #expect(abs(try ratio("^6Li_2F-") - p7 * p7 / (p6 * p6)) < 1e-9)
        #expect(abs(try ratio("^6LiF_2-") - p7 / p6) < 1e-12)
        #expect(abs(try ratio("^37ClCl-") - p35 / (2 * p37)) < 1e-12)
        #expect(abs(try ratio("^37Cl_2-") - p35 * p35 / (p37 * p37)) < 1e-9)
        #expect(check.pairs.first { $0.minor.assignment == "^6LiLiF-" }?.label == "Li_2F-/^6LiLiF-")
        // Independent: the convolution in IsotopePattern (unit-mass lines of Cl_2- are pure isotopologues).
        let pattern = IsotopePattern(ion: try Ion(parsing: "Cl_2-"), resolvingPower: 5000).peaks.map(\.probability)
        #expect(abs(try ratio("^37ClCl-") - pattern[0] / pattern[1]) < 1e-9 * pattern[0] / pattern[1])
        #expect(abs(try ratio("^37Cl_2-") - pattern[0] / pattern[2]) < 1e-9 * pattern[0] / pattern[2])
    }

    @Test("pairs are found per element and charge; natural 7Li/6Li = 12.18")
    func pairs() throws {
        let check = IsotopeCheck(peaks: [Self.peak(1, "Li-"), Self.peak(2, "^6Li-"), Self.peak(3, "LiF_2-"),
                                         Self.peak(4, "^35Cl-"), Self.peak(5, "^37Cl-"), Self.peak(6, "F-"), Self.peak(7, "Li+")])
        #expect(check.pairs.count == 2)
        let li = try #require(check.pairs.first { $0.formula == "Li-" })
        #expect(li.majorPeak == 0 && li.minorPeak == 1 && li.label == "^7Li-/^6Li-")
        #expect(abs(li.naturalRatio - 12.18) < 0.005)
        let cl = try #require(check.pairs.first { $0.formula == "Cl-" })
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
