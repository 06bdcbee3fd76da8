/// Proposes assignments for measured peaks from a candidate library.
///
/// Estimator shape: configure (library, polarity, tolerance), then ``candidates(center:width:spectrum:)``.
/// Every library ion contributes its monoisotopic line and its main isotopologue lines
/// (``Ion/isotopologues(minimumRelativeAbundance:)``). Candidates within the window
/// w = max(`tolerancePPM` · centre · 10⁻⁶, ``widthTolerance`` · FWHM) of the measured centre are ranked by
/// |Δm| / w + (1 − isotope-pattern fit). The FWHM term matters for coarsely binned exports, whose centroids are
/// only good to a fraction of the point spacing.
///
/// Pattern fit: the parent's isotope pattern at the peak's resolving power (R = centre / width) is compared
/// with the spectrum's maximum intensity within ±width/2 of each predicted line (lines ≥ 1 % of the
/// strongest) by cosine similarity Σ pᵢIᵢ / (‖p‖‖I‖).
public struct PeakAssigner: Sendable {
    /// A precomputed line: (label ion, parent, mass, relative abundance).
    struct Line: Sendable {
        var ion: Ion
        var parent: Ion
        var mass: Double
        var relativeAbundance: Double
    }

    /// Maximum |deviation| in ppm.
    public var tolerancePPM: Double
    /// Candidates within this many peak widths (FWHM) are also accepted (default 1).
    public var widthTolerance: Double
    /// Isotopologue lines weaker than this (relative to the parent's monoisotopic line) are not proposed.
    public var minimumRelativeAbundance: Double
    let lines: [Line]

    /// Configures an assigner.
    /// - Parameters:
    ///   - library: candidate ions.
    ///   - polarity: keep only ions of this polarity (`nil`: all).
    ///   - tolerancePPM: maximum |deviation| (ppm); default 200.
    ///   - widthTolerance: accept candidates within this many FWHM of the centre as well (default 1).
    ///   - minimumRelativeAbundance: weakest isotopologue line proposed (default 0.01).
    public init(library: FragmentLibrary, polarity: Polarity? = nil, tolerancePPM: Double = 200,
                widthTolerance: Double = 1, minimumRelativeAbundance: Double = 0.01) {
        self.tolerancePPM = tolerancePPM
        self.widthTolerance = widthTolerance
        self.minimumRelativeAbundance = minimumRelativeAbundance
        var lines: [Line] = []
        var seen = Set<Ion>()
        for entry in library.entries where polarity == nil || entry.ion.polarity == polarity {
            for (ion, relative) in entry.ion.isotopologues(minimumRelativeAbundance: minimumRelativeAbundance)
            where seen.insert(ion).inserted {
                lines.append(Line(ion: ion, parent: entry.ion, mass: ion.monoisotopicMass, relativeAbundance: relative))
            }
        }
        self.lines = lines.sorted { $0.mass < $1.mass }
    }

    /// Candidates for a peak at `center` (u) of full width `width` (u), best first.
    /// - Parameters:
    ///   - center: peak centre (u).
    ///   - width: full peak width (u).
    ///   - spectrum: when given, isotope-pattern fit enters the ranking.
    public func candidates(center: Double, width: Double, spectrum: Spectrum? = nil) -> [AssignmentCandidate] {
        guard center.isFinite, center > 0 else { return [] }
        let window = max(center * tolerancePPM * 1e-6, width.isFinite ? widthTolerance * width : 0)
        var result: [AssignmentCandidate] = []
        for line in lines where abs(line.mass - center) <= window {
            let deviation = (center - line.mass) / line.mass * 1e6
            var fit: Double?
            if let spectrum, width > 0 {
                fit = PeakAssigner.patternFit(parent: line.parent, width: width, center: center, spectrum: spectrum)
            }
            let score = abs(line.mass - center) / window + (fit.map { 1 - $0 } ?? 0)
            result.append(AssignmentCandidate(ion: line.ion, parent: line.parent, theoreticalMass: line.mass,
                                              deviationPPM: deviation, relativeAbundance: line.relativeAbundance,
                                              patternFit: fit, score: score))
        }
        return result.sorted { ($0.score, $0.label) < ($1.score, $1.label) }
    }

    /// Cosine similarity between predicted pattern and observed maxima at the predicted lines.
    static func patternFit(parent: Ion, width: Double, center: Double, spectrum: Spectrum) -> Double? {
        let resolvingPower = center / width
        let pattern = IsotopePattern(ion: parent, resolvingPower: resolvingPower, minimumProbability: 1e-4)
        guard let top = pattern.mostAbundant?.probability, top > 0 else { return nil }
        var dot = 0.0, predictedNorm = 0.0, observedNorm = 0.0
        for peak in pattern.peaks where peak.probability >= 0.01 * top {
            let observed = spectrum.maximumIntensity(in: (peak.mass - width / 2) ... (peak.mass + width / 2))
            dot += peak.probability * observed
            predictedNorm += peak.probability * peak.probability
            observedNorm += observed * observed
        }
        guard predictedNorm > 0, observedNorm > 0 else { return 0 }
        return dot / (predictedNorm.squareRoot() * observedNorm.squareRoot())
    }
}

extension Spectrum {
    /// Largest intensity of the data points with m/z in `range` (0 when none); binary search on the
    /// ascending mass axis.
    func maximumIntensity(in range: ClosedRange<Double>) -> Double {
        mass.withUnsafeBufferPointer { masses in
            intensity.withUnsafeBufferPointer { values in
                var low = 0, high = masses.count
                while low < high {
                    let mid = (low + high) / 2
                    if masses[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
                }
                var best = 0.0
                var index = low
                while index < masses.count, masses[index] <= range.upperBound {
                    best = Swift.max(best, values[index])
                    index += 1
                }
                return best
            }
        }
    }
}
