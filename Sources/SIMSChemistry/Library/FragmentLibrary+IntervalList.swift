extension FragmentLibrary {
    /// A mass interval list for the library's ions of `polarity` (or all ions when `nil`), ascending m/z.
    ///
    /// Each interval is centred on the ion's monoisotopic m/z with full width `widthInFWHM` × m/R, where
    /// m/R is the peak FWHM (u) at resolving power R (default 3 FWHM, i.e. ±1.5 FWHM, which holds > 99.9 % of a
    /// Gaussian peak). With `includeIsotopologues`, isotopologue lines at ≥ `minimumRelativeAbundance` of the
    /// monoisotopic line are added (`^37ClCl-`). Duplicate ions are listed once. The description is the category.
    public func intervalList(polarity: Polarity?, resolvingPower: Double, widthInFWHM: Double = 3,
                             includeIsotopologues: Bool = false, minimumRelativeAbundance: Double = 0.05) -> PeakList {
        var rows: [(ion: Ion, category: String)] = []
        var seen = Set<Ion>()
        for entry in entries where polarity == nil || entry.ion.polarity == polarity {
            let ions = includeIsotopologues
                ? entry.ion.isotopologues(minimumRelativeAbundance: minimumRelativeAbundance).map(\.ion)
                : [entry.ion]
            for ion in ions where seen.insert(ion).inserted { rows.append((ion, entry.category)) }
        }
        rows.sort { $0.ion.monoisotopicMass < $1.ion.monoisotopicMass }
        let peaks = rows.enumerated().map { offset, row in
            let center = row.ion.monoisotopicMass
            let half = widthInFWHM * center / resolvingPower / 2
            return Peak(index: offset + 1, assignment: row.ion.iontofNotation, description: row.category,
                        interval: MassInterval(lower: center - half, upper: center + half, center: center))
        }
        return PeakList(peaks: peaks, source: name)
    }
}
