/// A material phase of a simulated battery sample.
///
/// Raw values are the labels stored in phase maps and `truth.json` (stable: do not renumber).
public enum Phase: UInt8, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Void (pore): almost no secondary ions.
    case pore = 0
    /// Cathode active material LiNi₀.₈Co₀.₁Mn₀.₁O₂ (NCM811).
    case ncm811 = 1
    /// Argyrodite solid electrolyte Li₆PS₅Cl.
    case argyrodite = 2
    /// Conductive carbon additive (carbon black / fibres).
    case carbon = 3
    /// Cathode–electrolyte interphase: decomposition products at NCM|electrolyte contacts
    /// (sulfates/sulfites, phosphates, LiCl for argyrodite; LiF, phosphates, fluorophosphates for LiPF₆ electrolytes).
    case cei = 4
    /// Dried residue of a liquid carbonate electrolyte with LiPF₆ (e.g. LP30), for liquid-electrolyte variants.
    case liquidElectrolyte = 5
    /// Lithium metal (anode of a half cell).
    case lithium = 6
    /// Solid–electrolyte interphase on lithium (Li₂O, LiOH, Li₂S, Li₃P, LiCl).
    case sei = 7

    /// Short name used in files (`truth.json`, CSV headers).
    public var name: String {
        switch self {
        case .pore: return "pore"
        case .ncm811: return "NCM811"
        case .argyrodite: return "Li6PS5Cl"
        case .carbon: return "carbon"
        case .cei: return "CEI"
        case .liquidElectrolyte: return "LiPF6-residue"
        case .lithium: return "Li-metal"
        case .sei: return "SEI"
        }
    }

    /// The name.
    public var description: String { name }
}
