@testable import SIMSSimulator

/// Isotope masses and abundances typed from the IUPAC/AME2020 tables (independent of SIMSChemistry),
/// for physics tests that must not depend on another module.
enum TestCatalog {
    static let electron = 0.000548579909065
    /// (mass number, mass u, abundance)
    static let elements: [String: [(Int, Double, Double)]] = [
        "Li": [(6, 6.0151228874, 0.0759), (7, 7.0160034366, 0.9241)],
        "S": [(32, 31.9720711744, 0.9499), (33, 32.9714589098, 0.0075), (34, 33.967867004, 0.0425)],
        "Cl": [(35, 34.968852682, 0.7576), (37, 36.965902602, 0.2424)],
        "O": [(16, 15.9949146196, 1.0)],
    ]

    /// Single-element fragments only (`Li`, `S`, `Cl`, `O`): one line per isotope.
    static let catalog = LineCatalog { (fragment: Fragment, li6: Double?) throws(SIMSError) -> [SpectralLine] in
        guard var isotopes = elements[fragment.formula] else { return [] }
        if fragment.formula == "Li", let li6 { isotopes = [(6, isotopes[0].1, li6), (7, isotopes[1].1, 1 - li6)] }
        let main = isotopes.max { $0.2 < $1.2 }!.0
        let sign = fragment.polarity.sign
        let shift = fragment.polarity == .positive ? -electron : electron
        return isotopes.map { a, m, ab in
            SpectralLine(ion: a == main ? fragment.ion : "^\(a)\(fragment.formula)\(sign)", fragment: fragment.ion,
                         mass: m + shift, abundance: ab)
        }
    }

    /// A one-phase line model: Li⁺ only, with `yield` ions per primary ion.
    static func lithiumModel(yield: Double, li6: Double? = nil) throws -> LineModel {
        let lines = try catalog.isotopologues(Fragment("Li", .positive, yield: yield), li6)
        return LineModel(polarity: .positive, lines: lines, phases: [.ncm811], yields: lines.map { $0.abundance * yield })
    }
}
