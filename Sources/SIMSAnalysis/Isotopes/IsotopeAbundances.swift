/// Natural isotope abundances (atom fractions) used by the isotope check.
///
/// Values: IUPAC CIAAW representative isotopic compositions (Meija et al., Pure Appl. Chem. 88 (2016) 293;
/// Li from the Lombardo et al. (2023) paper: ⁶Li 7.59 %, ⁷Li 92.41 %, ⁷Li/⁶Li = 12.18).
/// A small table of elements common in battery ToF-SIMS spectra; ``lookup`` can be replaced by a complete
/// table (SIMSChemistry) through ``IsotopeCheck/abundances``.
public struct IsotopeAbundances: Sendable {
    /// Abundance of `massNumber` of `element` (0…1), or `nil` when the table does not know it.
    public var lookup: @Sendable (_ element: String, _ massNumber: Int) -> Double?
    /// The most abundant isotope's mass number of `element`, or `nil`.
    public var mostAbundant: @Sendable (_ element: String) -> Int?

    /// Creates a table from closures (e.g. wrapping SIMSChemistry's element table).
    public init(lookup: @escaping @Sendable (String, Int) -> Double?, mostAbundant: @escaping @Sendable (String) -> Int?) {
        self.lookup = lookup
        self.mostAbundant = mostAbundant
    }

    /// The built-in table (battery-relevant elements with ≥ 2 stable isotopes).
    public static let builtIn: IsotopeAbundances = {
        let table: [String: [Int: Double]] = [
            "H": [1: 0.999885, 2: 0.000115],
            "Li": [6: 0.0759, 7: 0.9241],
            "B": [10: 0.199, 11: 0.801],
            "C": [12: 0.9893, 13: 0.0107],
            "N": [14: 0.99636, 15: 0.00364],
            "O": [16: 0.99757, 17: 0.00038, 18: 0.00205],
            "Mg": [24: 0.7899, 25: 0.1000, 26: 0.1101],
            "Si": [28: 0.92223, 29: 0.04685, 30: 0.03092],
            "S": [32: 0.9499, 33: 0.0075, 34: 0.0425, 36: 0.0001],
            "Cl": [35: 0.7576, 37: 0.2424],
            "K": [39: 0.932581, 40: 0.000117, 41: 0.067302],
            "Ti": [46: 0.0825, 47: 0.0744, 48: 0.7372, 49: 0.0541, 50: 0.0518],
            "Fe": [54: 0.05845, 56: 0.91754, 57: 0.02119, 58: 0.00282],
            "Ni": [58: 0.68077, 60: 0.26223, 61: 0.011399, 62: 0.036346, 64: 0.009255],
            "Cu": [63: 0.6915, 65: 0.3085],
            "Zn": [64: 0.4917, 66: 0.2773, 67: 0.0404, 68: 0.1845, 70: 0.0061],
            "Br": [79: 0.5069, 81: 0.4931],
            "Zr": [90: 0.5145, 91: 0.1122, 92: 0.1715, 94: 0.1738, 96: 0.0280],
            "Sn": [112: 0.0097, 114: 0.0066, 115: 0.0034, 116: 0.1454, 117: 0.0768, 118: 0.2422, 119: 0.0859, 120: 0.3258, 122: 0.0463, 124: 0.0579],
            "Ag": [107: 0.51839, 109: 0.48161],
            "In": [113: 0.0429, 115: 0.9571],
            "Ga": [69: 0.60108, 71: 0.39892],
            "Ru": [96: 0.0554, 98: 0.0187, 99: 0.1276, 100: 0.1260, 101: 0.1706, 102: 0.3155, 104: 0.1862],
            "Pd": [102: 0.0102, 104: 0.1114, 105: 0.2233, 106: 0.2733, 108: 0.2646, 110: 0.1172],
            "Ir": [191: 0.373, 193: 0.627],
            "Pt": [190: 0.00012, 192: 0.00782, 194: 0.3286, 195: 0.3378, 196: 0.2521, 198: 0.07356],
        ]
        return IsotopeAbundances(
            lookup: { element, massNumber in table[element]?[massNumber] },
            mostAbundant: { element in table[element]?.max { $0.value < $1.value }?.key })
    }()
}
