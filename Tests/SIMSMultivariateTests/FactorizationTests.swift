import Testing
@testable import SIMSMultivariate

@Suite("MCR-ALS, NNLS, SIMPLISMA, NMF and MAF against NumPy / SciPy / scikit-learn")
struct FactorizationTests {
    @Test("NNLS: hand-checked cases — interior optimum and active constraint")
    func nnls() throws {
        // A = I: the solution is max(b, 0).
        let identity = NonNegativeLeastSquares(design: .identity(3))
        #expect(try identity.solve(crossProduct: [1, -2, 3]) == [1, 0, 3])
        // A = [[1, 1], [1, -1], [0, 1]], b = (2, 0, 1): unconstrained x = (1, 1) is feasible.
        let a = try Matrix(rowArrays: [[1, 1], [1, -1], [0, 1]])
        let x = try a.nonNegativeSolutions(for: Matrix(rowArrays: [[2], [0], [1]]))
        #expect(abs(x[0, 0] - 1) < 1e-14 && abs(x[0, 1] - 1) < 1e-14)
        // b = (−1, 1, 0): unconstrained x = (0, −1) → constrained: x₂ = 0, x₁ = 0 (gradient check by hand).
        let y = try a.nonNegativeSolutions(for: Matrix(rowArrays: [[-1], [1], [0]]))
        #expect(y[0, 0] == 0 && y[0, 1] == 0)
    }

    @Test("SIMPLISMA finds the reference pure variables; MCR-ALS matches the SciPy implementation")
    func mcr() throws {
        let f = try Fixture("mcr")
        let d = f.matrix("d")
        let pure = try SIMPLISMA(components: 3, offsetPercent: f.double("simplisma_offset")).pureVariables(d)
        #expect(pure == f.ints("simplisma_pure_variables"))
        for (key, closure) in [("plain", false), ("closure", true)] {
            let expected = f[key]
            let model = try MCRALS(components: 3, initialization: .simplisma(offsetPercent: 5), closure: closure,
                                   maxIterations: f.int("iterations"), tolerance: 0).fit(d)
            #expect(abs(model.lackOfFitPercent - expected.double("lack_of_fit_percent")) < 1e-8, "\(key)")
            #expect(maxDifference(model.concentrations, expected.matrix("c")) < 1e-6, "\(key)")
            #expect(maxDifference(model.spectra, expected.matrix("s")) < 1e-6, "\(key)")
        }
    }

    /// Pearson correlation of two vectors.
    func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
        return sab / (saa * sbb).squareRoot()
    }

    @Test("MCR-ALS recovers known pure spectra and concentrations of a simulated mixture (r > 0.99)")
    func recovery() throws {
        let f = try Fixture("mcr")
        let truthS = f.matrix("pure_spectra"), truthC = f.matrix("concentrations")
        for initialization in [MCRALS.Initialization.simplisma(offsetPercent: 5), .pca] {
            let model = try MCRALS(components: 3, initialization: initialization, closure: true, maxIterations: 200).fit(f.matrix("d"))
            for t in 0..<3 {
                let best = (0..<3).map { correlation(model.spectra.column($0), truthS.column(t)) }.max()!
                #expect(best > 0.99)
                let bestC = (0..<3).map { correlation(model.concentrations.column($0), truthC.column(t)) }.max()!
                #expect(bestC > 0.99)
            }
            #expect(model.lackOfFitPercent < 1.5)
        }
    }

    @Test("NMF multiplicative updates reproduce scikit-learn (Frobenius and Kullback–Leibler)")
    func nmf() throws {
        let f = try Fixture("nmf")
        let x = f.matrix("x")
        for (key, loss) in [("frobenius", NMF.Loss.frobenius), ("kl", .kullbackLeibler)] {
            let expected = f[key]
            let model = try NMF(components: 4, loss: loss, initialization: .custom(w: f.matrix("w0"), h: f.matrix("h0")),
                                maxIterations: f.int("iterations"), tolerance: 0).fit(x)
            #expect(abs(model.reconstructionError - expected.double("reconstruction_err")) < 1e-8 * expected.double("reconstruction_err"), "\(key)")
            #expect(maxDifference(model.w, expected.matrix("w")) < 1e-8, "\(key)")
            #expect(maxDifference(model.h, expected.matrix("h")) < 1e-8, "\(key)")
        }
        // Random initialization: objective decreases well below the initial error, factors non-negative.
        let random = try NMF(components: 4, initialization: .random(seed: 1)).fit(x)
        #expect(random.w.elements.allSatisfy { $0 >= 0 } && random.h.elements.allSatisfy { $0 >= 0 })
        #expect(random.reconstructionError < 0.1 * x.frobeniusNorm)
    }

    @Test("MAF matches SciPy's generalized eigenproblem (eigenvalues, factors, factor images)")
    func maf() throws {
        let f = try Fixture("maf")
        let model = try MAF().fit(pixels: f.matrix("pixels"), width: f.int("width"), height: f.int("height"))
        #expect(maxDifference(model.eigenvalues, f.vector("eigenvalues")) < 1e-10)
        #expect(maxDifference(model.autocorrelation, f.vector("autocorrelation")) < 1e-10)
        #expect(maxDifference(model.vectors, f.matrix("vectors")) < 1e-8)
        #expect(maxDifference(model.scores, f.matrix("scores")) < 1e-8)
        #expect(throws: SIMSError.self) { try MAF().fit(pixels: f.matrix("pixels"), width: 7, height: 7) }
    }

    @Test("bad inputs throw")
    func errors() throws {
        let negative = try Matrix(rowArrays: [[1, -1], [2, 3]])
        #expect(throws: SIMSError.self) { try NMF(components: 1).fit(negative) }
        #expect(throws: SIMSError.self) { try MCRALS(components: 3).fit(negative) }
        #expect(throws: SIMSError.self) { try SIMPLISMA(components: 0).pureVariables(negative) }
    }
}
