import Testing
import SIMSBenchmarks
import SIMSMultivariate

@Suite("sims bench pca")
struct PCABenchmarkTests {
    @Test("the PCA benchmark matrix is seeded and the Swift PCA agrees with the covariance definition")
    func benchmarkMatrix() throws {
        let a = PCABenchmark.matrix(rows: 300, columns: 40), b = PCABenchmark.matrix(rows: 300, columns: 40)
        #expect(a == b)
        let model = try PCA(components: .count(5), solver: .covariance).fit(a)
        let svd = try PCA(components: .count(5), solver: .svd).fit(a)
        #expect(zip(model.explainedVarianceRatio, svd.explainedVarianceRatio).allSatisfy { abs($0 - $1) < 1e-10 })
    }
}
