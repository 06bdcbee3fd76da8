/// Column scalings of a data matrix (rows = spectra or pixels, columns = peaks) before PCA, MCR or NMF.
///
/// - `max`: x_ij / max_i |x_ij| — what the paper's PCA script does (Lombardo et al. 2023, SI script).
/// - `meanCenter`: x_ij − x̄_j.
/// - `auto`: (x_ij − x̄_j) / s_j with the sample standard deviation s_j (divisor n − 1) — "autoscaling".
/// - `pareto`: (x_ij − x̄_j) / √s_j (van den Berg et al., BMC Genomics 7 (2006) 142).
/// - `poisson`: x_ij / √(ḡ_i · h̄_j) with ḡ_i the mean of row i and h̄_j the mean of column j (Keenan & Kotula,
///   Surf. Interface Anal. 36 (2004) 203): weights every element by the inverse of its estimated Poisson noise.
/// - `none`: unchanged.
public enum Scaling: String, Sendable, CaseIterable, Codable {
    case none, max, meanCenter = "mean-center", auto, pareto, poisson
}

/// The scaling estimator: `fit` learns the column statistics of a training matrix, the result transforms data
/// and back-transforms loadings to the original (unscaled) variables.
public struct Scaler: Sendable {
    /// The scaling to apply.
    public var method: Scaling

    /// Configures a scaler.
    public init(_ method: Scaling) { self.method = method }

    /// Learns offsets and factors from `x` (finite values required; Poisson scaling also needs x ≥ 0).
    public func fit(_ x: Matrix) throws(SIMSError) -> FittedScaler {
        guard x.isFinite else { throw .invalidArgument("the data matrix contains NaN or infinite values", expected: "finite peak areas") }
        guard x.rows >= 1, x.columns >= 1 else { throw .invalidArgument("the data matrix is empty", found: "\(x.rows) × \(x.columns)", expected: "at least 1 × 1") }
        let p = x.columns
        var offsets = [Double](repeating: 0, count: p)
        var factors = [Double](repeating: 1, count: p)
        var rowFactors: [Double]? = nil
        var constant: [Int] = []
        switch method {
        case .none:
            break
        case .max:
            for j in 0..<p {
                var m = 0.0
                for i in 0..<x.rows { m = Swift.max(m, abs(x[i, j])) }
                if m > 0 { factors[j] = 1 / m } else { constant.append(j) }
            }
        case .meanCenter, .auto, .pareto:
            offsets = x.columnMeans
            if method != .meanCenter {
                let variances = x.columnVariances(means: offsets, ddof: x.rows > 1 ? 1 : 0)
                for j in 0..<p {
                    let s = variances[j].squareRoot()
                    if s > 0 { factors[j] = method == .auto ? 1 / s : 1 / s.squareRoot() } else { constant.append(j) }
                }
            }
        case .poisson:
            guard x.elements.allSatisfy({ $0 >= 0 }) else {
                throw .invalidArgument("Poisson scaling needs non-negative counts", expected: "peak areas or counts ≥ 0")
            }
            let h = x.columnMeans
            for j in 0..<p { if h[j] > 0 { factors[j] = 1 / h[j].squareRoot() } else { factors[j] = 0; constant.append(j) } }
            rowFactors = FittedScaler.poissonRowFactors(x)
        }
        return FittedScaler(method: method, offsets: offsets, factors: factors, rowFactors: rowFactors, constantColumns: constant)
    }
}

/// A scaling fitted to training data.
public struct FittedScaler: Sendable {
    /// The scaling.
    public let method: Scaling
    /// Subtracted from each column before multiplying by ``factors`` (column means, or 0).
    public let offsets: [Double]
    /// Column multipliers (1/max, 1/s, 1/√s, 1/√h̄_j, or 1).
    public let factors: [Double]
    /// Poisson scaling's row multipliers 1/√ḡ_i of the training rows (nil otherwise).
    public let rowFactors: [Double]?
    /// Columns that are constant (zero spread or all zero) and are left unscaled (0-based).
    public let constantColumns: [Int]

    /// 1/√ḡ_i for each row (0 for an all-zero row).
    static func poissonRowFactors(_ x: Matrix) -> [Double] {
        (0..<x.rows).map { i in
            var s = 0.0
            for j in 0..<x.columns { s += x[i, j] }
            let g = s / Double(x.columns)
            return g > 0 ? 1 / g.squareRoot() : 0
        }
    }

    /// Scales `x` (same columns as the training data). Poisson scaling uses the row means of `x` itself.
    public func transform(_ x: Matrix) throws(SIMSError) -> Matrix {
        guard x.columns == factors.count else {
            throw .inconsistent("the data has \(x.columns) peaks but the scaling was fitted on \(factors.count)")
        }
        guard x.isFinite else { throw .invalidArgument("the data matrix contains NaN or infinite values", expected: "finite values") }
        var out = x
        let rows = method == .poisson ? FittedScaler.poissonRowFactors(x) : nil
        out.elements.withUnsafeMutableBufferPointer { o in
            for i in 0..<x.rows {
                let r = rows?[i] ?? 1
                for j in 0..<x.columns { o[i * x.columns + j] = (o[i * x.columns + j] - offsets[j]) * factors[j] * r }
            }
        }
        return out
    }

    /// Loadings (`peaks × components`) expressed in the original variables: each row j divided by the column
    /// factor. For Poisson scaling this is Keenan & Kotula's back-transform P = H^{1/2}·P̃; for max, auto and
    /// Pareto scaling it undoes the column weighting. Columns left unscaled are unchanged.
    public func backTransformLoadings(_ loadings: Matrix) -> Matrix {
        precondition(loadings.rows == factors.count, "backTransformLoadings: \(loadings.rows) rows for \(factors.count) peaks")
        var out = loadings
        for j in 0..<loadings.rows {
            let f = factors[j]
            for k in 0..<loadings.columns { out[j, k] = f != 0 ? loadings[j, k] / f : 0 }
        }
        return out
    }

    /// Scores (`rows × components`) of the training rows expressed in unscaled units; Poisson scaling:
    /// T = G^{1/2}·T̃ (Keenan & Kotula 2004). Other scalings leave scores unchanged.
    public func backTransformScores(_ scores: Matrix) -> Matrix {
        guard let rowFactors else { return scores }
        precondition(scores.rows == rowFactors.count, "backTransformScores: \(scores.rows) rows for \(rowFactors.count)")
        var out = scores
        for i in 0..<scores.rows {
            let f = rowFactors[i]
            for k in 0..<scores.columns { out[i, k] = f != 0 ? scores[i, k] / f : 0 }
        }
        return out
    }
}
