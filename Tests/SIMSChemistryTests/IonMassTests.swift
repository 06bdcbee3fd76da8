import Testing
@testable import SIMSChemistry

/// Exact m/z of 30+ battery ions, worked out by hand from AME2020 atomic masses (Wang et al. 2021).
@Suite struct IonMassTests {
    // AME2020 atomic masses (u), full published digits.
    let H = 1.007825031898, C = 12.0, C13 = 13.00335483534, N = 14.00307400425
    let O = 15.99491461926, O18 = 17.99915961214, F = 18.99840316207
    let Li6 = 6.01512288742, Li7 = 7.01600343426, Na = 22.98976928195
    let P = 30.97376199768, S = 31.97207117354, Cl35 = 34.968852694, Cl37 = 36.965902573
    let Mn = 54.93804304, Co = 58.933193524, Ni58 = 57.93534165, Cu63 = 62.929597119, Cu65 = 64.927789476
    let Zr90 = 89.904698755, La139 = 138.906362927
    let e = 0.000548579909  // electron mass (CODATA 2018)

    func mz(_ label: String) throws -> Double { try Ion(parsing: label).monoisotopicMass }

    @Test func batteryIons() throws {
        let cases: [(String, Double)] = [
            ("Li+", Li7 - e),
            ("^6Li+", Li6 - e),
            ("Li-", Li7 + e),
            ("LiF-", Li7 + F + e),
            ("LiF_2-", Li7 + 2 * F + e),
            ("Li_2F+", 2 * Li7 + F - e),
            ("Li_2O+", 2 * Li7 + O - e),
            ("LiO-", Li7 + O + e),
            ("LiOH-", Li7 + O + H + e),
            ("Li_2OH+", 2 * Li7 + O + H - e),
            ("LiCO_3-", Li7 + C + 3 * O + e),
            ("Li_2CO_3-", 2 * Li7 + C + 3 * O + e),
            ("Li^6LiF_3-", Li7 + Li6 + 3 * F + e),
            ("CO_3-", C + 3 * O + e),
            ("C_2H-", 2 * C + H + e),
            ("C_2H_3O-", 2 * C + 3 * H + O + e),
            ("C_6^13C-", 6 * C + C13 + e),
            ("PO_2-", P + 2 * O + e),
            ("PO_3-", P + 3 * O + e),
            ("POF_2-", P + O + 2 * F + e),
            ("PF_6-", P + 6 * F + e),
            ("P^18OO_2-", P + O18 + 2 * O + e),
            ("LiPO_2F_2-", Li7 + P + 2 * O + 2 * F + e),
            ("PS-", P + S + e),
            ("PS_2-", P + 2 * S + e),
            ("PS_3-", P + 3 * S + e),
            ("Li_3S+", 3 * Li7 + S - e),
            ("LiCl_2-", Li7 + 2 * Cl35 + e),
            ("^37Cl-", Cl37 + e),
            ("NiO_2-", Ni58 + 2 * O + e),
            ("MnO_2-", Mn + 2 * O + e),
            ("CoO_2-", Co + 2 * O + e),
            ("Ni+", Ni58 - e),
            ("LiNiO_2+", Li7 + Ni58 + 2 * O - e),
            ("LaO+", La139 + O - e),
            ("ZrO+", Zr90 + O - e),
            ("CF-", C + F + e),
            ("C_2F-", 2 * C + F + e),
            ("CN-", C + N + e),
            ("Na_2Cl+", 2 * Na + Cl35 - e),
            ("Cu^65Cu_2-", Cu63 + 2 * Cu65 + e),
            ("C2H-", 2 * C + H + e),              // plain notation
            ("LiF2-", Li7 + 2 * F + e),           // plain notation
            ("Ni++", (Ni58 - 2 * e) / 2),        // doubly charged: divide by |z|
            ("C_60--", (60 * C + 2 * e) / 2),
        ]
        #expect(cases.count >= 30)
        // IONTOF's number-before-sign form (in plain notation `Ni2+` would be Ni₂⁺).
        #expect(abs(try Ion(parsing: "Ni2+", notation: .iontof).monoisotopicMass - (Ni58 - 2 * e) / 2) < 1e-6)
        #expect(abs(try Ion(parsing: "Ni2+", notation: .plain).monoisotopicMass - (2 * Ni58 - e)) < 1e-6)
        for (label, expected) in cases {
            let value = try mz(label)
            #expect(abs(value - expected) < 1e-6, "\(label): \(value) vs \(expected)")
        }
    }

    @Test func nominalMassAndDefect() throws {
        let ion = try Ion(parsing: "PF_6-")
        #expect(ion.formula.nominalMass == 31 + 6 * 19)
        #expect(ion.nominalMass == 145)
        #expect(abs(ion.massDefect - ((P + 6 * F + e) - 145)) < 1e-6)
        #expect(ion.massDefect < 0)
        #expect(try Ion(parsing: "C_2H_3O-").massDefect > 0)
        #expect(try Ion(parsing: "SnO-").formula.nominalMass == 120 + 16)
        #expect(try Ion(parsing: "Ni++").nominalMass == 29)
        #expect(try Ion(parsing: "LiF-").polarity == .negative)
        #expect(try Ion(parsing: "LaO+").polarity == .positive)
    }

    @Test func compositionMergesRepeatedElements() throws {
        let formula = try Formula(parsing: "CH_3NH_3")
        #expect(formula.composition[Formula.Atom(symbol: "H")] == 6)
        #expect(formula.atomCount == 8)
        #expect(formula.hillNotation == "CH6N")
        #expect(try Formula(parsing: "Li2CO3").hillNotation == "CLi2O3")
        #expect(try Formula(parsing: "Li_3^6LiF_5").composition[Formula.Atom(symbol: "Li", massNumber: 6)] == 1)
    }
}
