import Testing
@testable import SIMSChemistry

/// The isotope table against published values.
@Suite struct IsotopeTableTests {
    /// AME2020 (Wang et al. 2021) atomic masses, full published digits, vs our rounded table.
    @Test func massesMatchAME2020() throws {
        let expected: [(String, Int, Double, Double)] = [
            ("C", 12, 12.0, 0),
            ("H", 1, 1.007825031898, 2e-10),
            ("Li", 6, 6.01512288742, 1e-10),
            ("Li", 7, 7.01600343426, 1e-9),
            ("O", 16, 15.99491461926, 1e-10),
            ("Cl", 35, 34.968852694, 1e-8),
            ("S", 32, 31.97207117354, 1e-10),
            ("Ni", 58, 57.93534165, 1e-7),
            ("Pd", 102, 101.905632292, 1e-7),
            ("Ru", 102, 101.904340312, 1e-7),
            ("Pb", 208, 207.976652005, 1e-7),
            ("Bi", 209, 208.980398599, 1e-7),
        ]
        for (symbol, a, mass, tolerance) in expected {
            let isotope = try #require(Element(symbol: symbol)?.isotope(massNumber: a))
            #expect(abs(isotope.mass - mass) <= tolerance, "\(a)\(symbol): \(isotope.mass) vs \(mass)")
        }
        #expect(Element(symbol: "C")!.isotope(massNumber: 12)!.mass == 12.0)
    }

    /// The brief's reference values (NIST, AME2016-based) agree within the AME2016→AME2020 revisions (< 1 µu).
    @Test func agreesWithEarlierEvaluation() throws {
        let nist: [(String, Int, Double)] = [
            ("Li", 7, 7.016003434), ("Li", 6, 6.015122887), ("H", 1, 1.00782503223), ("O", 16, 15.99491461957),
            ("Cl", 35, 34.968852682), ("S", 32, 31.9720711744), ("Ni", 58, 57.93534241),
        ]
        for (symbol, a, mass) in nist {
            let isotope = try #require(Element(symbol: symbol)?.isotope(massNumber: a))
            #expect(abs(isotope.mass - mass) < 1e-6, "\(a)\(symbol)")
        }
        // Light isotopes are unchanged to 1e-8 u.
        #expect(abs(Element(symbol: "Li")!.isotope(massNumber: 7)!.mass - 7.016003434) < 1e-9)
        #expect(abs(Element(symbol: "H")!.isotope(massNumber: 1)!.mass - 1.00782503223) < 1e-9)
    }

    @Test func abundancesAreRepresentativeCompositions() throws {
        let expected: [(String, Int, Double)] = [
            ("Li", 6, 0.0759), ("Li", 7, 0.9241), ("Cl", 35, 0.7576), ("Cl", 37, 0.2424), ("C", 13, 0.0107),
            ("Ni", 58, 0.68077), ("Ni", 60, 0.26223), ("S", 32, 0.9499), ("Cu", 63, 0.6915), ("Ru", 102, 0.3155),
            ("Pb", 208, 0.524), ("O", 18, 0.00205), ("B", 11, 0.801),
        ]
        for (symbol, a, abundance) in expected {
            let isotope = try #require(Element(symbol: symbol)?.isotope(massNumber: a))
            #expect(isotope.abundance == abundance, "\(a)\(symbol)")
        }
    }

    @Test func everyElementIsConsistent() {
        let all = Element.all
        #expect(all.count == 83)
        #expect(all.reduce(0) { $0 + $1.isotopes.count } == 287)
        let required = ["H", "Li", "B", "C", "N", "O", "F", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "K", "Ca", "Ti",
                        "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "Se", "Br", "Rb", "Sr", "Y", "Zr",
                        "Nb", "Mo", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Cs", "Ba", "La", "Ce",
                        "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi"]
        for symbol in required { #expect(Element(symbol: symbol) != nil, "\(symbol) missing") }
        for element in all {
            let sum = element.isotopes.reduce(0) { $0 + $1.abundance }
            #expect(abs(sum - 1) < 2e-4, "\(element.symbol) abundances sum to \(sum)")
            for isotope in element.isotopes {
                // Mass within 0.1 u of the mass number, positive abundance.
                #expect(abs(isotope.mass - Double(isotope.massNumber)) < 0.1, "\(isotope.notation)")
                #expect(isotope.abundance > 0 && isotope.abundance <= 1)
            }
            #expect(Element(atomicNumber: element.atomicNumber)?.symbol == element.symbol)
        }
        #expect(Element(symbol: "Tc") == nil)
        #expect(Element(symbol: "CO") == nil)
        #expect(Element(symbol: "Sn")!.monoisotopic.massNumber == 120)
        #expect(Element(symbol: "B")!.monoisotopic.massNumber == 11)
        // Standard atomic weight of Li (representative composition): 6.94 ± 0.06; of Cl: 35.45.
        #expect(abs(Element(symbol: "Cl")!.averageMass - 35.453) < 0.002)
    }

    @Test func electronMass() {
        #expect(abs(PhysicalConstants.electronMass - 0.000548579909) < 1e-12)
    }
}
