/// The secondary-ion fragments of each phase, in both polarities.
///
/// Fragments are those reported for these materials in ToF-SIMS studies of sulfide all-solid-state and
/// liquid-electrolyte cathodes (e.g. Walther et al., Chem. Mater. 31 (2019) 3745 and Adv. Energy Mater.
/// 11 (2021) 2100654 for Li₆PS₅Cl|NCM: PS⁻, PS₂⁻, PS₃⁻, SOₓ⁻, POₓ⁻, LiCl₂⁻; Lombardo et al.,
/// JVST A 41 (2023) 053207 for the Li⁺ saturation issue). Relative yields are plausible orders of
/// magnitude chosen so that the strongest peaks (Li⁺, S⁻, O⁻) approach detector saturation at the default
/// dose, as in real measurements; they are a model, not a calibration.
public enum PhaseChemistry {
    /// The fragments of `phase` in `polarity`. The CEI chemistry follows the cathode's `electrolyte`
    /// (sulfide: sulfites/sulfates, phosphates, LiCl; liquid LiPF₆: LiF, fluorophosphates, carbonates).
    public static func fragments(of phase: Phase, polarity: Polarity, electrolyte: Phase = .argyrodite) -> [Fragment] {
        let table: [(String, Double)]
        switch (phase, polarity) {
        case (.pore, .negative): table = [("H", 2e-5), ("C_2", 2e-5), ("O", 2e-5)]
        case (.pore, .positive): table = [("H", 1e-5), ("CH_3", 1e-5), ("Li", 1e-4)]
        case (.ncm811, .negative):
            table = [("O", 3e-3), ("OH", 8e-4), ("LiO", 2e-4), ("Ni", 5e-5), ("NiO", 2e-4), ("NiO_2", 3e-4),
                     ("CoO_2", 3.5e-5), ("MnO_2", 2.5e-5)]
        case (.ncm811, .positive):
            table = [("Li", 8e-3), ("Li_2", 1e-4), ("Li_2O", 5e-5), ("Li_2OH", 1e-4), ("Ni", 8e-4), ("NiO", 1e-4),
                     ("Co", 9e-5), ("Mn", 1e-4)]
        case (.argyrodite, .negative):
            table = [("S", 4e-3), ("Cl", 2.5e-3), ("SH", 3e-4), ("P", 2e-4), ("PS", 3e-4), ("PS_2", 6e-4), ("PS_3", 3e-4),
                     ("S_2", 2e-4), ("LiS", 3e-4), ("LiCl_2", 1e-4), ("PO_3", 3e-5), ("O", 2e-4)]
        case (.argyrodite, .positive):
            table = [("Li", 6e-3), ("Li_2", 3e-4), ("Li_2Cl", 2e-4), ("Li_3S", 1e-4), ("Li_2SH", 5e-5), ("P", 5e-5)]
        case (.carbon, .negative):
            table = [("H", 1e-3), ("C", 1e-3), ("CH", 5e-4), ("C_2", 2e-3), ("C_2H", 1.5e-3), ("C_3", 3e-4), ("C_4", 1.5e-4)]
        case (.carbon, .positive):
            table = [("H", 5e-4), ("C", 1e-4), ("CH_3", 6e-4), ("C_2H_3", 8e-4), ("C_2H_5", 5e-4), ("C_3H_5", 4e-4)]
        case (.cei, .negative) where electrolyte == .liquidElectrolyte:
            table = [("O", 1e-3), ("F", 3e-3), ("LiF_2", 4e-4), ("PO_2", 2e-4), ("PO_3", 3e-4), ("PO_2F_2", 2e-4),
                     ("CO_3", 2e-4), ("NiF_3", 5e-5)]
        case (.cei, .positive) where electrolyte == .liquidElectrolyte:
            table = [("Li", 5e-3), ("Li_2", 2e-4), ("Li_2F", 6e-4), ("Li_2OH", 2e-4), ("Ni", 1e-4)]
        case (.cei, .negative):
            table = [("O", 1.5e-3), ("S", 1e-3), ("Cl", 2e-3), ("SO_2", 3e-4), ("SO_3", 6e-4), ("SO_4", 2e-4),
                     ("PO_2", 3e-4), ("PO_3", 4e-4), ("LiCl_2", 3e-4), ("LiSO_4", 1e-4)]
        case (.cei, .positive):
            table = [("Li", 5e-3), ("Li_2", 2e-4), ("Li_2Cl", 4e-4), ("Li_2OH", 2e-4), ("Li_3SO_4", 5e-5), ("Ni", 1e-4)]
        case (.liquidElectrolyte, .negative):
            table = [("F", 4e-3), ("O", 5e-4), ("C_2H", 5e-4), ("LiF_2", 5e-4), ("PO_2F_2", 3e-4), ("POF_4", 1e-4),
                     ("PF_6", 3e-4)]
        case (.liquidElectrolyte, .positive):
            table = [("Li", 4e-3), ("Li_2F", 6e-4), ("Li_3F_2", 1.5e-4), ("CH_3", 3e-4), ("C_2H_3", 3e-4)]
        case (.lithium, .negative): table = [("Li", 3e-3), ("Li_2", 3e-4), ("LiH", 2e-4), ("O", 2e-4)]
        case (.lithium, .positive): table = [("Li", 1e-2), ("Li_2", 3e-3), ("Li_3O", 1e-4)]
        case (.sei, .negative):
            table = [("O", 1e-3), ("OH", 4e-4), ("LiO", 5e-4), ("S", 2e-3), ("LiS", 1e-3), ("Cl", 1.5e-3), ("P", 4e-4),
                     ("LiCl_2", 2e-4)]
        case (.sei, .positive):
            table = [("Li", 7e-3), ("Li_2", 5e-4), ("Li_2OH", 3e-4), ("Li_3O", 2e-4), ("Li_3S", 3e-4), ("Li_2Cl", 3e-4)]
        }
        return table.map { Fragment($0.0, polarity, yield: $0.1) }
    }

    /// Every distinct fragment formula of `phases` in `polarity`, sorted by formula, for building a
    /// common line list of a sample.
    public static func formulas(of phases: [Phase], polarity: Polarity, electrolyte: Phase = .argyrodite) -> [String] {
        Array(Set(phases.flatMap { fragments(of: $0, polarity: polarity, electrolyte: electrolyte).map(\.formula) })).sorted()
    }
}
