/// Multivariate curve resolution by alternating least squares (Tauler, Chemom. Intell. Lab. Syst. 30 (1995)
/// 133; de Juan & Tauler 2006): D ≈ C·Sᵀ with non-negative concentrations C (`n × k`) and spectra S (`p × k`),
/// each half-step an exact non-negative least-squares solve (Lawson–Hanson), optionally with closure (rows of C
/// sum to 1). Fit quality: lack of fit LOF = 100·√(Σ(D − CSᵀ)² / ΣD²) %.
public struct MCRALS: Sendable {
    /// Where the iteration starts.
    public enum Initialization: Sendable {
        /// Concentration profiles = the columns of the SIMPLISMA pure variables (offset in %).
        case simplisma(offsetPercent: Double)
        /// Spectra = |loadings| of an uncentred PCA.
        case pca
        /// Given initial concentrations (`n × k`).
        case concentrations(Matrix)
        /// Given initial spectra (`p × k`).
        case spectra(Matrix)
    }

    /// Number of components k.
    public var components: Int
    /// The starting point.
    public var initialization: Initialization
    /// Impose Σ_c C_ic = 1 for every row (closed systems, e.g. fractions).
    public var closure: Bool
    /// Maximum ALS iterations.
    public var maxIterations: Int
    /// Stop when the lack of fit (in %) changes by less than this between iterations (0: run all iterations).
    public var tolerance: Double

    /// Configures MCR-ALS.
    public init(components: Int, initialization: Initialization = .simplisma(offsetPercent: 5), closure: Bool = false,
                maxIterations: Int = 100, tolerance: Double = 1e-8) {
        self.components = components
        self.initialization = initialization
        self.closure = closure
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    /// Resolves `d` (rows = spectra or pixels, columns = peaks; non-negative).
    public func fit(_ d: Matrix) throws(SIMSError) -> MCRALSModel {
        let n = d.rows, p = d.columns, k = components
        guard k >= 1, k <= min(n, p) else { throw .invalidArgument("MCR-ALS: number of components out of range", found: "\(k)", expected: "1…\(min(n, p))") }
        guard d.isFinite else { throw .invalidArgument("MCR-ALS input contains NaN or infinite values", expected: "finite values") }
        guard d.elements.contains(where: { $0 != 0 }) else {
            throw .invalidArgument("MCR-ALS: every value is zero (e.g. all-zero images): nothing to resolve", expected: "non-zero counts")
        }
        var c: Matrix
        switch initialization {
        case .simplisma(let offset):
            let pure = try SIMPLISMA(components: k, offsetPercent: offset).pureVariables(d)
            c = Matrix(rows: n, columns: k) { i, j in d[i, pure[j]] }
        case .concentrations(let c0):
            guard c0.rows == n, c0.columns == k else { throw .inconsistent("MCR-ALS: initial concentrations are \(c0.rows) × \(c0.columns), expected \(n) × \(k)") }
            c = c0
        case .spectra(let s0):
            guard s0.rows == p, s0.columns == k else { throw .inconsistent("MCR-ALS: initial spectra are \(s0.rows) × \(s0.columns), expected \(p) × \(k)") }
            c = try concentrationStep(d, spectra: s0)
        case .pca:
            let model = try PCA(components: .count(k), centering: false).fit(d)
            var s0 = model.loadings
            for t in 0..<s0.elements.count { s0.elements[t] = abs(s0.elements[t]) }
            c = try concentrationStep(d, spectra: s0)
        }
        let total = d.elements.reduce(0) { $0 + $1 * $1 }
        guard total > 0 else { throw .invalidArgument("MCR-ALS: the data matrix is all zero", expected: "some non-zero counts") }
        var previous = Double.infinity
        var iterations = 0
        var s = try c.nonNegativeSolutions(for: d)
        for _ in 0..<max(0, maxIterations) {
            iterations += 1
            c = try concentrationStep(d, spectra: s)
            s = try c.nonNegativeSolutions(for: d)
            let lof = MCRALS.lackOfFit(d, c, s, total: total)
            if tolerance > 0, abs(previous - lof) < tolerance { break }
            previous = lof
        }
        return MCRALSModel(concentrations: c, spectra: s, lackOfFitPercent: MCRALS.lackOfFit(d, c, s, total: total), iterations: iterations)
    }

    /// C-step: rows of C by NNLS against the spectra, then closure when asked.
    func concentrationStep(_ d: Matrix, spectra s: Matrix) throws(SIMSError) -> Matrix {
        var c = try s.nonNegativeSolutions(for: d.transposed)  // n × k
        if closure {
            for i in 0..<c.rows {
                let sum = (0..<c.columns).reduce(0) { $0 + c[i, $1] }
                if sum > 0 { for j in 0..<c.columns { c[i, j] /= sum } }
            }
        }
        return c
    }

    static func lackOfFit(_ d: Matrix, _ c: Matrix, _ s: Matrix, total: Double) -> Double {
        let residual = d - c.multiplied(by: s.transposed)
        return 100 * (residual.elements.reduce(0) { $0 + $1 * $1 } / total).squareRoot()
    }
}

/// A fitted MCR-ALS resolution D ≈ C·Sᵀ.
public struct MCRALSModel: Sendable {
    /// Concentration profiles (`n × k`, ≥ 0).
    public let concentrations: Matrix
    /// Component spectra (`p × k`, ≥ 0).
    public let spectra: Matrix
    /// Lack of fit in %.
    public let lackOfFitPercent: Double
    /// ALS iterations done.
    public let iterations: Int

    /// Percentage of ΣD² explained: 100 − LOF²/100.
    public var explainedPercent: Double { 100 - lackOfFitPercent * lackOfFitPercent / 100 }
}
