import CSIMSOpenBLAS

/// A fitted principal component model.
public struct PCAModel: Sendable {
    /// Column means subtracted before projection (zeros when centring was off), one per variable.
    public let mean: [Double]
    /// Loadings (`variables × components`): column c is the unit direction of component c.
    public let loadings: Matrix
    /// Variance of the scores of each component (eigenvalue / (n − 1)).
    public let explainedVariance: [Double]
    /// Fraction of the total variance explained by each component.
    public let explainedVarianceRatio: [Double]
    /// Total variance of the (centred) training data, Σ_j var_j.
    public let totalVariance: Double
    /// Scores of the training observations (`observations × components`).
    public let scores: Matrix
    /// Number of training observations.
    public let observations: Int

    init(mean: [Double], loadings: Matrix, explainedVariance: [Double], explainedVarianceRatio: [Double],
         totalVariance: Double, scores: Matrix, observations: Int) {
        self.mean = mean
        self.loadings = loadings
        self.explainedVariance = explainedVariance
        self.explainedVarianceRatio = explainedVarianceRatio
        self.totalVariance = totalVariance
        self.scores = scores
        self.observations = observations
    }

    func withScores(_ scores: Matrix) -> PCAModel {
        PCAModel(mean: mean, loadings: loadings, explainedVariance: explainedVariance,
                 explainedVarianceRatio: explainedVarianceRatio, totalVariance: totalVariance,
                 scores: scores, observations: observations)
    }

    /// Number of components kept.
    public var componentCount: Int { loadings.columns }

    /// Cumulative explained-variance ratios.
    public var cumulativeExplainedVarianceRatio: [Double] {
        var s = 0.0
        return explainedVarianceRatio.map { s += $0; return s }
    }

    /// Projects new observations (same variables, already preprocessed like the training data): (X − 1μᵀ)·P.
    public func transform(_ x: Matrix) throws(SIMSError) -> Matrix {
        guard x.columns == mean.count else {
            throw .inconsistent("the data has \(x.columns) peaks but the PCA was fitted on \(mean.count)")
        }
        guard x.isFinite else { throw .invalidArgument("the data contains NaN or infinite values", expected: "finite values") }
        return transformUnchecked(x)
    }

    /// (X − 1μᵀ)·P: one BLAS `dgemm` per centred row panel (no centred copy of X).
    func transformUnchecked(_ x: Matrix) -> Matrix {
        let p = x.columns, k = loadings.columns
        var out = Matrix(rows: x.rows, columns: k)
        if k == 0 { return out }
        loadings.elements.withUnsafeBufferPointer { pb in
            out.elements.withUnsafeMutableBufferPointer { ob in
                x.forEachRowPanel(centeredOn: mean) { panel, first, count in
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blas(count), blas(k), blas(p),
                                1, panel, blas(p), pb.baseAddress, blas(k), 0, ob.baseAddress! + first * k, blas(k))
                }
            }
        }
        return out
    }

    /// Maps scores back to the (preprocessed) variable space: T·Pᵀ + 1μᵀ.
    public func inverseTransform(_ scores: Matrix) -> Matrix {
        var out = scores.multiplied(by: loadings.transposed)
        for i in 0..<out.rows { for j in 0..<out.columns { out[i, j] += mean[j] } }
        return out
    }

    /// One variable whose loading on a component exceeds the threshold.
    public struct ImportantPeak: Sendable, Equatable {
        /// The variable (peak) index, 0-based.
        public let index: Int
        /// Its loading (signed).
        public let loading: Double
    }

    /// Per component, the variables with |loading| > `threshold`, sorted by |loading| descending (ties by
    /// index). The default 0.05 is the paper's script's.
    public func importantPeaks(threshold: Double = 0.05) -> [[ImportantPeak]] {
        (0..<componentCount).map { c in
            (0..<loadings.rows)
                .filter { abs(loadings[$0, c]) > threshold }
                .map { ImportantPeak(index: $0, loading: loadings[$0, c]) }
                .sorted { abs($0.loading) > abs($1.loading) || (abs($0.loading) == abs($1.loading) && $0.index < $1.index) }
        }
    }
}
