/// Expands fragments into isotopologue lines (masses and abundances) and assembles the line model of a
/// sample.
///
/// ``standard`` uses SIMSChemistry's isotope table and exact ion masses; tests can supply their own
/// expansion.
public struct LineCatalog: Sendable {
    /// Expands one fragment (formula, polarity) into its isotopologue lines, given the ⁶Li atom fraction
    /// (`nil` = natural abundance).
    public var isotopologues: @Sendable (_ fragment: Fragment, _ lithium6Fraction: Double?) throws(SIMSError) -> [SpectralLine]

    /// Creates a catalog from an expansion function.
    public init(isotopologues: @escaping @Sendable (_ fragment: Fragment, _ lithium6Fraction: Double?) throws(SIMSError) -> [SpectralLine]) {
        self.isotopologues = isotopologues
    }

    /// The line model of a sample made of `phases`: every fragment of every phase (``PhaseChemistry``)
    /// expanded into lines; a line's yield in a phase is the fragment's yield times the line's abundance.
    /// Lines are sorted by mass; lines of the same isotopologue from different phases are merged.
    public func model(phases: [Phase], polarity: Polarity, electrolyte: Phase = .argyrodite,
                      lithium6Fraction: Double? = nil) throws(SIMSError) -> LineModel {
        var lineIndex: [String: Int] = [:]
        var lines: [SpectralLine] = []
        var yieldRows: [[Double]] = []
        for (c, phase) in phases.enumerated() {
            for fragment in PhaseChemistry.fragments(of: phase, polarity: polarity, electrolyte: electrolyte) {
                for line in try isotopologues(fragment, lithium6Fraction) {
                    let index: Int
                    if let existing = lineIndex[line.ion] {
                        index = existing
                    } else {
                        index = lines.count
                        lineIndex[line.ion] = index
                        lines.append(line)
                        yieldRows.append([Double](repeating: 0, count: phases.count))
                    }
                    yieldRows[index][c] += fragment.yield * line.abundance
                }
            }
        }
        let order = lines.indices.sorted { lines[$0].mass < lines[$1].mass }
        return LineModel(polarity: polarity, lines: order.map { lines[$0] }, phases: phases,
                         yields: order.flatMap { yieldRows[$0] })
    }
}
