import Testing
@testable import SIMSMultivariate

@Suite("Clustering against scikit-learn")
struct ClusteringTests {
    @Test("k-means++ finds scikit-learn's optimum (inertia and centres)")
    func kmeans() throws {
        let f = try Fixture("clustering")
        let x = f.matrix("blobs")
        let model = try KMeans(clusters: 3, seed: 42).fit(x)
        #expect(abs(model.inertia - f.double("kmeans_inertia")) < 1e-8 * f.double("kmeans_inertia"))
        #expect(maxDifference(model.centers, f.matrix("kmeans_centers")) < 1e-8)
        #expect(model.predict(x) == model.labels)
        // Same seed, same answer.
        #expect(try KMeans(clusters: 3, seed: 42).fit(x).labels == model.labels)
    }

    @Test("Gaussian mixture (full covariance) reaches scikit-learn's likelihood; BIC picks the same k")
    func gmm() throws {
        let f = try Fixture("clustering")
        let x = f.matrix("gmm_points")
        let model = try GaussianMixture(components: 3, seed: 3).fit(x)
        #expect(model.converged)
        #expect(abs(model.meanLogLikelihood - f.double("gmm_mean_log_likelihood")) < 1e-8)
        #expect(maxDifference(model.weights, f.vector("gmm_weights")) < 1e-6)
        #expect(maxDifference(model.means, f.matrix("gmm_means")) < 1e-6)
        for (c, expected) in f.matrices("gmm_covariances").enumerated() {
            #expect(maxDifference(model.covariances[c], expected) < 1e-6)
        }
        let (best, bics, _) = try GaussianMixture(components: 1, initializations: 5, maxIterations: 300, tolerance: 1e-9, seed: 3).selectingComponents(upTo: 5, data: x)
        #expect(best.componentCount == f.int("bic_best_k"))
        let expected = f.vector("bic")
        // k = 1…3 have a single optimum; check them tightly.
        for k in 0..<3 { #expect(abs(bics[k] - expected[k]) < 1e-6 * abs(expected[k])) }
    }

    @Test("too many clusters is an error")
    func errors() throws {
        let x = randomMatrix(4, 2, seed: 1)
        #expect(throws: SIMSError.self) { try KMeans(clusters: 5).fit(x) }
        #expect(throws: SIMSError.self) { try GaussianMixture(components: 0).fit(x) }
    }
}

@Suite("Gaussian mixtures with diagonal and spherical covariance against scikit-learn")
struct CovarianceTypeTests {
    /// `Tests/Reference/gmm_covariance_types_reference.py` (scikit-learn 1.9.1).
    @Test(arguments: [GaussianMixture.CovarianceType.diagonal, .spherical])
    func matchesScikitLearn(type: GaussianMixture.CovarianceType) throws {
        let points = try Fixture("clustering").matrix("gmm_points")
        let f = try Fixture("gmm_covariance_types")[type.rawValue]
        var mixture = GaussianMixture(components: 3, tolerance: 1e-12, seed: 3)
        mixture.covarianceType = type
        let model = try mixture.fit(points)
        #expect(abs(model.meanLogLikelihood - f.double("mean_log_likelihood")) < 1e-8)
        #expect(maxDifference(model.weights, f.vector("weights")) < 1e-6)
        #expect(maxDifference(model.means, f.matrix("means")) < 1e-6)
        let selection = try mixture.selectingComponents(upTo: 3, data: points)
        for (found, expected) in zip(selection.bic, f.vector("bic")) { #expect(abs(found - expected) < 1e-6 * abs(expected)) }
    }

    @Test func aSingletonClusterIsNotChosen() throws {
        // Three groups of 6 points in 4 dimensions (PCA scores of 3 samples × 6 spots). scikit-learn's BIC is
        // lowest at k = 5 (spherical: −144.0 against −97.8 at k = 3), because a cluster on one point has the
        // regularization (1e-6) as its variance; with ≥ 2 points per cluster required, k = 3 is chosen.
        let fixture = try Fixture("gmm_covariance_types")
        let groups = fixture.matrix("groups")
        var mixture = GaussianMixture(components: 1, seed: 0)
        mixture.covarianceType = .spherical
        let expected = fixture["spherical"].vector("groups_bic")
        let selection = try mixture.selectingComponents(upTo: 5, data: groups, minimumComponentSize: 2)
        // k = 1 and 3 have one optimum (k = 2 merges either pair of groups: local optima differ).
        for k in [0, 2] { #expect(abs(selection.bic[k] - expected[k]) < 1e-6 * abs(expected[k]), "k = \(k + 1)") }
        #expect(selection.model.componentCount == 3)
        #expect(Array(selection.eligible.prefix(3)) == [true, true, true])
        #expect(selection.eligible.contains(false))
        let labels = selection.model.predict(groups)
        for g in 0..<3 { #expect(Set(labels[(g * 6)..<(g * 6 + 6)]).count == 1) }
        #expect(Set(labels).count == 3)
    }
}
