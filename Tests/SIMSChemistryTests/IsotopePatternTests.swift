import Testing
@testable import SIMSChemistry

/// Isotope patterns against enumerations written out by hand from the abundances.
@Suite struct IsotopePatternTests {
    let e = 0.000548579909
    // IUPAC representative abundances and AME2020 masses.
    let p35 = 0.7576, p37 = 0.2424, m35 = 34.968852694, m37 = 36.965902573
    let p6 = 0.0759, p7 = 0.9241, m6 = 6.01512288742, m7 = 7.01600343426

    func near(_ pattern: IsotopePattern, _ mass: Double, tolerance: Double = 0.01) -> IsotopePeak? {
        pattern.peaks.first { abs($0.mass - mass) < tolerance }
    }

    @Test func chlorineDimer() throws {
        let pattern = IsotopePattern(ion: try Ion(parsing: "Cl_2-"), resolvingPower: 5000)
        #expect(pattern.peaks.count == 3)
        let expected = [(2 * m35 + e, p35 * p35), (m35 + m37 + e, 2 * p35 * p37), (2 * m37 + e, p37 * p37)]
        for (mass, probability) in expected {
            let peak = try #require(near(pattern, mass))
            #expect(abs(peak.probability - probability) < 1e-6)
            #expect(abs(peak.mass - mass) < 1e-6)
        }
        // ≈ 9 : 6 : 1 (the textbook Cl₂ ratio: 100 : 64 : 10.2).
        let relative = pattern.relativeToMostAbundant.map(\.probability)
        #expect(abs(relative[1] - 2 * p37 / p35) < 1e-9)
        #expect(abs(relative[2] - (p37 / p35) * (p37 / p35)) < 1e-9)
    }

    @Test func lithiumDimer() throws {
        let pattern = IsotopePattern(ion: try Ion(parsing: "Li_2+"), resolvingPower: 10000)
        let expected = [(2 * m6 - e, p6 * p6), (m6 + m7 - e, 2 * p6 * p7), (2 * m7 - e, p7 * p7)]
        #expect(pattern.peaks.count == 3)
        for (peak, (mass, probability)) in zip(pattern.peaks, expected) {
            #expect(abs(peak.mass - mass) < 1e-6)
            #expect(abs(peak.probability - probability) < 1e-6)
        }
        // A fixed isotope contributes only itself.
        let labelled = IsotopePattern(ion: try Ion(parsing: "Li^6Li+"), resolvingPower: 10000)
        #expect(labelled.peaks.count == 2)
        #expect(abs(labelled.peaks[0].probability - p6) < 1e-9)
    }

    /// NiO₂⁻: brute-force enumeration over Ni × O × O, grouped by nominal mass.
    @Test func nickelDioxide() throws {
        let ni: [(Int, Double, Double)] = [(58, 57.93534165, 0.68077), (60, 59.930785129, 0.26223),
                                           (61, 60.931054819, 0.011399), (62, 61.928344753, 0.036346),
                                           (64, 63.927966228, 0.009255)]
        let o: [(Int, Double, Double)] = [(16, 15.99491461926, 0.99757), (17, 16.99913175595, 0.00038),
                                          (18, 17.99915961214, 0.00205)]
        var byNominal: [Int: (weightedMass: Double, probability: Double)] = [:]
        for n in ni { for a in o { for b in o {
            let probability = n.2 * a.2 * b.2
            let mass = n.1 + a.1 + b.1 + e
            let nominal = n.0 + a.0 + b.0
            let old = byNominal[nominal] ?? (0, 0)
            byNominal[nominal] = (old.weightedMass + mass * probability, old.probability + probability)
        } } }
        // R = 3000 merges lines within one nominal mass (≤ 0.03 u apart) but not neighbouring nominal masses.
        let pattern = IsotopePattern(ion: try Ion(parsing: "NiO_2-"), resolvingPower: 3000)
        let expected = byNominal.filter { $0.value.probability >= 1e-6 }.sorted { $0.key < $1.key }
        #expect(pattern.peaks.count == expected.count)
        for (peak, entry) in zip(pattern.peaks, expected) {
            #expect(abs(peak.probability - entry.value.probability) < 1e-6, "nominal \(entry.key)")
            #expect(abs(peak.mass - entry.value.weightedMass / entry.value.probability) < 1e-5, "nominal \(entry.key)")
        }
        #expect(pattern.mostAbundant.map { abs($0.mass - (57.93534165 + 2 * 15.99491461926 + e)) < 1e-6 } == true)
    }

    @Test func fineStructureAndLargeIons() throws {
        // Without merging, ¹³C vs ¹H-shifted lines at nominal +1 of C₂H₃O⁻ stay separate.
        let fine = IsotopePattern(ion: try Ion(parsing: "C_2H_3O-"))
        #expect(fine.peaks.count > 3)
        let merged = IsotopePattern(ion: try Ion(parsing: "C_2H_3O-"), resolvingPower: 1000)
        #expect(merged.peaks.count < fine.peaks.count)
        let total = merged.peaks.reduce(0) { $0 + $1.probability }
        #expect(abs(total - 1) < 1e-5)
        // A large molecule stays bounded and normalised.
        let big = IsotopePattern(ion: try Ion(parsing: "C_81H_68N_4O_8+"), resolvingPower: 10000)
        #expect(abs(big.peaks.reduce(0) { $0 + $1.probability } - 1) < 1e-4)
        #expect(big.peaks.count < 40)
        // Doubly charged: lines 1/2 u apart.
        let double = IsotopePattern(ion: try Ion(parsing: "Cl_2--"), resolvingPower: 5000)
        #expect(abs(double.peaks[1].mass - double.peaks[0].mass - (m37 - m35) / 2) < 1e-6)
    }

    @Test func unknownIsotopeGivesNoPattern() {
        let ion = Ion(formula: Formula(parts: [.init(symbol: "C", massNumber: 14)]), charge: -1)
        #expect(IsotopePattern(ion: ion).peaks.isEmpty)
        #expect(ion.monoisotopicMass.isNaN)
    }
}
