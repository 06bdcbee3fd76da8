import SIMSAnalysis
import SIMSChemistry
import SIMSCore
import SIMSQuantification

/// Explains a deviating isotope ratio by an overlapping ion: the spectrum around the pair is deconvolved
/// (``IsotopeDeconvolution``, 0.5 u bins, certified optimum) into the pair's natural pattern and every candidate
/// whose natural pattern puts a line (≥ 0.5 % of its ions) into the major or minor isotope's bin — the peak list's
/// other assignments and the battery fragment library of the same charge sign. The share of the strongest
/// interferer in the bin that holds the excess (the major bin when the ratio is above natural, the minor one
/// below) is that candidate's fitted counts there over all fitted counts there.
public struct IsotopeInterference: Sendable, Equatable {
    /// The interfering ion (IONTOF notation).
    public var interferer: String
    /// Its share of the fitted counts in the isotope's bin (0…1).
    public var share: Double
    /// The isotope whose bin it shares (`^63Cu-`).
    public var isotope: String
    /// Whether the deconvolution's optimum is certified.
    public var certified: Bool

    /// The verdict suffix: `interference by PO_2- on ^63Cu- (share 0.78)`.
    public var text: String {
        "interference by \(interferer) on \(isotope) (share \(CSVTable.format((share * 1000).rounded() / 1000)))" + (certified ? "" : ", optimum not certified")
    }

    /// The bin width (u) of the deconvolution.
    static let binWidth = 0.5

    /// The interference that explains `result` in `spectrum`, or `nil` when none has a share of at least 1 %
    /// (or the pair's ions cannot be parsed).
    public static func explain(_ result: IsotopeCheck.Result, spectrum: Spectrum, peaks: [Peak]) -> IsotopeInterference? {
        guard result.deviates, let ratio = result.ratio,
              let parent = try? Ion(parsing: result.pair.formula),
              let major = try? Ion(parsing: result.pair.major.assignment),
              let minor = try? Ion(parsing: result.pair.minor.assignment) else { return nil }
        let excess = ratio > result.pair.naturalRatio ? major : minor
        let label = ratio > result.pair.naturalRatio ? result.pair.major.explicitLabel : result.pair.minor.explicitLabel
        let bins = [major, minor].map { ($0.monoisotopicMass / binWidth).rounded() }
        func natural(_ ion: Ion) -> Ion {
            Ion(formula: Formula(parts: ion.formula.parts.map { Formula.Part(symbol: $0.symbol, count: $0.count) }), charge: ion.charge)
        }
        func touches(_ ion: Ion) -> Bool {
            IsotopePattern(ion: ion).peaks.contains { $0.probability >= 0.005 && bins.contains(($0.mass / binWidth).rounded()) }
        }
        var seen: Set<String> = [parent.iontofNotation]
        var candidates = [parent]
        let listed = peaks.flatMap { (try? AssignmentLabel(parsing: $0.label))?.ions ?? [] }
        let library = FragmentLibrary.battery.entries.map(\.ion)
        for ion in (listed + library).map(natural) where ion.charge.signum() == parent.charge.signum() {
            guard seen.insert(ion.iontofNotation).inserted, touches(ion) else { continue }
            candidates.append(ion)
        }
        let deconvolution = IsotopeDeconvolution(species: candidates, peakShape: .binned(width: binWidth))
        let center = (excess.monoisotopicMass / binWidth).rounded() * binWidth
        guard candidates.count > 1, let problem = try? deconvolution.problem(spectrum), let fit = try? deconvolution.fit(problem),
              let row = problem.mass.firstIndex(where: { abs($0 - center) < 1e-9 }) else { return nil }
        // Contributions to the excess bin: each species' template value there × its amount.
        let contributions = candidates.indices.map { problem.design[row, $0] * fit.species[$0].amount }
        let total = contributions.reduce(0, +)
        guard total > 0, let best = (1..<candidates.count).max(by: { contributions[$0] < contributions[$1] }),
              contributions[best] / total >= 0.01 else { return nil }
        return IsotopeInterference(interferer: candidates[best].iontofNotation, share: contributions[best] / total,
                                   isotope: label, certified: fit.certificate.isCertified)
    }
}
