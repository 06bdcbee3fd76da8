/// A charged formula: the thing a secondary-ion peak is labelled with (`C_2H-`, `^6Li+`, `Bi_3++`).
///
/// ```swift
/// let ion = try Ion(parsing: "LiF_2-")
/// ion.monoisotopicMass   // m/z in u, one electron mass added for the anion
/// ```
public struct Ion: Sendable, Hashable, Codable {
    /// The neutral formula.
    public var formula: Formula
    /// Signed charge number z (−1 for `-`, +2 for `2+`); never 0 for a parsed ion.
    public var charge: Int

    /// Creates an ion from a formula and a signed charge number.
    public init(formula: Formula, charge: Int) {
        self.formula = formula
        self.charge = charge
    }

    /// Polarity in which the ion is detected (`nil` for a neutral).
    public var polarity: Polarity? {
        charge > 0 ? .positive : charge < 0 ? .negative : nil
    }

    /// Mass of the ion in u: neutral monoisotopic mass − z × mₑ (an electron added per negative charge,
    /// removed per positive charge); mₑ = ``PhysicalConstants/electronMass``.
    public var ionMass: Double {
        formula.monoisotopicMass - Double(charge) * PhysicalConstants.electronMass
    }

    /// Monoisotopic m/z in u (what the spectrum's mass axis shows): ``ionMass`` / |z|.
    public var monoisotopicMass: Double {
        charge == 0 ? ionMass : ionMass / Double(abs(charge))
    }

    /// Nominal m/z: the formula's nominal mass / |z| (u).
    public var nominalMass: Double {
        Double(formula.nominalMass) / Double(max(1, abs(charge)))
    }

    /// Mass defect in u: ``monoisotopicMass`` − ``nominalMass`` (negative for heavy, halogen- and
    /// metal-rich ions, positive for hydrogen-rich ions).
    public var massDefect: Double { monoisotopicMass - nominalMass }
}
