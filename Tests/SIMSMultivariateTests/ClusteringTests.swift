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
        let (best, bics) = try GaussianMixture(components: 1, initializations: 5, maxIterations: 300, tolerance: 1e-9, seed: 3).selectingComponents(upTo: 5, data: x)
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
