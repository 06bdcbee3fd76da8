/// One line of an isotope pattern.
public struct IsotopePeak: Sendable, Hashable, Codable {
    /// m/z in u (probability-weighted mean of the merged fine-structure lines).
    public var mass: Double
    /// Probability (0…1) that an ion of this formula has this mass, from natural abundances.
    public var probability: Double

    /// Creates a line.
    public init(mass: Double, probability: Double) {
        self.mass = mass
        self.probability = probability
    }
}

/// The isotope pattern (isotopologue distribution) of an ion from natural abundances.
///
/// Computed by successive convolution of the atoms' isotope distributions (the polynomial / multinomial
/// expansion, e.g. Yergey, Int. J. Mass Spectrom. Ion Phys. 52, 337 (1983)): the exact fine structure is kept,
/// branches below ``pruningThreshold`` are dropped during the expansion, and lines closer than the
/// resolution (FWHM Δm = m / R) are merged at the end. Atoms whose isotope the label fixes (`^6Li`) contribute
/// that isotope only. Masses are ion m/z (electron mass and |z| applied as in ``Ion/monoisotopicMass``).
///
/// ```swift
/// let pattern = IsotopePattern(ion: try Ion(parsing: "Cl_2-"), resolvingPower: 5000)
/// pattern.peaks.map(\.probability)   // ≈ [0.574, 0.367, 0.059]  (³⁵Cl₂, ³⁵Cl³⁷Cl, ³⁷Cl₂)
/// ```
public struct IsotopePattern: Sendable, Hashable {
    /// Lines with probability ≥ the requested minimum, ascending mass; empty for a hand-built formula that names
    /// an element or isotope missing from ``IsotopeTable`` (parsed formulas are always valid).
    public var peaks: [IsotopePeak]
    /// The ion.
    public var ion: Ion
    /// Resolving power m/Δm (FWHM) used to merge lines; `nil` keeps the full fine structure.
    public var resolvingPower: Double?

    /// Branches below this probability are dropped while expanding (their total is far below 1e-6).
    public static let pruningThreshold = 1e-12

    /// Computes the pattern.
    /// - Parameters:
    ///   - ion: the ion.
    ///   - resolvingPower: m/Δm (FWHM); lines closer than m/R are merged (probability-weighted mass).
    ///     `nil` keeps lines that differ by more than 1e-6 u (fine structure).
    ///   - minimumProbability: lines below this are left out of ``peaks`` (default 1e-6).
    public init(ion: Ion, resolvingPower: Double? = nil, minimumProbability: Double = 1e-6) {
        self.ion = ion
        self.resolvingPower = resolvingPower
        var lines: [IsotopePeak] = [IsotopePeak(mass: 0, probability: 1)]
        for (atom, count) in ion.formula.composition.sorted(by: { $0.key < $1.key }) {
            // Hand-built formulas naming an unknown element or isotope have no pattern (never a partial one).
            guard let element = Element(symbol: atom.symbol),
                  atom.massNumber.map({ element.isotope(massNumber: $0) != nil }) ?? true else {
                lines = []
                break
            }
            let distribution: [IsotopePeak]
            if let massNumber = atom.massNumber, let isotope = element.isotope(massNumber: massNumber) {
                distribution = [IsotopePeak(mass: isotope.mass, probability: 1)]
            } else {
                distribution = element.isotopes.map { IsotopePeak(mass: $0.mass, probability: $0.abundance) }
            }
            for _ in 0 ..< count {
                lines = IsotopePattern.convolve(lines, distribution)
            }
        }
        let z = Double(max(1, abs(ion.charge)))
        let electronShift = Double(ion.charge) * PhysicalConstants.electronMass
        var result = lines.map { IsotopePeak(mass: ($0.mass - electronShift) / z, probability: $0.probability) }
        if let resolvingPower, resolvingPower > 0 {
            result = IsotopePattern.merge(result) { mass in mass / resolvingPower }
        }
        peaks = result.filter { $0.probability >= minimumProbability }
    }

    /// The most probable line.
    public var mostAbundant: IsotopePeak? { peaks.max { $0.probability < $1.probability } }

    /// Lines scaled so the most probable one is 1.
    public var relativeToMostAbundant: [IsotopePeak] {
        guard let top = mostAbundant?.probability, top > 0 else { return peaks }
        return peaks.map { IsotopePeak(mass: $0.mass, probability: $0.probability / top) }
    }

    /// Convolution of two line lists, pruned and with identical masses (within 1e-6 u) merged.
    static func convolve(_ lhs: [IsotopePeak], _ rhs: [IsotopePeak]) -> [IsotopePeak] {
        var products: [IsotopePeak] = []
        products.reserveCapacity(lhs.count * rhs.count)
        for a in lhs {
            for b in rhs {
                let probability = a.probability * b.probability
                if probability >= pruningThreshold {
                    products.append(IsotopePeak(mass: a.mass + b.mass, probability: probability))
                }
            }
        }
        return merge(products) { _ in 1e-6 }
    }

    /// Sorts by mass and merges neighbours within `width(mass)` of a cluster's first line.
    static func merge(_ lines: [IsotopePeak], width: (Double) -> Double) -> [IsotopePeak] {
        let sorted = lines.sorted { $0.mass < $1.mass }
        var merged: [IsotopePeak] = []
        var clusterStart = -Double.infinity
        var weightedMass = 0.0
        var probability = 0.0
        for line in sorted {
            if line.mass - clusterStart <= width(clusterStart) {
                weightedMass += line.mass * line.probability
                probability += line.probability
            } else {
                if probability > 0 { merged.append(IsotopePeak(mass: weightedMass / probability, probability: probability)) }
                clusterStart = line.mass
                weightedMass = line.mass * line.probability
                probability = line.probability
            }
        }
        if probability > 0 { merged.append(IsotopePeak(mass: weightedMass / probability, probability: probability)) }
        return merged
    }
}
