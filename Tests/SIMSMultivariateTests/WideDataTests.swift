import Testing
@testable import SIMSMultivariate

@Suite("PCA of wide data (fewer spectra than peaks)")
struct WideDataTests {
    @Test("Jacobi-SVD PCA of 40 × 90 data equals the covariance solver")
    func wide() throws {
        var x = randomMatrix(40, 90, seed: 8)
        for t in 0..<x.elements.count { x.elements[t] = abs(x.elements[t]) * 1e-3 }
        let scaled = try Scaler(.max).fit(x).transform(x)
        let a = try PCA(components: .count(5), solver: .svd).fit(scaled)
        let b = try PCA(components: .count(5), solver: .covariance).fit(scaled)
        #expect(a.explainedVarianceRatio[0] > 0.01)
        #expect(maxDifference(a.explainedVarianceRatio, b.explainedVarianceRatio) < 1e-10)
        #expect(maxDifference(a.scores, b.scores) < 1e-9)
    }
}
