// The battery fragment library, shipped as CSV text inside the module so that it loads identically from
// `swift test`, `swift run` and an installed `sims` binary on Linux (no resource bundle to locate).
//
// Columns: assignment (IONTOF notation, charge gives the polarity), category, source.
// Our own compilation. Sources (column `source`):
//   L23  Lombardo et al., J. Vac. Sci. Technol. A 41, 053207 (2023) — ToF-SIMS in battery research (text, figures).
//   W19  Walther et al., Chem. Mater. 31, 3745 (2019) — argyrodite/NCM composite cathodes: PS_x⁻, PO_x⁻, SO_x⁻, NiO₂⁻.
//   EX   Example_mass_interval_list.txt shipped with the scripts of L23 (Li metal/Cu in LiPF6 carbonate
//        electrolyte, negative polarity): the assignments used there.
//   ST   stoichiometric fragment of the named compound (MₓOᵧ±, LiₙXₙ₊₁⁻ cluster series …) — expected from the
//        compound's composition, to be confirmed on reference samples; listed so that peaks can be checked.

extension FragmentLibrary {
    /// CSV text of the built-in battery library (see the comment at the top of this file for sources).
    static let batteryCSV: String = """
    assignment,category,source
    # --- Li metal and SEI: Li2O, LiOH, LiF, Li2CO3 (negative) ---
    Li-,Li metal/SEI,EX
    LiH-,Li metal/SEI,EX
    O-,Li metal/SEI,EX
    OH-,Li metal/SEI,EX
    O_2-,Li metal/SEI,ST
    LiO-,Li metal/SEI,ST
    LiO_2-,Li metal/SEI,EX
    LiOH-,Li metal/SEI,EX
    Li_2O_2H-,Li metal/SEI,ST
    F-,Li metal/SEI,EX
    LiF-,Li metal/SEI,EX
    LiF_2-,Li metal/SEI,EX
    ^6LiF_2-,Li metal/SEI,EX
    Li_2F_3-,Li metal/SEI,EX
    Li_3F_4-,Li metal/SEI,EX
    Li_4F_5-,Li metal/SEI,EX
    Li_5F_6-,Li metal/SEI,EX
    LiOF-,Li metal/SEI,EX
    CO_2-,Li metal/SEI,EX
    CO_3-,Li metal/SEI,EX
    CHO_2-,Li metal/SEI,EX
    CHO_3-,Li metal/SEI,EX
    LiCO_2-,Li metal/SEI,EX
    LiCO_3-,Li metal/SEI,EX
    Li_2CO_3-,Li metal/SEI,EX
    C_2O_4-,Li metal/SEI,EX
    # --- Li metal and SEI (positive) ---
    Li+,Li metal/SEI,L23
    ^6Li+,Li metal/SEI,L23
    Li_2+,Li metal/SEI,ST
    Li_2H+,Li metal/SEI,ST
    Li_2O+,Li metal/SEI,ST
    Li_2OH+,Li metal/SEI,ST
    Li_3O+,Li metal/SEI,ST
    Li_2F+,Li metal/SEI,ST
    Li_3F_2+,Li metal/SEI,ST
    Li_3CO_3+,Li metal/SEI,ST
    Na+,Li metal/SEI,ST
    # --- Liquid electrolyte (LiPF6 in carbonates) decomposition (negative) ---
    P-,liquid electrolyte,EX
    PO-,liquid electrolyte,EX
    PO_2-,liquid electrolyte,EX
    PO_3-,liquid electrolyte,EX
    PO_4-,liquid electrolyte,EX
    PF-,liquid electrolyte,EX
    POF-,liquid electrolyte,EX
    POF_2-,liquid electrolyte,EX
    POF_3-,liquid electrolyte,EX
    POF_4-,liquid electrolyte,EX
    PO_2F-,liquid electrolyte,EX
    PO_2F_2-,liquid electrolyte,EX
    PO_3F-,liquid electrolyte,EX
    PO_3HF-,liquid electrolyte,EX
    PF_6-,liquid electrolyte,EX
    LiPO_2-,liquid electrolyte,EX
    LiPO_3-,liquid electrolyte,EX
    LiPO_2F-,liquid electrolyte,EX
    LiPO_2F_2-,liquid electrolyte,EX
    LiPO_3F-,liquid electrolyte,EX
    LiPF_3-,liquid electrolyte,EX
    CH-,liquid electrolyte,EX
    CH_2-,liquid electrolyte,EX
    CH_3-,liquid electrolyte,EX
    C_2H-,liquid electrolyte,EX
    CH_3O-,liquid electrolyte,EX
    CHO-,liquid electrolyte,EX
    C_2HO-,liquid electrolyte,EX
    C_2H_3O-,liquid electrolyte,EX
    C_2H_3O_2-,liquid electrolyte,EX
    C_3H_3O-,liquid electrolyte,EX
    C_3H_5O_2-,liquid electrolyte,EX
    CH_3O_2-,liquid electrolyte,EX
    C_2H_3O_3-,liquid electrolyte,EX
    # --- Liquid electrolyte (positive) ---
    CH_3+,liquid electrolyte,ST
    C_2H_3+,liquid electrolyte,ST
    C_2H_5+,liquid electrolyte,ST
    C_2H_3O+,liquid electrolyte,ST
    C_3H_5O+,liquid electrolyte,ST
    Li_2PO_2F_2+,liquid electrolyte,ST
    # --- Sulfide solid electrolytes (Li6PS5Cl argyrodite, Li3PS4) (negative) ---
    S-,sulfide electrolyte,W19
    SH-,sulfide electrolyte,ST
    S_2-,sulfide electrolyte,ST
    PS-,sulfide electrolyte,W19
    PS_2-,sulfide electrolyte,W19
    PS_3-,sulfide electrolyte,W19
    P_2S-,sulfide electrolyte,ST
    LiS-,sulfide electrolyte,ST
    Li_2S_2-,sulfide electrolyte,ST
    LiPS_2-,sulfide electrolyte,ST
    Cl-,sulfide electrolyte,EX
    ^37Cl-,sulfide electrolyte,EX
    LiCl-,sulfide electrolyte,EX
    LiCl_2-,sulfide electrolyte,ST
    Li_2Cl_3-,sulfide electrolyte,ST
    SO-,sulfide electrolyte,W19
    SO_2-,sulfide electrolyte,W19
    SO_3-,sulfide electrolyte,W19
    SO_4-,sulfide electrolyte,EX
    POS-,sulfide electrolyte,ST
    # --- Sulfide solid electrolytes (positive) ---
    Li_2S+,sulfide electrolyte,ST
    Li_3S+,sulfide electrolyte,ST
    Li_2Cl+,sulfide electrolyte,ST
    Li_3PS_4+,sulfide electrolyte,ST
    P+,sulfide electrolyte,ST
    # --- Oxide cathodes (NCM, LCO, LMO) (negative) ---
    NiO-,oxide cathode,ST
    NiO_2-,oxide cathode,W19
    MnO-,oxide cathode,ST
    MnO_2-,oxide cathode,ST
    MnO_3-,oxide cathode,ST
    CoO-,oxide cathode,ST
    CoO_2-,oxide cathode,ST
    LiNiO_2-,oxide cathode,ST
    LiMnO_2-,oxide cathode,ST
    LiCoO_2-,oxide cathode,ST
    AlO_2-,oxide cathode,ST
    # --- Oxide cathodes (positive) ---
    Ni+,oxide cathode,ST
    Mn+,oxide cathode,ST
    Co+,oxide cathode,ST
    Al+,oxide cathode,ST
    NiO+,oxide cathode,ST
    MnO+,oxide cathode,ST
    CoO+,oxide cathode,ST
    NiOH+,oxide cathode,ST
    LiNiO+,oxide cathode,ST
    LiNiO_2+,oxide cathode,ST
    Li_2NiO_2+,oxide cathode,ST
    # --- Garnet solid electrolytes (LLZO, Al/Ga/Ta-doped) (positive) ---
    La+,garnet,ST
    LaO+,garnet,ST
    LaO_2+,garnet,ST
    Zr+,garnet,ST
    ZrO+,garnet,ST
    ZrO_2+,garnet,ST
    Ga+,garnet,ST
    Ta+,garnet,ST
    TaO+,garnet,ST
    LiLaO+,garnet,ST
    LiZrO+,garnet,ST
    # --- Garnet solid electrolytes (negative) ---
    ZrO_2-,garnet,ST
    ZrO_3-,garnet,ST
    LaO_2-,garnet,ST
    LiZrO_3-,garnet,ST
    TaO_3-,garnet,ST
    # --- Binders (PVDF, CMC/SBR) and carbons (negative) ---
    C-,binder/carbon,ST
    C_2-,binder/carbon,EX
    C_3-,binder/carbon,EX
    C_4-,binder/carbon,EX
    C_5-,binder/carbon,EX
    C_6-,binder/carbon,EX
    C_7-,binder/carbon,EX
    C_8-,binder/carbon,EX
    C_3H-,binder/carbon,EX
    C_4H-,binder/carbon,EX
    C_5H-,binder/carbon,EX
    C_6H-,binder/carbon,EX
    C_8H-,binder/carbon,EX
    CF-,binder/carbon,EX
    C_2F-,binder/carbon,EX
    C_3F-,binder/carbon,EX
    CF_2-,binder/carbon,ST
    C_2HF_2-,binder/carbon,ST
    CN-,binder/carbon,EX
    CNO-,binder/carbon,EX
    # --- Binders and carbons (positive) ---
    C+,binder/carbon,ST
    CF+,binder/carbon,ST
    CF_3+,binder/carbon,ST
    C_2H_2F+,binder/carbon,ST
    C_3H_5+,binder/carbon,ST
    C_4H_7+,binder/carbon,ST
    C_7H_7+,binder/carbon,ST
    Na_2OH+,binder/carbon,ST
    """
}
