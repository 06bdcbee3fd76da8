/// A reference peak for calibration: measured flight time and the true m/z.
public struct CalibrationPoint: Sendable, Hashable, Codable {
    /// Measured flight time (channels or s; the unit of the resulting ``MassCalibration``).
    public var time: Double
    /// True m/z in u (e.g. ``Ion/monoisotopicMass`` of the reference ion).
    public var mass: Double
    /// Label for reports (`C_2H-`).
    public var label: String

    /// Creates a point.
    public init(time: Double, mass: Double, label: String = "") {
        self.time = time
        self.mass = mass
        self.label = label
    }
}

/// The result of a calibration fit.
public struct CalibrationFit: Sendable, Hashable, Codable {
    /// Fitted t0 and SF.
    public var calibration: MassCalibration
    /// The points used.
    public var points: [CalibrationPoint]
    /// Residual of each point, (m_fit − m_true)/m_true × 10⁶ (ppm).
    public var residualsPPM: [Double]

    /// Root-mean-square residual (ppm).
    public var rmsPPM: Double {
        guard !residualsPPM.isEmpty else { return 0 }
        return (residualsPPM.reduce(0) { $0 + $1 * $1 } / Double(residualsPPM.count)).squareRoot()
    }
}

/// Fits IONTOF's m = ((t − t0)/SF)² to reference peaks.
///
/// 1. Linearisation: t = t0 + SF·√m is a straight line in √m; ordinary least squares gives starting values.
/// 2. Refinement: Gauss–Newton on the relative mass residuals rᵢ = (((tᵢ − t0)/SF)² − mᵢ)/mᵢ, i.e. least
///    squares in ppm, with Jacobian ∂m/∂t0 = −2(t − t0)/SF², ∂m/∂SF = −2(t − t0)²/SF³.
///
/// With exactly two points the line passes through both and the residuals are 0.
public struct MassCalibrator: Sendable {
    /// Maximum Gauss–Newton iterations.
    public var maximumIterations: Int = 50

    /// Creates a calibrator.
    public init() {}

    /// Fits t0 and SF.
    /// - Throws: ``SIMSError`` (invalidArgument) for fewer than 2 points, non-finite or non-positive masses,
    ///   or all points at the same mass; (numerical) if the refinement produces non-finite values.
    public func fit(_ points: [CalibrationPoint]) throws(SIMSError) -> CalibrationFit {
        guard points.count >= 2 else {
            throw .invalidArgument("mass calibration needs at least 2 reference peaks", found: "\(points.count)", expected: "≥ 2")
        }
        for point in points where !(point.mass > 0 && point.mass.isFinite && point.time.isFinite) {
            throw .invalidArgument("calibration point has an invalid mass or time", found: "\(point.label) t=\(point.time) m=\(point.mass)",
                                   expected: "finite time and mass > 0 u")
        }
        // 1. Linear least squares of t on √m.
        let n = Double(points.count)
        let xs = points.map { $0.mass.squareRoot() }
        let ts = points.map(\.time)
        let meanX = xs.reduce(0, +) / n, meanT = ts.reduce(0, +) / n
        var sxx = 0.0, sxt = 0.0
        for (x, t) in zip(xs, ts) {
            sxx += (x - meanX) * (x - meanX)
            sxt += (x - meanX) * (t - meanT)
        }
        guard sxx > 0 else {
            throw .invalidArgument("calibration reference peaks must have different masses", found: "all at \(points[0].mass) u",
                                   expected: "≥ 2 distinct masses")
        }
        var sf = sxt / sxx
        var t0 = meanT - sf * meanX
        // 2. Gauss–Newton on relative residuals.
        for _ in 0 ..< maximumIterations {
            var a11 = 0.0, a12 = 0.0, a22 = 0.0, b1 = 0.0, b2 = 0.0
            for point in points {
                let d = point.time - t0
                let model = (d / sf) * (d / sf)
                let r = (model - point.mass) / point.mass
                let j1 = -2 * d / (sf * sf) / point.mass
                let j2 = -2 * d * d / (sf * sf * sf) / point.mass
                a11 += j1 * j1; a12 += j1 * j2; a22 += j2 * j2
                b1 += j1 * r; b2 += j2 * r
            }
            let det = a11 * a22 - a12 * a12
            guard det != 0, det.isFinite else { break }
            let step0 = (a22 * b1 - a12 * b2) / det
            let stepSF = (a11 * b2 - a12 * b1) / det
            t0 -= step0
            sf -= stepSF
            guard t0.isFinite, sf.isFinite, sf != 0 else {
                throw SIMSError(.numerical, "mass calibration refinement diverged")
            }
            if abs(step0) <= 1e-15 * max(1, abs(t0)) && abs(stepSF) <= 1e-15 * abs(sf) { break }
        }
        let calibration = MassCalibration(t0: t0, sf: sf)
        let residuals = points.map { (calibration.mass(atTime: $0.time) - $0.mass) / $0.mass * 1e6 }
        return CalibrationFit(calibration: calibration, points: points, residualsPPM: residuals)
    }

    /// Reference ions commonly used to calibrate ToF-SIMS spectra of battery samples, light to heavy
    /// (hydrocarbon and atomic ions present on nearly every sample).
    public static func suggestedReferences(for polarity: Polarity) -> [Ion] {
        let labels: [String] = switch polarity {
        case .positive: ["H+", "Li+", "CH_3+", "Na+", "C_2H_3+", "C_3H_5+", "C_4H_7+", "C_7H_7+"]
        case .negative: ["H-", "C-", "CH-", "O-", "OH-", "F-", "C_2-", "C_2H-", "C_3-", "C_4H-", "C_6-"]
        }
        return labels.map { label in
            do { return try Ion(parsing: label) } catch { preconditionFailure("built-in reference \(label): \(error)") }
        }
    }
}
