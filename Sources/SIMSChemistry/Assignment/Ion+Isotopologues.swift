extension Ion {
    /// The monoisotopic ion and its singly substituted isotopologues (one atom of an unlabelled element
    /// replaced by a minor isotope), with their abundance relative to the monoisotopic ion, keeping those ≥
    /// `minimumRelativeAbundance`.
    ///
    /// Relative abundance of replacing one of n atoms of element X by isotope A: n · p(A) / p(X_mono)
    /// (first-order term of the multinomial expansion). The label puts the isotope first (`Cl_2` → `^37ClCl`,
    /// `Ru` → `^100Ru`), as IONTOF writes such labels.
    public func isotopologues(minimumRelativeAbundance: Double = 0.01) -> [(ion: Ion, relativeAbundance: Double)] {
        var result: [(Ion, Double)] = [(self, 1)]
        for (index, part) in formula.parts.enumerated() where part.massNumber == nil {
            guard let element = Element(symbol: part.symbol) else { continue }
            let mono = element.monoisotopic
            for isotope in element.isotopes where isotope.massNumber != mono.massNumber {
                let relative = Double(part.count) * isotope.abundance / mono.abundance
                guard relative >= minimumRelativeAbundance else { continue }
                var parts = formula.parts
                var replacement = [Formula.Part(symbol: part.symbol, massNumber: isotope.massNumber, count: 1)]
                if part.count > 1 { replacement.append(Formula.Part(symbol: part.symbol, count: part.count - 1)) }
                parts.replaceSubrange(index ... index, with: replacement)
                result.append((Ion(formula: Formula(parts: parts), charge: charge), relative))
            }
        }
        return result
    }
}
