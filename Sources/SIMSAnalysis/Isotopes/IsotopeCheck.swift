/// Checks measured isotope ratios against natural abundance, per spot.
///
/// For every elemental formula and charge with at least two isotopologues among the peaks of the list
/// (`Li-`/`^6Li-`, `^35Cl-`/`^37Cl-`, `Li_2F-`/`^6LiLiF-`, `LiF_2-`/`^6LiF_2-`), the ratio
/// R = counts(major)/counts(minor) is compared with the natural ratio R₀ = P(major)/P(minor), P the
/// multinomial probability of each isotopic composition (``Isotopologue/naturalProbability(abundances:)``;
/// for monatomic ions simply the ratio of abundances).
/// The confidence interval is exact for Poisson counts: conditional on the total a + b, a is binomial with
/// p = R/(1 + R), so the Clopper–Pearson interval for p (C. J. Clopper, E. S. Pearson, Biometrika 26 (1934)
/// 404) maps to an interval for R. R₀ outside the interval is reported as "saturation or enrichment"
/// (Lombardo et al., JVST A 41, 053207 (2023): natural ⁷Li/⁶Li = 12.18; a low ⁷Li/⁶Li is typical of a
/// saturated ⁷Li peak, a deviation can also be a ⁶Li labelling experiment).
public struct IsotopeCheck: Sendable {
    /// Two isotopologues of one formula and charge, located in the peak list.
    public struct Pair: Sendable, Hashable {
        /// The elemental formula with charge that both share (``Isotopologue/formulaKey``): `Li-`, `F_2Li-`.
        public var formula: String
        /// The more and the less abundant isotopologue.
        public var major: Isotopologue, minor: Isotopologue
        /// Positions in the peak list of the major and minor peaks.
        public var majorPeak: Int, minorPeak: Int
        /// Natural ratio P(major)/P(minor).
        public var naturalRatio: Double
        /// `^7Li-/^6Li-`, `LiF_2-/^6LiF_2-`.
        public var label: String { "\(major.explicitLabel)/\(minor.explicitLabel)" }
    }

    /// The result of one pair in one spectrum.
    public struct Result: Sendable, Hashable {
        /// The pair.
        public var pair: Pair
        /// Counts of the major and minor isotope peaks (ions).
        public var majorCounts: Double, minorCounts: Double
        /// Measured ratio; `nil` when the minor peak has no counts.
        public var ratio: Double?
        /// Confidence interval of the ratio (Clopper–Pearson), `nil` without counts.
        public var interval: ClosedRange<Double>?
        /// `true` when the natural ratio lies outside the interval.
        public var deviates: Bool
        /// Human-readable verdict.
        public var verdict: String {
            guard let ratio else { return "no counts in the minor isotope" }
            if !deviates { return "consistent with natural abundance" }
            return ratio < pair.naturalRatio
                ? "below natural: saturation of the major isotope, enrichment of the minor one, or an interfering ion"
                : "above natural: saturation or enrichment, or an interfering ion on the major isotope"
        }
    }

    /// Natural abundances (defaults to the built-in table).
    public var abundances: IsotopeAbundances
    /// Confidence level of the interval (default 0.95).
    public var confidence: Double
    /// Pairs found by ``init(peaks:abundances:confidence:)``.
    public private(set) var pairs: [Pair]

    /// Finds isotope pairs in `peaks`: for each elemental formula and charge, every other isotopologue against
    /// the most abundant one present. Lists (`A, B`) and labels that are not one ion are skipped; a repeated
    /// isotopologue counts once (its first peak).
    public init(peaks: [Peak], abundances: IsotopeAbundances = .builtIn, confidence: Double = 0.95) {
        self.abundances = abundances
        self.confidence = confidence
        var groups: [String: [(isotopologue: Isotopologue, position: Int, probability: Double)]] = [:]
        var order: [String] = []
        for (position, peak) in peaks.enumerated() {
            guard let isotopologue = Isotopologue(assignment: peak.assignment, abundances: abundances) else { continue }
            let key = isotopologue.formulaKey
            if groups[key] == nil { order.append(key) }
            guard groups[key, default: []].contains(where: { $0.isotopologue.isotopes == isotopologue.isotopes }) == false else { continue }
            groups[key, default: []].append((isotopologue, position, isotopologue.naturalProbability(abundances: abundances)))
        }
        var pairs: [Pair] = []
        for key in order {
            let members = groups[key]!
            guard members.count >= 2 else { continue }
            let major = members.max { $0.probability < $1.probability }!
            for minor in members where minor.position != major.position {
                pairs.append(Pair(formula: key, major: major.isotopologue, minor: minor.isotopologue,
                                  majorPeak: major.position, minorPeak: minor.position,
                                  naturalRatio: major.probability / minor.probability))
            }
        }
        self.pairs = pairs
    }

    /// Checks every pair against the peak counts of one spectrum (`counts` in peak-list order).
    public func check(counts: some RandomAccessCollection<Double>) -> [Result] {
        let values = Array(counts)
        return pairs.map { pair in
            let a = values[pair.majorPeak], b = values[pair.minorPeak]
            guard b > 0, a >= 0 else {
                return Result(pair: pair, majorCounts: a, minorCounts: b, ratio: nil, interval: nil, deviates: false)
            }
            let interval = IsotopeCheck.ratioInterval(major: a, minor: b, confidence: confidence)
            return Result(pair: pair, majorCounts: a, minorCounts: b, ratio: a / b, interval: interval,
                          deviates: !interval.contains(pair.naturalRatio))
        }
    }

    /// Clopper–Pearson interval of R = a/b for Poisson counts a, b (rounded to whole counts):
    /// p_L = B⁻¹(α/2; a, b+1), p_U = B⁻¹(1−α/2; a+1, b), R = p/(1 − p).
    public static func ratioInterval(major: Double, minor: Double, confidence: Double) -> ClosedRange<Double> {
        let a = max(0, major.rounded()), b = max(0, minor.rounded())
        let alpha = 1 - confidence
        let lowP = a == 0 ? 0 : SpecialFunctions.inverseRegularizedIncompleteBeta(alpha / 2, a: a, b: b + 1)
        let highP = b == 0 ? 1 : SpecialFunctions.inverseRegularizedIncompleteBeta(1 - alpha / 2, a: a + 1, b: b)
        let low = lowP / (1 - lowP)
        let high = highP >= 1 ? Double.infinity : highP / (1 - highP)
        return low...high
    }
}
