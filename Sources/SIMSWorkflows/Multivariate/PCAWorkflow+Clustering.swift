import SIMSMultivariate

extension PCAWorkflow {
    /// The cluster counts compared by BIC and the covariance form of the Gaussian mixture of the scores.
    ///
    /// Largest k: the `--clusters auto` maximum, at most the number of samples (a study of 3 samples is asked
    /// whether its spots form 1, 2 or 3 groups) but at least 2, and at most half the spots (every cluster needs
    /// ≥ 2 spots). Covariance: the richest form — full, diagonal, spherical — whose parameters the spots can
    /// carry at the largest k, n ≥ k·(c + d + 1) with c the covariance parameters of a component in d score
    /// dimensions (spherical otherwise): 3 samples × 6 spots in 4 components give spherical (18 ≥ 3·6), where
    /// full covariance would need 45 spots.
    static func clusterSearch(points n: Int, dimensions d: Int, samples: Int, maximum: PCAOptions.Clustering)
        -> (largest: Int, covariance: GaussianMixture.CovarianceType) {
        let largest: Int
        switch maximum {
        case .automatic(let limit): largest = max(1, min(limit, max(2, samples), n / 2))
        case .count(let k): largest = k
        case .none: largest = 1
        }
        let covariance = GaussianMixture.CovarianceType.allCases.first { type in
            n >= largest * (type.parameters(dimensions: d) + d + 1)
        } ?? .spherical
        return (largest, covariance)
    }
}
