import Foundation
import Testing
import SIMSCore
@testable import SIMSAnalysis

/// Reference values: SciPy 1.17.1 / NumPy 2.4.6, printed by `Tests/Reference/statistics_reference.py`
/// (output committed as `Tests/Reference/statistics_reference.txt`).
@Suite("Statistics vs SciPy")
struct StatisticsTests {
    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }
    static func relClose(_ a: Double, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
        abs(a - b) <= tolerance * abs(b)
    }

    @Test("regularized incomplete beta = scipy.special.betainc")
    func incompleteBeta() {
        let cases: [(Double, Double, Double, Double)] = [
            (0.5, 0.5, 0.3, 0.36901011956554536), (2.5, 0.5, 0.9, 0.48958974456442755),
            (10, 3, 0.2, 4.526080000000003e-06), (50, 0.5, 0.99, 0.3173043978741973),
            (0.1, 7, 0.01, 0.7961237717987596), (3.65, 0.5, 0.42, 0.014755437799939125),
        ]
        for (a, b, x, expected) in cases {
            let value = SpecialFunctions.regularizedIncompleteBeta(x, a: a, b: b)
            #expect(Self.relClose(value, expected), "I_\(x)(\(a),\(b)) = \(value), SciPy \(expected)")
        }
        // hand value: I_x(1, 1) = x; I_x(a, 1) = x^a
        #expect(Self.close(SpecialFunctions.regularizedIncompleteBeta(0.37, a: 1, b: 1), 0.37, 1e-14))
        #expect(Self.close(SpecialFunctions.regularizedIncompleteBeta(0.5, a: 3, b: 1), 0.125, 1e-14))
    }

    @Test("Student t tails and quantiles = scipy.stats.t")
    func studentT() {
        let tails: [(Double, Double, Double)] = [
            (2.1, 3, 0.0632826012748423), (0.5, 1, 0.35241638234956674), (4.2, 7.3, 0.0018375285008244563),
            (1.96, 1000, 0.025136592477874368), (10, 2, 0.004926228511662845), (-1.3, 5, 0.8748496829146615),
        ]
        for (t, df, expected) in tails {
            #expect(Self.relClose(StudentT(degreesOfFreedom: df).survival(t), expected), "sf(\(t); \(df))")
        }
        let quantiles: [(Double, Double, Double)] = [
            (0.975, 1, 12.706204736174694), (0.975, 2, 4.302652729749462), (0.975, 4, 2.7764451051977934),
            (0.975, 9, 2.262157162798205), (0.975, 29, 2.045229642132703), (0.975, 3.7, 2.8675207071911895),
            (0.995, 12, 3.0545395893929013), (0.6, 6, 0.2648345329335734),
        ]
        for (p, df, expected) in quantiles {
            let value = StudentT(degreesOfFreedom: df).quantile(p)
            #expect(Self.relClose(value, expected), "ppf(\(p); \(df)) = \(value), SciPy \(expected)")
            #expect(Self.relClose(StudentT(degreesOfFreedom: df).quantile(1 - p), -expected))
        }
        // hand value: ν = 1 is Cauchy, F(t) = ½ + atan(t)/π → P(T > 1) = 1/4
        #expect(Self.close(StudentT(degreesOfFreedom: 1).survival(1), 0.25, 1e-14))
    }

    @Test("normal CDF and quantile = scipy.stats.norm")
    func normal() {
        let quantiles: [(Double, Double)] = [
            (1e-10, -6.361340902404056), (0.025, -1.9599639845400545), (0.3, -0.5244005127080409),
            (0.975, 1.959963984540054), (1 - 1e-12, 7.0344869100478356),
        ]
        for (p, expected) in quantiles { #expect(Self.relClose(Normal.quantile(p), expected), "ppf(\(p))") }
        let cdfs: [(Double, Double)] = [(-8, 6.22096057427174e-16), (-1.5, 0.06680720126885807), (0, 0.5), (2.3, 0.9892758899783242)]
        for (z, expected) in cdfs { #expect(Self.relClose(Normal.cdf(z), expected), "cdf(\(z))") }
    }

    static let a = [1.2, 2.3, 1.9, 2.8, 2.2]
    static let b = [3.1, 2.9, 3.8, 2.5, 3.3, 3.6]

    @Test("Welch t-test = scipy.stats.ttest_ind(equal_var=False)")
    func welch() throws {
        let test = try #require(WelchTTest(Self.a, Self.b))
        #expect(Self.relClose(test.t, -3.428214490209258))
        #expect(Self.relClose(test.p, 0.009547379369135866))
        #expect(Self.relClose(test.degreesOfFreedom, 7.682529311136771))
        #expect(WelchTTest([1], [2, 3]) == nil)
    }

    @Test("Welch t-test of constant samples = scipy.stats.ttest_ind(equal_var=False): df 1, t and p NaN or ±inf and 0")
    func welchOfConstantSamples() throws {
        // statistics_reference.txt: a=[1,1,1] b=[1,1,1,1] -> t=nan p=nan df=1.0; a=[1,1,1] b=[2,2,2] -> t=-inf p=0.0 df=1.0
        let equal = try #require(WelchTTest([1, 1, 1], [1, 1, 1, 1]))
        #expect(equal.t.isNaN && equal.p.isNaN && equal.degreesOfFreedom == 1)
        #expect(equal.degeneracy == .constantAndEqual)
        let different = try #require(WelchTTest([1, 1, 1], [2, 2, 2]))
        #expect(different.t == -.infinity && different.p == 0 && different.degreesOfFreedom == 1)
        #expect(different.degeneracy == .constantAndDifferent)
        #expect(try #require(WelchTTest(Self.a, Self.b)).degeneracy == nil)
    }

    @Test("Mann–Whitney U = scipy.stats.mannwhitneyu (auto method)")
    func mannWhitney() throws {
        let exact = try #require(MannWhitneyUTest(Self.a, Self.b))
        #expect(exact.method == .exact && exact.u == 1)
        #expect(Self.relClose(exact.p, 0.008658008658008658))  // = 2 · 2/462 by hand: U ≤ 1 in 2 of C(11,5) orders
        #expect(Self.relClose(exact.p, 4.0 / 462, 1e-14))
        let ties = try #require(MannWhitneyUTest([1, 2, 2, 3, 4, 4, 4, 5, 6, 7], [3, 4, 5, 5, 6, 7, 8, 8, 9, 9, 10, 11]))
        #expect(ties.method == .normalApproximation && ties.u == 18)
        #expect(Self.relClose(ties.p, 0.005923027828676038))
        let large = try #require(MannWhitneyUTest([0.11, 0.35, 0.29, 0.52, 0.47, 0.21, 0.66, 0.73, 0.14, 0.38],
                                                  [0.41, 0.95, 0.83, 0.61, 0.77, 0.55, 0.99, 0.88, 0.69, 0.58, 0.92]))
        #expect(large.method == .normalApproximation && large.u == 11)
        #expect(Self.relClose(large.p, 0.0021899994345199467))
        let unbalanced = try #require(MannWhitneyUTest([0.5, 2.5, 7.5, 11.5], (1...15).map(Double.init)))
        #expect(unbalanced.method == .exact && unbalanced.u == 20)
        #expect(Self.relClose(unbalanced.p, 0.3570691434468524))
    }

    @Test("Hedges' g with exact J (formula evaluated with scipy.special.gamma)")
    func hedges() throws {
        let g = try #require(HedgesG.of(Self.a, Self.b))
        #expect(Self.relClose(g, -1.9389305647913984))
        // J(ν) ≈ 1 − 3/(4ν − 1) for large ν
        #expect(abs(HedgesG.correction(degreesOfFreedom: 200) - (1 - 3.0 / 799)) < 1e-6)
    }

    @Test("Benjamini–Hochberg by hand")
    func benjaminiHochberg() {
        // p = 0.01, 0.04, 0.03, 0.20 (m = 4): sorted 0.01, 0.03, 0.04, 0.20
        // raw (m/k)p: 0.04, 0.06, 0.05333.., 0.20 → cumulative min from the top: 0.04, 0.05333, 0.05333, 0.20
        let adjusted = BenjaminiHochberg.adjust([0.01, 0.04, nil, 0.03, 0.20])
        #expect(adjusted[2] == nil)
        #expect(Self.close(adjusted[0]!, 0.04, 1e-15))
        #expect(Self.close(adjusted[1]!, 0.04 * 4 / 3, 1e-15))
        #expect(Self.close(adjusted[3]!, 0.04 * 4 / 3, 1e-15))
        #expect(Self.close(adjusted[4]!, 0.20, 1e-15))
        #expect(BenjaminiHochberg.adjust([0.9, 0.95]).allSatisfy { $0! <= 1 })
    }

    @Test("summary = NumPy (type-7 quartiles) and scipy.stats.t.interval")
    func summary() throws {
        let s = SampleSummary([4.1, 5.3, 2.2, 8.7, 6.1, 5.5, 3.9, .nan])
        #expect(s.n == 7)
        #expect(Self.relClose(s.mean!, 5.114285714285714))
        #expect(Self.relClose(s.sd!, 2.0415913494368154))
        #expect(s.median == 5.3 && Self.close(s.q1!, 4.0) && Self.close(s.q3!, 5.8))
        #expect(s.min == 2.2 && s.max == 8.7)
        let t = try #require(s.tInterval)
        #expect(Self.relClose(t.lowerBound, 3.226128634956176) && Self.relClose(t.upperBound, 7.002442793615252))
        let boot = try #require(s.bootstrapInterval)
        #expect(boot.lowerBound > s.min! && boot.upperBound < s.max! && boot.contains(s.mean!))
        #expect(SampleSummary([4.1, 5.3, 2.2, 8.7, 6.1, 5.5, 3.9]).bootstrapInterval == boot)  // seeded
        let one = SampleSummary([3.0])
        #expect(one.n == 1 && one.sd == nil && one.tInterval == nil && one.median == 3)
        #expect(SampleSummary([Double]()).mean == nil)
    }

    /// The shared bootstrap draws (BootstrapPlan) must give exactly the interval of drawing anew per group:
    /// a direct reference (SplitMix64 draws, full sort, type-7 quantiles) for sample sizes with a plan (2…256)
    /// and without one (257), and for groups that share a plan concurrently.
    @Test("bootstrap interval: shared draws equal fresh draws, bit for bit")
    func bootstrapPlanMatchesFreshDraws() {
        func reference(_ values: [Double], resamples: Int, seed: UInt64) -> ClosedRange<Double> {
            var generator = SplitMix64(seed: seed)
            let sorted = values.sorted()
            var means: [Double] = []
            for _ in 0..<resamples {
                var sum = 0.0
                for _ in 0..<sorted.count { sum += sorted[generator.nextIndex(below: sorted.count)] }
                means.append(sum / Double(sorted.count))
            }
            means.sort()
            let alpha = (1 - 0.95) / 2  // as SampleSummary computes it (not the literal 0.025)
            return SampleSummary.quantile(sorted: means, alpha)...SampleSummary.quantile(sorted: means, 1 - alpha)
        }
        var generator = SplitMix64(seed: 7)
        for n in [2, 3, 4, 5, 17, 256, 257] {
            for resamples in [1, 2000] {
                let values = (0..<n).map { _ in Double(generator.nextIndex(below: 1_000_000)) / 997 }
                let summary = SampleSummary(values, resamples: resamples, seed: 99)
                #expect(summary.bootstrapInterval == reference(values, resamples: resamples, seed: 99), "n = \(n), B = \(resamples)")
            }
        }
        let groups = (0..<64).map { g in (0..<5).map { Double(($0 + 1) * (g + 3) % 41) } }
        let concurrent = groups.concurrentMap { SampleSummary($0).bootstrapInterval }
        for (group, interval) in zip(groups, concurrent) { #expect(interval == reference(group, resamples: 2000, seed: 20230807)) }
    }

    @Test("design check follows the paper: ≥ 5 spots, ≥ 3 samples")
    func design() {
        let warnings = DesignCheck().warnings(spotsPerSample: [("A", 5), ("B", 3)])
        #expect(warnings.count == 2)
        #expect(warnings.contains { $0.contains("sample B") })
        #expect(DesignCheck().warnings(spotsPerSample: [("A", 5), ("B", 6), ("C", 10)]).isEmpty)
    }
}
