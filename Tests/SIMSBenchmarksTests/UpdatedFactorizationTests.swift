import Foundation
import SIMSMultivariate
import SIMSTestSupport
import SIMSWorkflows
import Testing
@testable import SIMSBenchmarks
@testable import SIMSQuantification

/// `CertifiedNNLS` up- and downdates the Cholesky factor of the passive block (``PassiveCholesky``); the solver it
/// replaced refactored the block at every active-set change. The reference below is that solver's loop as it was
/// (Lawson–Hanson in cross-product form, a fresh `CholeskyDecomposition` of G_PP per sub-problem), kept here only
/// to show that the results did not change.
enum RefactoringNNLSReference {
    static func solve(design a: Matrix, observations y: [Double], weights w: [Double], dualTolerance: Double = 1e-9) -> [Double] {
        let m = a.rows, k = a.columns
        var scaled = a, ys = y
        for i in 0..<m { let r = w[i].squareRoot(); ys[i] *= r; for j in 0..<k { scaled.elements[i * k + j] *= r } }
        let gram = scaled.gram()
        var c = [Double](repeating: 0, count: k)
        for i in 0..<m { for j in 0..<k { c[j] += scaled.elements[i * k + j] * ys[i] } }
        let yNorm = ys.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let norms = (0..<k).map { gram[$0, $0].squareRoot() }
        func subproblem(_ passive: [Bool]) -> [Double]? {
            let index = passive.indices.filter { passive[$0] }
            guard let factor = try? CholeskyDecomposition(Matrix(rows: index.count, columns: index.count) { gram[index[$0], index[$1]] }) else { return nil }
            let z = factor.solve(index.map { c[$0] })
            guard z.allSatisfy(\.isFinite) else { return nil }
            var s = [Double](repeating: 0, count: k)
            for (r, j) in index.enumerated() { s[j] = z[r] }
            return s
        }
        var x = [Double](repeating: 0, count: k), passive = [Bool](repeating: false, count: k), excluded = passive
        outer: for _ in 0..<(5 * k + 50) {
            var t = -1, best = 0.1 * dualTolerance
            for j in 0..<k where !passive[j] && !excluded[j] && norms[j] > 0 {
                var g = c[j]
                for i in 0..<k where x[i] != 0 { g -= gram[j, i] * x[i] }
                if g / (norms[j] * yNorm) > best { best = g / (norms[j] * yNorm); t = j }
            }
            if t < 0 { break }
            passive[t] = true
            var first = true
            while true {
                guard let s = subproblem(passive), !(first && s[t] <= 0) else { passive[t] = false; excluded[t] = true; continue outer }
                first = false
                if (0..<k).allSatisfy({ !passive[$0] || s[$0] > 0 }) { x = s; break }
                var alpha = Double.infinity, blocking = -1
                for j in 0..<k where passive[j] && s[j] <= 0 { let step = x[j] / (x[j] - s[j]); if step < alpha { alpha = step; blocking = j } }
                for j in 0..<k where passive[j] { x[j] += alpha * (s[j] - x[j]) }
                for j in 0..<k where passive[j] && (j == blocking || x[j] <= 0) { passive[j] = false; x[j] = 0 }
            }
            excluded = [Bool](repeating: false, count: k)
        }
        return x.indices.map { passive[$0] ? x[$0] : 0 }
    }
}

@Suite("CertifiedNNLS with an updated Cholesky factor")
struct UpdatedFactorizationTests {
    @Test("PassiveCholesky after appends and removals equals a fresh factorization of the remaining block")
    func factorUpdates() throws {
        var random = SeededGenerator(seed: 7)
        let k = 9, m = 30
        let a = Matrix(rows: m, columns: k) { _, _ in Double.random(in: 0...1, using: &random) }
        let gram = a.gram()
        var factor = PassiveCholesky(gram: gram.elements, k: k)
        for j in [4, 0, 7, 2, 8, 1] { let appended = factor.append(j); #expect(appended) }
        factor.remove(at: 1)  // 0
        factor.remove(at: 3)  // 8
        let appended = factor.append(5)
        #expect(appended)
        factor.remove(at: 0)  // 4
        #expect(factor.order == [7, 2, 1, 5])
        let c = (0..<k).map { Double($0) + 0.5 }
        let z = try #require(factor.solve(c))
        let order = factor.order
        let fresh = try CholeskyDecomposition(Matrix(rows: order.count, columns: order.count) { gram[order[$0], order[$1]] }).solve(order.map { c[$0] })
        for (u, v) in zip(z, fresh) { #expect(abs(u - v) <= 1e-10 * max(1, abs(v)), "\(z) vs \(fresh)") }
        // A column in the span of the passive ones is refused and leaves the factor as it was.
        var dependent = PassiveCholesky(gram: Matrix(rows: 2, columns: 2) { i, j in [[1.0, 2], [2, 4]][i][j] }.elements, k: 2)
        let first = dependent.append(0), second = dependent.append(1)
        #expect(first && !second && dependent.order == [0])
    }

    @Test("on bench problems (every 5th real HEA spectrum, both polarities) the solution equals the refactoring solver's to 1e-10 and is certified")
    func benchProblems() throws {
        let folder = try TemporaryFolder()
        let files = try SharedData.files(in: "hea-catalyst-spectra")
        for (n, file) in files.enumerated() where n % 5 == 0 {
            try FileManager.default.createSymbolicLink(atPath: folder.file((file as NSString).lastPathComponent), withDestinationPath: file)
        }
        let problems = try DeconvolutionBenchmark.problems(DeconvolutionBenchmark.Options(folder: folder.path))
        #expect(problems.count >= 50 && problems.contains { $0.name.hasPrefix("N_") } && problems.contains { $0.name.hasPrefix("P_") })
        var worst = 0.0
        for (name, problem, weights) in problems {
            let fit = try CertifiedNNLS().fit(design: problem.design, observations: problem.observations, weights: weights)
            let reference = RefactoringNNLSReference.solve(design: problem.design, observations: problem.observations, weights: weights)
            #expect(fit.certificate.isCertified, "\(name): \(fit.certificate)")
            let scale = max(1, reference.max() ?? 0)
            let difference = zip(fit.coefficients, reference).map { abs($0 - $1) }.max() ?? 0
            worst = max(worst, difference / scale)
            #expect(fit.support == reference.indices.filter { reference[$0] > 0 }, "\(name): support differs")
        }
        #expect(worst <= 1e-10, "largest difference \(worst) of the largest amount")
    }
}
