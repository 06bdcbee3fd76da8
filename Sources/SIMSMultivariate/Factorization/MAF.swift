/// Maximum autocorrelation factors (Switzer & Green, "Min/max autocorrelation factors for multivariate spatial
/// imagery", Tech. Rep. 6, Dept. of Statistics, Stanford, 1984; Larsen, J. Chemometrics 16 (2002) 427 for
/// ToF-SIMS): linear combinations a of the peak images that are maximally autocorrelated between neighbouring
/// pixels, from the symmetric-definite generalized eigenproblem
///
///   Σ_Δ·a = λ·Σ·a,
///
/// Σ the covariance of the centred pixels (divisor n), Σ_Δ the second moment of the differences between
/// horizontally and vertically adjacent pixels (divisor = number of pairs). Ascending λ: factor 1 is the most
/// autocorrelated; its autocorrelation is 1 − λ/2. Solved by whitening with Σ's eigendecomposition (directions
/// with eigenvalue below 10⁻¹² of the largest are dropped), normalized aᵀΣa = 1, largest |a_j| positive.
public struct MAF: Sendable {
    /// Number of factors to keep (nil: all).
    public var components: Int?

    /// Configures MAF.
    public init(components: Int? = nil) { self.components = components }

    /// Fits MAF to `pixels` (`width·height × peaks`, row-major pixels with x fastest).
    public func fit(pixels x: Matrix, width: Int, height: Int) throws(SIMSError) -> MAFModel {
        let n = x.rows, p = x.columns
        guard width >= 1, height >= 1, width * height == n, width * height >= 2 else {
            throw .inconsistent("MAF: \(n) pixels do not form a \(width) × \(height) image")
        }
        guard x.isFinite else { throw .invalidArgument("MAF input contains NaN or infinite values", expected: "finite values") }
        let mean = x.columnMeans
        let covariance = (1 / Double(n)) * x.gram(centeredOn: mean)
        var differences = Matrix(rows: (width - 1) * height + width * (height - 1), columns: p)
        var r = 0
        for y in 0..<height { for xx in 0..<(width - 1) {
            for j in 0..<p { differences[r, j] = x[y * width + xx + 1, j] - x[y * width + xx, j] }
            r += 1
        } }
        for y in 0..<(height - 1) { for xx in 0..<width {
            for j in 0..<p { differences[r, j] = x[(y + 1) * width + xx, j] - x[y * width + xx, j] }
            r += 1
        } }
        let differenceCovariance = (1 / Double(differences.rows)) * differences.gram()
        let whitening = try SymmetricEigendecomposition(covariance)
        let cutoff = (whitening.values.first ?? 0) * 1e-12
        let kept = whitening.values.indices.filter { whitening.values[$0] > cutoff }
        guard !kept.isEmpty else { throw SIMSError(.numerical, "MAF: the images have no variance") }
        // W = U Λ^{-1/2} on the kept directions; M = Wᵀ Σ_Δ W.
        let wMatrix = Matrix(rows: p, columns: kept.count) { i, j in whitening.vectors[i, kept[j]] / whitening.values[kept[j]].squareRoot() }
        let m = wMatrix.transposeMultiplied(by: differenceCovariance.multiplied(by: wMatrix))
        let inner = try SymmetricEigendecomposition(m)
        let count = min(components ?? kept.count, kept.count)
        guard count >= 1 else { throw .invalidArgument("MAF: number of factors must be ≥ 1", found: "\(count)", expected: "≥ 1") }
        // Ascending eigenvalues: reverse the descending order.
        let order = Array((0..<kept.count).reversed().prefix(count))
        var vectors = wMatrix.multiplied(by: Matrix(rows: kept.count, columns: count) { i, j in inner.vectors[i, order[j]] })
        for c in 0..<count {
            var best = 0
            for j in 0..<p where abs(vectors[j, c]) > abs(vectors[best, c]) { best = j }
            if vectors[best, c] < 0 { for j in 0..<p { vectors[j, c] = -vectors[j, c] } }
        }
        let eigenvalues = order.map { inner.values[$0] }
        let pca = PCAModel(mean: mean, loadings: vectors, explainedVariance: [], explainedVarianceRatio: [],
                           totalVariance: 0, scores: Matrix(rows: 0, columns: 0), observations: n)
        return MAFModel(eigenvalues: eigenvalues, vectors: vectors, mean: mean, scores: pca.transformUnchecked(x))
    }
}

/// Fitted maximum autocorrelation factors.
public struct MAFModel: Sendable {
    /// Generalized eigenvalues λ, ascending (most autocorrelated factor first).
    public let eigenvalues: [Double]
    /// Factor coefficients a as columns (`peaks × factors`), aᵀΣa = 1.
    public let vectors: Matrix
    /// Column means subtracted before projection.
    public let mean: [Double]
    /// Factor images: (X − 1μᵀ)·A (`pixels × factors`).
    public let scores: Matrix

    /// Neighbour autocorrelation of each factor, 1 − λ/2.
    public var autocorrelation: [Double] { eigenvalues.map { 1 - $0 / 2 } }
}
