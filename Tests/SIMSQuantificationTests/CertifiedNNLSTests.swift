import Foundation
import Testing
@testable import SIMSQuantification

/// One case of `Tests/Reference/certified_nnls_reference.json` (scipy.optimize.nnls on √w-scaled problems).
private struct WeightedNNLSCase: Decodable {
    var name: String
    var rows: Int, cols: Int
    var design: [Double], observations: [Double], weights: [Double], solution: [Double]

    static func load() throws -> [WeightedNNLSCase] {
        struct File: Decodable { var cases: [WeightedNNLSCase] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Reference/certified_nnls_reference.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }
}

@Suite("Certified NNLS")
struct CertifiedNNLSTests {
    @Test("One column: x = max(0, aᵀWy / aᵀWa) (closed form), certified")
    func singleColumn() throws {
        let a: [Double] = [1, 2, 3, 0.5]
        let w: [Double] = [1, 0.5, 0.25, 2]
        for y in [[2.0, 3, 7, 1], [-2.0, -3, -7, -1]] {
            let fit = try CertifiedNNLS().fit(design: Matrix(rows: 4, columns: 1) { i, _ in a[i] }, observations: y, weights: w)
            let num = zip(zip(a, y), w).reduce(0) { $0 + $1.0.0 * $1.0.1 * $1.1 }
            let den = zip(a, w).reduce(0) { $0 + $1.0 * $1.0 * $1.1 }
            #expect(abs(fit.coefficients[0] - max(0, num / den)) < 1e-12)
            #expect(fit.certificate.isCertified)
        }
    }

    @Test("Orthogonal columns decouple: xⱼ = max(0, aⱼᵀy/‖aⱼ‖²) (hand case), SE = 1/‖aⱼ‖")
    func orthogonalColumns() throws {
        // Columns (1,1,0,0), (0,0,2,0), (0,0,0,1); y = (3, 5, -4, 2): x = (4, 0, 2).
        let a = Matrix(rows: 4, columns: 3) { i, j in [[1.0, 0, 0], [1, 0, 0], [0, 2, 0], [0, 0, 1]][i][j] }
        let fit = try CertifiedNNLS().fit(design: a, observations: [3, 5, -4, 2])
        #expect(abs(fit.coefficients[0] - 4) < 1e-12 && fit.coefficients[1] == 0 && abs(fit.coefficients[2] - 2) < 1e-12)
        #expect(fit.support == [0, 2])
        #expect(fit.certificate.isCertified)
        let se = fit.standardErrors()
        #expect(abs(se[0]! - 1 / 2.0.squareRoot()) < 1e-12)
        #expect(se[1] == nil)
        #expect(abs(se[2]! - 1) < 1e-12)
        // χ² = (3−4)² + (5−4)² + (−4)² = 18.
        #expect(abs(fit.weightedResidualSumOfSquares - 18) < 1e-12)
    }

    @Test("A constraint becomes active by hand: y = (1, 0), columns (1, 0) and (1, 1) → x = (1, 0)")
    func handCaseActiveConstraint() throws {
        // Unconstrained: x = (1, 0) exactly fits? a1 = (1,0), a2 = (1,1): y = (1, -1) → unconstrained x = (2, -1);
        // constrained: x2 = 0, x1 = aᵀy/‖a‖² = 1; gradient of x2: a2ᵀ(y − a1) = (1,1)·(0,−1) = −1 < 0 ✓.
        let a = Matrix(rows: 2, columns: 2) { i, j in [[1.0, 1], [0, 1]][i][j] }
        let fit = try CertifiedNNLS().fit(design: a, observations: [1, -1])
        #expect(abs(fit.coefficients[0] - 1) < 1e-14 && fit.coefficients[1] == 0)
        #expect(fit.certificate.isCertified)
        #expect(fit.certificate.dualViolation == 0)
    }

    @Test("The iteration cap is a safety net: reaching it reports 'not certified', never a fixed-count answer")
    func capReportsNotCertified() throws {
        let a = Matrix(rows: 3, columns: 2) { i, j in [[1.0, 0], [0, 1], [1, 1]][i][j] }
        let fit = try CertifiedNNLS(maximumIterations: 1).fit(design: a, observations: [1, 2, 3])
        #expect(fit.certificate.reachedIterationCap)
        #expect(!fit.certificate.isCertified)
        #expect(fit.certificate.dualViolation > 1e-3)  // the second column would still lower the objective
        let full = try CertifiedNNLS().fit(design: a, observations: [1, 2, 3])
        #expect(full.certificate.isCertified && full.certificate.iterations == 2)
    }

    @Test("A zero right-hand side gives x = 0 with a certificate; duplicate columns do not loop")
    func degenerateInputs() throws {
        let a = Matrix(rows: 3, columns: 3) { i, j in [[1.0, 1, 0], [2, 2, 1], [0, 0, 1]][i][j] }
        let zero = try CertifiedNNLS().fit(design: a, observations: [0, 0, 0])
        #expect(zero.coefficients == [0, 0, 0] && zero.certificate.isCertified)
        let dup = try CertifiedNNLS().fit(design: a, observations: [1, 2, 1])
        #expect(dup.certificate.isCertified)
        // Columns 1 and 2 are equal: with s = x₁ + x₂ the normal equations 5s + 2x₃ = 5, 2s + 2x₃ = 3 give
        // s = 2/3, x₃ = 5/6; only the sum is determined (the deconvolution reports such columns as a group).
        #expect(abs(dup.coefficients[0] + dup.coefficients[1] - 2.0 / 3) < 1e-12)
        #expect(abs(dup.coefficients[2] - 5.0 / 6) < 1e-12)
    }

    @Test("Bad input is a clear error: sizes, NaN, negative weights")
    func badInput() {
        let a = Matrix(rows: 2, columns: 1) { _, _ in 1 }
        #expect(throws: SIMSError.self) { try CertifiedNNLS().fit(design: a, observations: [1]) }
        #expect(throws: SIMSError.self) { try CertifiedNNLS().fit(design: a, observations: [1, .nan]) }
        #expect(throws: SIMSError.self) { try CertifiedNNLS().fit(design: a, observations: [1, 1], weights: [1, -1]) }
        #expect(throws: SIMSError.self) { try CertifiedNNLS().fit(design: a, observations: [1, 1], weights: [1]) }
    }

    @Test("Equals scipy.optimize.nnls on weighted dense and isotope-like problems, each certified")
    func againstSciPy() throws {
        let cases = try WeightedNNLSCase.load()
        #expect(cases.count == 6)
        for c in cases {
            let a = Matrix(rows: c.rows, columns: c.cols) { c.design[$0 * c.cols + $1] }
            let fit = try CertifiedNNLS().fit(design: a, observations: c.observations, weights: c.weights)
            #expect(fit.certificate.isCertified, "\(c.name): \(fit.certificate)")
            let scale = max(1, c.solution.map(abs).max() ?? 1)
            for j in 0..<c.cols {
                #expect(abs(fit.coefficients[j] - c.solution[j]) <= 1e-8 * scale, "\(c.name) x[\(j)] = \(fit.coefficients[j]) vs SciPy \(c.solution[j])")
            }
            #expect(Set(fit.support) == Set(c.solution.indices.filter { c.solution[$0] > 0 }), "\(c.name): support differs from SciPy's")
        }
    }
}
