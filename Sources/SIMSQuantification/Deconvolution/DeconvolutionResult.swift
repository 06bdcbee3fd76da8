import SIMSChemistry
import SIMSCore

/// The result of ``IsotopeDeconvolution/fit(_:)``: per species amounts with standard errors, the groups that cannot
/// be told apart, the KKT certificate, and the fitted spectrum on the rows that entered the fit.
public struct DeconvolutionResult: Sendable {
    /// What the fit says about one species.
    public enum Status: Sendable, Hashable {
        /// Positive amount with a standard error.
        case fitted
        /// At the constraint (amount 0): the optimum does not need this species (its zero set selects it out).
        case zero
        /// Its template is a linear combination of other candidates' on the fitted rows: member of group `group`
        /// (index into ``DeconvolutionResult/groups``); its amount is not a measurement.
        case notIdentifiable(group: Int)
        /// No isotope line inside the spectrum's mass range.
        case outsideMassRange
        /// At its pattern bound (``DeconvolutionProblem/upperBounds``): the fit wanted more of the species than the
        /// counts on one of its main lines allow, so the amount is an upper limit, without a standard error. The
        /// candidates then miss species present on its other lines.
        case atPatternBound

        /// A short word for tables: fitted, zero, not identifiable, outside mass range, at pattern bound.
        public var label: String {
            switch self {
            case .fitted: "fitted"
            case .zero: "zero"
            case .notIdentifiable: "not identifiable"
            case .outsideMassRange: "outside mass range"
            case .atPatternBound: "at pattern bound"
            }
        }
    }

    /// One species' amount.
    public struct SpeciesAmount: Sendable {
        /// The species.
        public var ion: Ion
        /// Total counts of the species over all isotopologues (the NNLS coefficient), ≥ 0.
        public var amount: Double
        /// Standard error of ``amount`` (counts) from the Fisher information on the free set; `nil` unless fitted.
        public var standardError: Double?
        /// Fitted, zero, not identifiable or outside the mass range.
        public var status: Status
        /// Fraction of the isotope pattern inside the spectrum's mass range.
        public var coverage: Double
        /// Standard deviation of the amount over the parametric Poisson bootstrap's replicates (counts), for fitted
        /// and zero species when ``IsotopeDeconvolution/bootstrapResamples`` > 0; `nil` otherwise.
        public var bootstrapStandardError: Double? = nil
        /// 95th percentile of the amount over the replicates (counts): the percentile-bootstrap 95 % upper
        /// confidence bound, the one to quote for a species at zero; `nil` without bootstrap.
        public var bootstrapUpperBound: Double? = nil
    }

    /// One entry per candidate, in the order given.
    public var species: [SpeciesAmount]
    /// Groups of candidates whose templates are linearly dependent (not identifiable).
    public var groups: [[Ion]]
    /// The KKT conditions at the optimum.
    public var certificate: KKTCertificate
    /// m/z (u) of the rows that entered the fit (bin centres or channel masses).
    public var mass: [Double]
    /// Observed counts on those rows.
    public var observed: [Double]
    /// Fitted counts Σ nₛ tₛ on those rows.
    public var fitted: [Double]
    /// Weighted residual sum of squares at the optimum.
    public var chiSquare: Double
    /// Rows minus positive coefficients (≥ 1).
    public var degreesOfFreedom: Int
    /// Poisson reweightings after the first solve (0 for the other weightings); each solve is certified.
    public var reweightings: Int = 0
    /// Whether the Poisson reweighting reached its fixed point (the likelihood's optimum) before its safety cap;
    /// `true` for the other weightings. When `false` the last weighted problem is still solved to a certified
    /// optimum, but its weights are not yet the fitted counts'.
    public var reweightingConverged: Bool = true
    /// Replicates of the parametric Poisson bootstrap (0: none).
    public var bootstrapResamples: Int = 0

    /// Observed − fitted counts per row.
    public var residuals: [Double] { zip(observed, fitted).map { $0 - $1 } }

    /// The selected species: the certified optimum's free set (positive amounts).
    public var selected: [SpeciesAmount] { species.filter { $0.amount > 0 } }
}

/// The weighted least-squares problem of one spectrum (``IsotopeDeconvolution/problem(_:)``): templates on the
/// rows where some candidate has a line, the observed counts there, and the rows' m/z.
public struct DeconvolutionProblem: Sendable {
    /// The candidates, one design column each.
    public var species: [Ion]
    /// Expected fraction of each species' ions per row (rows × species).
    public var design: Matrix
    /// Observed counts per row.
    public var observations: [Double]
    /// m/z (u) of each row.
    public var mass: [Double]
    /// Fraction of each species' pattern inside the spectrum's range (0: outside).
    public var coverage: [Double]
    /// Largest amount (counts) each species' own main peaks allow, or `nil` (no bound). The counts on the spectrum's
    /// axis are sums of non-negative contributions, so a species cannot put more ions into a peak than the peak
    /// holds: per nominal mass holding ≥ 1 % of its pattern, the one-sided 99.997 % Poisson upper limit (Gehrels,
    /// ApJ 303 (1986) 336, eq. 9, S = 4) of the counts within two point spacings of its lines, divided by that
    /// share of the pattern; the species' bound is the smallest (``IsotopeDeconvolution/patternBound(_:spectrum:)``).
    public var upperBounds: [Double]? = nil
}
