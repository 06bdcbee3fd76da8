import Testing
@testable import SIMSMultivariate

@Suite("Preprocessing and PCA against scikit-learn")
struct PCATests {
    /// Compares loadings and scores with the fixture (both already sign-fixed by the same convention).
    func check(_ model: PCAModel, _ c: Fixture, tolerance: Double = 1e-8) {
        #expect(model.componentCount == c.int("components"))
        #expect(maxDifference(model.loadings, c.matrix("loadings")) < tolerance)
        #expect(maxDifference(model.scores, c.matrix("scores")) < tolerance)
        #expect(maxDifference(model.explainedVarianceRatio, c.vector("explained_variance_ratio")) < tolerance)
    }

    @Test("scalings reproduce the reference scaled matrices")
    func scalings() throws {
        let f = try Fixture("pca")
        let areas = f.matrix("areas")
        let cases = Dictionary(uniqueKeysWithValues: f.list("cases").map { ($0.object["name"] as! String, $0) })
        for (name, method) in [("max", Scaling.max), ("auto", .auto), ("pareto", .pareto)] {
            let scaled = try Scaler(method).fit(areas).transform(areas)
            #expect(maxDifference(scaled, cases[name]!.matrix("scaled")) < 1e-12, "\(name)")
        }
        let poisson = f["poisson"]
        let counts = poisson.matrix("counts")
        #expect(maxDifference(try Scaler(.poisson).fit(counts).transform(counts), poisson.matrix("scaled")) < 1e-12)
    }

    @Test("PCA matches scikit-learn (svd_solver=full) to 1e-8 with every solver")
    func pca() throws {
        let f = try Fixture("pca")
        for c in f.list("cases") {
            let x = c.matrix("scaled")
            let name = c.object["name"] as! String
            let components: PCA.Components = name == "variance95" ? .explainedVariance(0.95) : .count(c.int("components"))
            check(try PCA(components: components).fit(x), c)
            check(try PCA(components: components, solver: .svd).fit(x), c)
            if name != "wide" { check(try PCA(components: components, solver: .covariance).fit(x), c) }
            if case .count(let k) = components {
                check(try PCA(components: .count(k), solver: .randomized(powerIterations: 6, seed: 1)).fit(x), c, tolerance: 1e-6)
            }
            #expect(maxDifference(try PCA(components: components).fit(x).explainedVariance, c.vector("explained_variance")) < 1e-8)
        }
    }

    @Test("Poisson-scaled uncentred PCA and the Keenan–Kotula back-transform of loadings")
    func poisson() throws {
        let p = try Fixture("pca")["poisson"]
        let counts = p.matrix("counts")
        let scaler = try Scaler(.poisson).fit(counts)
        let model = try PCA(components: .count(p.int("components")), centering: false).fit(scaler.transform(counts))
        check(model, p)
        #expect(maxDifference(scaler.backTransformLoadings(model.loadings), p.matrix("back_transformed_loadings")) < 1e-8)
    }

    @Test("transform of the training data equals the scores; inverse transform with all components is exact")
    func transform() throws {
        let x = try Fixture("pca").list("cases")[0].matrix("scaled")
        let full = try PCA().fit(x)
        #expect(maxDifference(try full.transform(x), full.scores) < 1e-12)
        #expect(maxDifference(full.inverseTransform(full.scores), x) < 1e-12)
        #expect(abs(full.explainedVarianceRatio.reduce(0, +) - 1) < 1e-12)
        #expect(throws: SIMSError.self) { try full.transform(Matrix(rows: 2, columns: 3)) }
    }

    @Test("scores of a matrix larger than one centred row panel equal (X − 1μᵀ)·P")
    func transformOverPanels() throws {
        let x = randomMatrix(2_200, 500, seed: 17)   // 1.1 M values: two panels of 2²⁰ values at most
        let model = try PCA(components: .count(3), solver: .randomized(powerIterations: 2, seed: 1)).fit(x)
        var centred = x
        for i in 0..<x.rows { for j in 0..<x.columns { centred[i, j] -= model.mean[j] } }
        #expect(maxDifference(model.scores, centred.multiplied(by: model.loadings)) < 1e-10)
    }

    @Test("important peaks: |loading| > threshold, sorted by magnitude")
    func important() throws {
        let x = try Fixture("pca").list("cases")[0].matrix("scaled")
        let model = try PCA(components: .count(2)).fit(x)
        let peaks = model.importantPeaks(threshold: 0.05)
        for c in 0..<2 {
            let expected = (0..<x.columns).filter { abs(model.loadings[$0, c]) > 0.05 }
            #expect(Set(peaks[c].map(\.index)) == Set(expected))
            #expect(zip(peaks[c], peaks[c].dropFirst()).allSatisfy { abs($0.loading) >= abs($1.loading) })
            // Sign convention: the largest-magnitude loading is positive.
            #expect(peaks[c].first!.loading > 0)
        }
    }

    @Test("bad settings and inputs throw SIMSError")
    func errors() throws {
        let x = randomMatrix(10, 4, seed: 3)
        #expect(throws: SIMSError.self) { try PCA(components: .count(0)).fit(x) }
        #expect(throws: SIMSError.self) { try PCA(components: .count(5)).fit(x) }
        #expect(throws: SIMSError.self) { try PCA(components: .explainedVariance(1.2)).fit(x) }
        #expect(throws: SIMSError.self) { try PCA().fit(Matrix(rows: 1, columns: 4)) }
        var bad = x
        bad[2, 2] = .infinity
        #expect(throws: SIMSError.self) { try PCA().fit(bad) }
        #expect(throws: SIMSError.self) { try x.normalizedRows(.referencePeak(column: 9)) }
        #expect(throws: SIMSError.self) { try Matrix(rows: 2, columns: 2).normalizedRows(.totalIonCount(totals: nil)) }
        #expect(throws: SIMSError.self) { try x.squareRooted() }
    }

    @Test("row normalizations: TIC, reference peak")
    func rows() throws {
        let x = try Matrix(rowArrays: [[1, 3], [2, 2]])
        #expect(try x.normalizedRows(.totalIonCount(totals: nil)) == Matrix(rowArrays: [[0.25, 0.75], [0.5, 0.5]]))
        #expect(try x.normalizedRows(.totalIonCount(totals: [10, 4])) == Matrix(rowArrays: [[0.1, 0.3], [0.5, 0.5]]))
        #expect(try x.normalizedRows(.referencePeak(column: 1)) == Matrix(rowArrays: [[1.0 / 3, 1], [1, 1]]))
        #expect(try Matrix(rowArrays: [[4, 9]]).squareRooted() == Matrix(rowArrays: [[2, 3]]))
    }
}
