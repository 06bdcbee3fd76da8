import Foundation
import SIMSCore

/// One measured spot: the analyte's and the reference's counts (the reference is the matrix ion or the total
/// ion count the intensities are normalized to).
public struct CalibrationSpot: Sendable, Hashable, Codable {
    /// Counts of the analyte ion (ions).
    public var analyteCounts: Double
    /// Counts of the reference (matrix ion or total), ions.
    public var referenceCounts: Double

    /// Creates a spot.
    public init(analyteCounts: Double, referenceCounts: Double) {
        self.analyteCounts = analyteCounts
        self.referenceCounts = referenceCounts
    }

    /// The normalized intensity r = I_analyte / I_reference.
    public var ratio: Double { analyteCounts / referenceCounts }

    /// Poisson counting variance of r: var(r) = r² (1/N_a + 1/N_ref) (first-order propagation of independent
    /// Poisson counts; a zero analyte count contributes 1/N_ref² as if one count had been seen).
    public var countingVariance: Double {
        let r = ratio
        return analyteCounts > 0 ? r * r * (1 / analyteCounts + 1 / referenceCounts) : 1 / (referenceCounts * referenceCounts)
    }
}

/// A sample's spots reduced to one normalized intensity with its standard error.
public struct CalibrationLevel: Sendable, Hashable, Codable {
    /// Mean normalized intensity r̄ over the spots.
    public var meanRatio: Double
    /// Variance of r̄: max(s²/n, mean counting variance / n) — the replicate scatter (which includes counting
    /// noise) when it is the larger, never less than counting statistics allow (a single spot, or replicates
    /// that agree by chance).
    public var variance: Double
    /// Spots.
    public var spots: Int
    /// Replicate standard deviation of r (nil for one spot).
    public var replicateStandardDeviation: Double?

    /// Reduces `spots` (at least one, every reference count positive).
    public init(_ spots: [CalibrationSpot], name: String) throws(SIMSError) {
        guard !spots.isEmpty else { throw .invalidArgument("a calibration sample needs at least one spot", found: "\(name): none", expected: "≥ 1 spot") }
        for s in spots where !(s.referenceCounts > 0) || !(s.analyteCounts >= 0) || !s.analyteCounts.isFinite || !s.referenceCounts.isFinite {
            throw .invalidArgument("counts must be finite, the analyte's ≥ 0 and the reference's > 0",
                                   found: "\(name): \(s.analyteCounts) / \(s.referenceCounts)", expected: "counts")
        }
        let n = Double(spots.count)
        let ratios = spots.map(\.ratio)
        let mean = ratios.reduce(0, +) / n
        meanRatio = mean
        let counting = spots.map(\.countingVariance).reduce(0, +) / n / n
        if spots.count > 1 {
            let s2 = ratios.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
            replicateStandardDeviation = s2.squareRoot()
            variance = max(s2 / n, counting)
        } else {
            replicateStandardDeviation = nil
            variance = counting
        }
        self.spots = spots.count
    }
}

/// A calibration curve r = a + b·c from standards of known concentration, and its use on unknowns: relative
/// sensitivity factor (RSF) quantification (Lombardo et al., J. Vac. Sci. Technol. A 41, 053207 (2023), §II:
/// "model samples with known composition can be used to build SI-specific calibration curves … possible for low
/// concentrations only"; Wilson, Stevie & Magee, *Secondary Ion Mass Spectrometry*, 1989, §3).
///
/// The fit is weighted least squares with intercept, wₖ = 1/var(r̄ₖ) (``CalibrationLevel/variance``), concentrations
/// taken as exact: [a, b] = (XᵀWX)⁻¹XᵀWr, Cov = (XᵀWX)⁻¹ · max(1, χ²/(n − 2)) (Birge ratio when the standards
/// scatter more than their errors say; Bevington & Robinson, 3rd ed., §6.4). 1/b is the RSF in concentration per
/// unit normalized intensity.
///
/// An unknown's concentration is c = (r̄ − a)/b with the first-order (delta-method) variance
/// var(c) = [var(r̄) + var(a) + c² var(b) + 2c cov(a, b)] / b² (ISO 11095:1996 §6; Draper & Smith, *Applied
/// Regression Analysis*, 3rd ed., §3.2). The limit of detection is LOD = 3 s₀ / b (IUPAC, Currie, Pure Appl. Chem.
/// 67 (1995) 1699), s₀ the standard deviation of r at zero concentration: a blank standard's (its replicate SD,
/// or counting SD for one spot) when there is one, else the fitted intercept's standard error.
public struct RSFCalibration: Sendable {
    /// One standard.
    public struct Standard: Sendable {
        /// Name.
        public var name: String
        /// Known concentration (in the caller's unit, e.g. at.% or ppm).
        public var concentration: Double
        /// The spots.
        public var level: CalibrationLevel
    }

    /// The standards, as given.
    public var standards: [Standard]
    /// Intercept a (normalized intensity at zero concentration) and slope b (per concentration unit).
    public private(set) var intercept = 0.0, slope = 0.0
    /// Covariance of (a, b): var(a), var(b), cov(a, b).
    public private(set) var varianceIntercept = 0.0, varianceSlope = 0.0, covariance = 0.0
    /// χ² of the fit and its degrees of freedom (standards − 2).
    public private(set) var chiSquare = 0.0, degreesOfFreedom = 0
    /// Limit of detection (concentration).
    public private(set) var limitOfDetection = 0.0

    /// Fits the curve. Needs at least three standards at two or more concentrations; throws otherwise, and when
    /// the slope is not positive (the ion does not follow the concentration).
    public init(standards: [(name: String, concentration: Double, spots: [CalibrationSpot])]) throws(SIMSError) {
        var list: [Standard] = []
        for s in standards {
            guard s.concentration.isFinite, s.concentration >= 0 else {
                throw .invalidArgument("a standard's concentration must be a finite number ≥ 0", found: "\(s.name): \(s.concentration)", expected: "≥ 0")
            }
            list.append(Standard(name: s.name, concentration: s.concentration, level: try CalibrationLevel(s.spots, name: s.name)))
        }
        guard list.count >= 3, Set(list.map(\.concentration)).count >= 2 else {
            throw .invalidArgument("a calibration curve with intercept needs at least three standards at two or more concentrations",
                                   found: "\(list.count) standard(s)", expected: "≥ 3")
        }
        self.standards = list
        var s = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
        for st in list {
            let w = 1 / max(st.level.variance, .leastNormalMagnitude)
            let x = st.concentration, y = st.level.meanRatio
            s += w; sx += w * x; sy += w * y; sxx += w * x * x; sxy += w * x * y
        }
        let det = s * sxx - sx * sx
        guard det > 0 else { throw SIMSError(.numerical, "calibration: the standards' concentrations do not span a line") }
        slope = (s * sxy - sx * sy) / det
        intercept = (sxx * sy - sx * sxy) / det
        guard slope > 0 else {
            throw SIMSError(.numerical, "calibration: the normalized intensity does not rise with concentration (slope \(slope)); the ion is not a measure of this element in these standards")
        }
        var chi2 = 0.0
        for st in list {
            let r = st.level.meanRatio - intercept - slope * st.concentration
            chi2 += r * r / max(st.level.variance, .leastNormalMagnitude)
        }
        chiSquare = chi2
        degreesOfFreedom = list.count - 2
        let birge = degreesOfFreedom > 0 ? max(1, chi2 / Double(degreesOfFreedom)) : 1
        varianceIntercept = sxx / det * birge
        varianceSlope = s / det * birge
        covariance = -sx / det * birge
        let blank = list.filter { $0.concentration == 0 }.map(\.level)
        let s0: Double
        if let b = blank.first {
            s0 = b.replicateStandardDeviation ?? b.variance.squareRoot()
        } else {
            s0 = varianceIntercept.squareRoot()
        }
        limitOfDetection = 3 * s0 / slope
    }

    /// The calibrated concentration range (lowest to highest standard).
    public var calibratedRange: ClosedRange<Double> {
        let c = standards.map(\.concentration)
        return c.min()!...c.max()!
    }

    /// The relative sensitivity factor 1/b: concentration per unit normalized intensity.
    public var relativeSensitivityFactor: Double { 1 / slope }

    /// An unknown's concentration.
    public struct Estimate: Sendable {
        /// c = (r̄ − a)/b.
        public var concentration: Double
        /// Propagated standard error of c.
        public var standardError: Double
        /// r̄ and its variance.
        public var level: CalibrationLevel
        /// Warnings: below the LOD, outside the calibrated range.
        public var warnings: [String]
    }

    /// Applies the curve to an unknown's spots.
    public func estimate(_ spots: [CalibrationSpot], name: String) throws(SIMSError) -> Estimate {
        let level = try CalibrationLevel(spots, name: name)
        let c = (level.meanRatio - intercept) / slope
        let variance = (level.variance + varianceIntercept + c * c * varianceSlope + 2 * c * covariance) / (slope * slope)
        var warnings: [String] = []
        if c < limitOfDetection {
            warnings.append("\(name): below the limit of detection (\(Self.format(c)) < LOD \(Self.format(limitOfDetection)))")
        }
        if !calibratedRange.contains(c) {
            warnings.append("\(name): \(Self.format(c)) is outside the calibrated range \(Self.format(calibratedRange.lowerBound))–\(Self.format(calibratedRange.upperBound)); the value is extrapolated")
        }
        return Estimate(concentration: c, standardError: max(variance, 0).squareRoot(), level: level, warnings: warnings)
    }

    static func format(_ value: Double) -> String { String(format: "%.4g", value) }
}
