/// Principal component analysis (Pearson 1901; Jolliffe, *Principal Component Analysis*, 2nd ed., 2002):
/// the orthonormal directions of maximal variance of the (column-centred) data.
///
/// ```swift
/// let model = try PCA(components: .explainedVariance(0.95)).fit(scaledAreas)
/// model.scores; model.loadings; model.explainedVarianceRatio
/// ```
///
/// Solvers: the covariance (Gram) eigendecomposition for tall data (the fast path, as scikit-learn's
/// `covariance_eigh`), one-sided Jacobi SVD of the centred data for wide data, or a seeded randomized SVD
/// for a fixed small number of components of a very large matrix. Sign convention: in every component the
/// loading of largest magnitude is positive (scikit-learn ≥ 1.5 `svd_flip(u_based_decision=False)`), so results
/// are reproducible across solvers and runs.
public struct PCA: Sendable {
    /// How many components to keep.
    public enum Components: Sendable, Equatable {
        /// A fixed number of components.
        case count(Int)
        /// The fewest components whose cumulative explained-variance ratio exceeds the target (0 < target < 1),
        /// as scikit-learn's `n_components=float`.
        case explainedVariance(Double)
        /// All min(rows − 1, columns) components (min(rows, columns) without centring).
        case all
    }

    /// The numerical method.
    public enum Solver: Sendable, Equatable {
        /// Covariance eigendecomposition when rows ≥ columns, Jacobi SVD otherwise.
        case automatic
        /// Eigendecomposition of XᵀX (Householder + QL).
        case covariance
        /// One-sided Jacobi SVD of the centred data.
        case svd
        /// Randomized SVD (Halko et al. 2011) with the given power iterations and seed; needs `.count`.
        case randomized(powerIterations: Int, seed: UInt64)
    }

    /// Components to keep.
    public var components: Components
    /// Subtract the column means first (standard PCA). Switch off for Poisson-scaled data analysed as in
    /// Keenan & Kotula (2004), where the factorization of the uncentred data is wanted.
    public var centering: Bool
    /// The numerical method.
    public var solver: Solver

    /// Configures a PCA.
    public init(components: Components = .all, centering: Bool = true, solver: Solver = .automatic) {
        self.components = components
        self.centering = centering
        self.solver = solver
    }

    /// Fits the model to `x` (rows = observations, columns = variables).
    public func fit(_ x: Matrix) throws(SIMSError) -> PCAModel {
        let n = x.rows, p = x.columns
        guard n >= 2, p >= 1 else { throw .invalidArgument("PCA needs at least 2 spectra and 1 peak", found: "\(n) × \(p)", expected: "≥ 2 × 1") }
        // One pass over X: a NaN or infinite element (or a column sum beyond the Double range) makes a mean non-finite.
        let columnMeans = x.columnMeans
        guard columnMeans.allSatisfy(\.isFinite) else {
            throw .invalidArgument("the PCA input contains NaN or infinite values (or a column sum overflows)", expected: "finite values")
        }
        let maxComponents = centering ? min(n - 1, p) : min(n, p)
        switch components {
        case .count(let k):
            guard k >= 1, k <= maxComponents else {
                throw .invalidArgument("number of principal components out of range", found: "\(k)", expected: "1…\(maxComponents)")
            }
        case .explainedVariance(let target):
            guard target > 0, target < 1 else {
                throw .invalidArgument("explained-variance target out of range", found: "\(target)", expected: "0 < target < 1")
            }
        case .all: break
        }
        let mean = centering ? columnMeans : [Double](repeating: 0, count: p)
        let dof = Double(n - 1)
        var variances: [Double]   // all available eigenvalues / (n − 1), descending
        var vectors: Matrix       // p × r
        var totalVariance: Double
        var method = solver
        if method == .automatic { method = n >= p ? .covariance : .svd }
        switch method {
        case .covariance, .automatic:
            let gram = x.gram(centeredOn: centering ? mean : nil)
            let eigen = try SymmetricEigendecomposition(gram)
            variances = eigen.values.prefix(maxComponents).map { Swift.max($0, 0) / dof }
            vectors = eigen.vectors.columns(0..<maxComponents)
            totalVariance = (0..<p).reduce(0) { $0 + gram[$1, $1] } / dof
        case .svd:
            var centred = x
            for i in 0..<n { for j in 0..<p { centred[i, j] -= mean[j] } }
            let svd = try SingularValueDecomposition(centred)
            let r = Swift.min(maxComponents, svd.singularValues.count)
            variances = svd.singularValues.prefix(r).map { $0 * $0 / dof }
            vectors = svd.v.columns(0..<r)
            totalVariance = centred.elements.reduce(0) { $0 + $1 * $1 } / dof
        case .randomized(let powerIterations, let seed):
            guard case .count(let k) = components else {
                throw .invalidArgument("the randomized solver needs a fixed number of components", found: "\(components)", expected: "--components N")
            }
            var centred = x
            if centering { for i in 0..<n { for j in 0..<p { centred[i, j] -= mean[j] } } }
            let svd = try RandomizedSVD(rank: k, powerIterations: powerIterations, seed: seed).fit(centred)
            variances = svd.singularValues.map { $0 * $0 / dof }
            vectors = svd.v
            totalVariance = centred.elements.reduce(0) { $0 + $1 * $1 } / dof
        }
        let ratios = variances.map { totalVariance > 0 ? $0 / totalVariance : 0 }
        let k: Int
        switch components {
        case .count(let count): k = count
        case .all: k = variances.count
        case .explainedVariance(let target):
            var cumulative = 0.0, chosen = variances.count
            for (index, ratio) in ratios.enumerated() {
                cumulative += ratio
                if cumulative > target { chosen = index + 1; break }
            }
            k = chosen
        }
        var loadings = vectors.columns(0..<k)
        // Sign convention: the largest-magnitude loading of each component is positive.
        for c in 0..<k {
            var best = 0
            for j in 0..<p where abs(loadings[j, c]) > abs(loadings[best, c]) { best = j }
            if loadings[best, c] < 0 { for j in 0..<p { loadings[j, c] = -loadings[j, c] } }
        }
        let model = PCAModel(mean: mean, loadings: loadings, explainedVariance: Array(variances.prefix(k)),
                             explainedVarianceRatio: Array(ratios.prefix(k)), totalVariance: totalVariance,
                             scores: Matrix(rows: 0, columns: 0), observations: n)
        return model.withScores(model.transformUnchecked(x))
    }
}
