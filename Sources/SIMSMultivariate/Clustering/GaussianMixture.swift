/// Gaussian mixture model with full, diagonal or spherical covariance matrices (``CovarianceType``), fitted by expectation–maximization (Dempster, Laird &
/// Rubin 1977; Bishop, *Pattern Recognition and Machine Learning*, 2006, §9.2), initialized from seeded k-means
/// as scikit-learn's `GaussianMixture(init_params="kmeans")`, with `regularization` added to every covariance
/// diagonal (scikit-learn's `reg_covar`). This is the paper's script's clustering of PCA scores.
public struct GaussianMixture: Sendable {
    /// The form of each component's covariance matrix (scikit-learn's `covariance_type`).
    public enum CovarianceType: String, Sendable, Hashable, CaseIterable {
        /// Any symmetric positive-definite matrix: d(d+1)/2 parameters per component.
        case full
        /// A diagonal matrix (independent dimensions): d parameters per component.
        case diagonal
        /// One variance for every dimension (σ²·I): 1 parameter per component.
        case spherical

        /// Covariance parameters of one component in `d` dimensions.
        public func parameters(dimensions d: Int) -> Int {
            switch self {
            case .full: return d * (d + 1) / 2
            case .diagonal: return d
            case .spherical: return 1
            }
        }
    }

    /// Number of mixture components.
    public var components: Int
    /// Form of the covariance matrices (default full, the paper's script).
    public var covarianceType: CovarianceType = .full
    /// Independent starts (different k-means seeds); the highest log-likelihood wins.
    public var initializations: Int
    /// Maximum EM iterations.
    public var maxIterations: Int
    /// Convergence: change of the mean log-likelihood per iteration below this.
    public var tolerance: Double
    /// Added to covariance diagonals for numerical stability.
    public var regularization: Double
    /// Seed of the k-means initializations.
    public var seed: UInt64

    /// Configures a mixture.
    public init(components: Int, initializations: Int = 5, maxIterations: Int = 1000, tolerance: Double = 1e-10,
                regularization: Double = 1e-6, seed: UInt64 = 0) {
        self.components = components
        self.initializations = initializations
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.regularization = regularization
        self.seed = seed
    }

    /// Fits the mixture to the rows of `x`.
    public func fit(_ x: Matrix) throws(SIMSError) -> GaussianMixtureModel {
        guard components >= 1, components <= x.rows else {
            throw .invalidArgument("number of mixture components out of range", found: "\(components)", expected: "1…\(x.rows)")
        }
        guard x.isFinite else { throw .invalidArgument("mixture input contains NaN or infinite values", expected: "finite values") }
        var best: GaussianMixtureModel? = nil
        for start in 0..<max(1, initializations) {
            let km = try KMeans(clusters: components, initializations: 1, seed: seed &+ UInt64(start)).fit(x)
            var resp = Matrix(rows: x.rows, columns: components)
            for i in 0..<x.rows { resp[i, km.labels[i]] = 1 }
            var model = try mStep(x, resp)
            var previous = -Double.infinity
            var converged = false
            var iterations = 0
            for iteration in 1...max(1, maxIterations) {
                iterations = iteration
                let (logResp, meanLogLikelihood) = try model.eStep(x)
                model = try mStep(x, logResp.exponentiated)
                if abs(meanLogLikelihood - previous) < tolerance { converged = true; break }
                previous = meanLogLikelihood
            }
            model.meanLogLikelihood = try model.score(x)
            model.converged = converged
            model.iterations = iterations
            if best == nil || model.meanLogLikelihood > best!.meanLogLikelihood { best = model }
        }
        return best!.ordered()
    }

    /// M-step: weights, means and regularized covariances from responsibilities.
    func mStep(_ x: Matrix, _ resp: Matrix) throws(SIMSError) -> GaussianMixtureModel {
        let n = x.rows, d = x.columns, k = components
        var nk = [Double](repeating: 10 * Double.ulpOfOne, count: k)
        for i in 0..<n { for c in 0..<k { nk[c] += resp[i, c] } }
        var means = resp.transposeMultiplied(by: x)
        for c in 0..<k { for j in 0..<d { means[c, j] /= nk[c] } }
        var covariances: [Matrix] = []
        for c in 0..<k {
            var cov = Matrix(rows: d, columns: d)
            for i in 0..<n {
                let r = resp[i, c]
                if r == 0 { continue }
                for a in 0..<d {
                    let da = x[i, a] - means[c, a]
                    for b in a..<d { cov[a, b] += r * da * (x[i, b] - means[c, b]) }
                }
            }
            for a in 0..<d {
                for b in a..<d { cov[a, b] /= nk[c]; cov[b, a] = cov[a, b] }
                cov[a, a] += regularization
            }
            covariances.append(GaussianMixture.restricted(cov, to: covarianceType))
        }
        return try GaussianMixtureModel(weights: nk.map { $0 / Double(n) }, means: means, covariances: covariances,
                                        covarianceType: covarianceType)
    }

    /// The covariance of the given form nearest to a full one as scikit-learn estimates it: its diagonal
    /// (diagonal), or the mean of its diagonal times I (spherical).
    static func restricted(_ full: Matrix, to type: CovarianceType) -> Matrix {
        guard type != .full else { return full }
        let d = full.rows
        let mean = (0..<d).reduce(0.0) { $0 + full[$1, $1] } / Double(d)
        var out = Matrix(rows: d, columns: d)
        for a in 0..<d { out[a, a] = type == .diagonal ? full[a, a] : mean }
        return out
    }

    /// Fits 1…`maxComponents` components and keeps the lowest Bayesian information criterion
    /// BIC = −2·ln L̂ + m·ln n with m = k·c + k·d + k − 1 free parameters, c the covariance parameters of
    /// one component (``CovarianceType/parameters(dimensions:)``) (Schwarz 1978).
    ///
    /// A fit in which a component holds fewer than `minimumComponentSize` points (effective count n·w) is
    /// degenerate — a component on a single point has the regularization as its variance and an unbounded
    /// likelihood — and is not chosen; its BIC is still returned, with `eligible` false.
    public func selectingComponents(upTo maxComponents: Int, data x: Matrix, minimumComponentSize: Double = 0) throws(SIMSError)
        -> (model: GaussianMixtureModel, bic: [Double], eligible: [Bool]) {
        var bics: [Double] = [], eligible: [Bool] = []
        var best: (model: GaussianMixtureModel, bic: Double)? = nil
        for k in 1...max(1, min(maxComponents, x.rows)) {
            var configuration = self
            configuration.components = k
            let model = try configuration.fit(x)
            let bic = model.bic(x)
            let sizable = k == 1 || model.weights.allSatisfy { $0 * Double(x.rows) >= minimumComponentSize - 1e-6 }
            if sizable, best == nil || bic < best!.bic { best = (model, bic) }
            bics.append(bic)
            eligible.append(sizable)
        }
        return (best!.model, bics, eligible)
    }
}

/// A fitted Gaussian mixture.
public struct GaussianMixtureModel: Sendable {
    /// Mixing weights (sum 1).
    public let weights: [Double]
    /// Component means (`k × d`).
    public let means: Matrix
    /// Component covariances (`d × d` each; diagonal unless the type is full).
    public let covariances: [Matrix]
    /// The form of the covariances.
    public let covarianceType: GaussianMixture.CovarianceType
    /// Mean log-likelihood per point of the training data (scikit-learn's `score`).
    public internal(set) var meanLogLikelihood: Double = -.infinity
    /// Whether EM met the tolerance.
    public internal(set) var converged = false
    /// EM iterations used.
    public internal(set) var iterations = 0
    let choleskies: [CholeskyDecomposition]

    init(weights: [Double], means: Matrix, covariances: [Matrix], covarianceType: GaussianMixture.CovarianceType = .full) throws(SIMSError) {
        self.weights = weights
        self.means = means
        self.covariances = covariances
        self.covarianceType = covarianceType
        var chol: [CholeskyDecomposition] = []
        for cov in covariances {
            do { chol.append(try CholeskyDecomposition(cov)) } catch {
                throw SIMSError(.numerical, "Gaussian mixture: a covariance matrix became singular; use fewer components or a larger regularization")
            }
        }
        choleskies = chol
    }

    /// Number of components.
    public var componentCount: Int { weights.count }

    /// ln(w_c · N(x_i | μ_c, Σ_c)) for every point and component.
    func weightedLogProbabilities(_ x: Matrix) -> Matrix {
        let d = x.columns
        let log2pi = _log(2 * Double.pi)
        var out = Matrix(rows: x.rows, columns: componentCount)
        let n = x.rows
        var diff = [Double](repeating: 0, count: d)
        for c in 0..<componentCount {
            let l = choleskies[c].l
            let constant = _log(weights[c]) - 0.5 * (Double(d) * log2pi + choleskies[c].logDeterminant)
            x.elements.withUnsafeBufferPointer { xb in
                l.elements.withUnsafeBufferPointer { lb in
                    means.elements.withUnsafeBufferPointer { mb in
                        for i in 0..<n {
                            // z = L⁻¹(x − μ) by forward substitution; Mahalanobis distance = |z|².
                            var mahalanobis = 0.0
                            for a in 0..<d {
                                var s = xb[i * d + a] - mb[c * d + a]
                                for b in 0..<a { s -= lb[a * d + b] * diff[b] }
                                let z = s / lb[a * d + a]
                                diff[a] = z
                                mahalanobis += z * z
                            }
                            out.elements[i * componentCount + c] = constant - 0.5 * mahalanobis
                        }
                    }
                }
            }
        }
        return out
    }

    /// E-step: log responsibilities and the mean log-likelihood.
    func eStep(_ x: Matrix) throws(SIMSError) -> (Matrix, Double) {
        var lp = weightedLogProbabilities(x)
        var total = 0.0
        for i in 0..<x.rows {
            let lse = GaussianMixtureModel.logSumExp(lp, row: i)
            total += lse
            for c in 0..<componentCount { lp[i, c] -= lse }
        }
        let mean = total / Double(x.rows)
        guard mean.isFinite else { throw SIMSError(.numerical, "Gaussian mixture: the log-likelihood is not finite") }
        return (lp, mean)
    }

    static func logSumExp(_ m: Matrix, row i: Int) -> Double {
        var mx = -Double.infinity
        for c in 0..<m.columns { mx = Swift.max(mx, m[i, c]) }
        if !mx.isFinite { return mx }
        var s = 0.0
        for c in 0..<m.columns { s += _exp(m[i, c] - mx) }
        return mx + _log(s)
    }

    /// Mean log-likelihood of the rows of `x` under the model.
    public func score(_ x: Matrix) throws(SIMSError) -> Double { try eStep(x).1 }

    /// Posterior probabilities of each component for each row (`n × k`).
    public func responsibilities(_ x: Matrix) throws(SIMSError) -> Matrix { try eStep(x).0.exponentiated }

    /// The most probable component of each row.
    public func predict(_ x: Matrix) -> [Int] {
        let lp = weightedLogProbabilities(x)
        return (0..<x.rows).map { i in (0..<componentCount).max { lp[i, $0] < lp[i, $1] }! }
    }

    /// Number of free parameters: k·c + k·d + k − 1 with c = d(d+1)/2 (full), d (diagonal) or 1 (spherical).
    public var parameterCount: Int {
        let k = componentCount, d = means.columns
        return k * covarianceType.parameters(dimensions: d) + k * d + k - 1
    }

    /// Bayesian information criterion on `x`: −2·n·(mean log-likelihood) + parameters·ln n.
    public func bic(_ x: Matrix) -> Double {
        let ll = (try? score(x)) ?? -.infinity
        return -2 * ll * Double(x.rows) + Double(parameterCount) * _log(Double(x.rows))
    }

    /// The same model with components in lexicographic order of their means.
    func ordered() -> GaussianMixtureModel {
        let k = componentCount
        let order = (0..<k).sorted { a, b in
            for j in 0..<means.columns where means[a, j] != means[b, j] { return means[a, j] < means[b, j] }
            return a < b
        }
        var copy = try! GaussianMixtureModel(weights: order.map { weights[$0] },
                                             means: Matrix(rows: k, columns: means.columns) { i, j in means[order[i], j] },
                                             covariances: order.map { covariances[$0] }, covarianceType: covarianceType)
        copy.meanLogLikelihood = meanLogLikelihood
        copy.converged = converged
        copy.iterations = iterations
        return copy
    }
}

extension Matrix {
    /// Element-wise exp.
    var exponentiated: Matrix {
        var out = self
        for k in 0..<out.elements.count { out.elements[k] = _exp(out.elements[k]) }
        return out
    }
}
