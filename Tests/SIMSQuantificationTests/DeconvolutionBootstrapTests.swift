import Foundation
import Testing
@testable import SIMSQuantification

/// The parametric Poisson bootstrap of ``IsotopeDeconvolution`` on a problem small enough to enumerate: two species
/// on three rows, A = [[1, 0], [½, ½], [0, 1]], y = (30, 12, 0), uniform weights. The unconstrained solution has
/// x₂ = −1, so the certified optimum is x = (28.8, 0): species 2 is at zero and has no Fisher standard error.
@Suite("Deconvolution: parametric Poisson bootstrap for the active set")
struct DeconvolutionBootstrapTests {
    static let design: [[Double]] = [[1, 0], [0.5, 0.5], [0, 1]]

    static func problem(_ y: [Double]) throws -> DeconvolutionProblem {
        var matrix = Matrix(rows: 3, columns: 2)
        for i in 0..<3 { for j in 0..<2 { matrix[i, j] = design[i][j] } }
        return DeconvolutionProblem(species: try ["Ru_2-", "Pd_2-"].map { try Ion(parsing: $0) }, design: matrix, observations: y,
                                    mass: [200, 210, 220], coverage: [1, 1])
    }

    /// NNLS of the 2-column problem in closed form: the unconstrained solution of the normal equations
    /// G x = c, G = [[5/4, 1/4], [1/4, 5/4]], c = Aᵀy; a negative component is set to 0 and the other refitted alone
    /// (x₁ = c₁/(5/4), or x₂ = c₂/(5/4)), which is the KKT point for two columns with a positive Gram matrix.
    static func nnls(_ y: [Double]) -> (Double, Double) {
        let c1 = y[0] + 0.5 * y[1], c2 = 0.5 * y[1] + y[2]
        let x1 = (1.25 * c1 - 0.25 * c2) / 1.5, x2 = (1.25 * c2 - 0.25 * c1) / 1.5
        if x1 >= 0 && x2 >= 0 { return (x1, x2) }
        if x2 < 0 { return (max(0, c1 / 1.25), 0) }
        return (0, max(0, c2 / 1.25))
    }

    /// The exact bootstrap distribution (B → ∞): every (y₁*, y₂*) with Poisson probabilities of μ̂ = A x̂ = (28.8, 14.4, 0)
    /// (y₃* = 0 always), the closed-form NNLS of each; returns the values of x_j* with their probabilities.
    static func exactDistribution(_ j: Int) -> [(value: Double, probability: Double)] {
        func poisson(_ k: Int, _ mean: Double) -> Double { exp(Double(k) * log(mean) - mean - lgamma(Double(k) + 1)) }
        var mass: [Double: Double] = [:]
        for y1 in 0...90 { for y2 in 0...60 {
            let x = nnls([Double(y1), Double(y2), 0])
            mass[j == 0 ? x.0 : x.1, default: 0] += poisson(y1, 28.8) * poisson(y2, 14.4)
        } }
        return mass.map { ($0.key, $0.value) }.sorted { $0.value < $1.value }
    }

    @Test("the optimum puts species 2 at zero (hand values)")
    func optimum() throws {
        let fit = try IsotopeDeconvolution(species: [], weighting: .uniform).fit(Self.problem([30, 12, 0]))
        #expect(abs(fit.species[0].amount - 28.8) < 1e-12 && fit.species[1].amount == 0)
        #expect(fit.species[1].status == .zero && fit.species[1].standardError == nil)
        #expect(fit.species[0].bootstrapStandardError == nil && fit.bootstrapResamples == 0)
    }

    @Test("bootstrap SE and 95 % upper bound match the exactly enumerated bootstrap distribution; deterministic per seed")
    func againstEnumeration() throws {
        var deconvolution = IsotopeDeconvolution(species: [], weighting: .uniform)
        deconvolution.bootstrapResamples = 4000
        let fit = try deconvolution.fit(Self.problem([30, 12, 0]))
        #expect(fit.bootstrapResamples == 4000)
        for j in 0..<2 {
            let exact = Self.exactDistribution(j)
            let total = exact.reduce(0) { $0 + $1.probability }
            #expect(abs(total - 1) < 1e-9)
            let mean = exact.reduce(0) { $0 + $1.value * $1.probability }
            let sd = exact.reduce(0) { $0 + ($1.value - mean) * ($1.value - mean) * $1.probability }.squareRoot()
            let species = fit.species[j]
            let se = try #require(species.bootstrapStandardError)
            // Monte-Carlo error of an SD from 4000 replicates: ≈ 1.5 % here; 5 % is over 3 of them.
            #expect(abs(se / sd - 1) < 0.05, "species \(j): bootstrap SE \(se), exact \(sd)")
            // The 95th percentile of 4000 replicates must sit where the exact CDF crosses 0.95, within its Monte-Carlo
            // error (√(0.95·0.05/4000) ≈ 0.0034; 0.015 is over 4 of them): P(x* < u) ≤ 0.965 and P(x* ≤ u) ≥ 0.935.
            let upper = try #require(species.bootstrapUpperBound)
            let below = exact.filter { $0.value < upper - 1e-9 }.reduce(0) { $0 + $1.probability }
            let atMost = exact.filter { $0.value <= upper + 1e-9 }.reduce(0) { $0 + $1.probability }
            #expect(below <= 0.965 && atMost >= 0.935, "species \(j): bootstrap upper bound \(upper), exact CDF \(below)…\(atMost)")
        }
        // The zero species: its exact SD is far from 0 (the constraint does not make it certain).
        #expect((fit.species[1].bootstrapStandardError ?? 0) > 0.5)

        let again = try deconvolution.fit(Self.problem([30, 12, 0]))
        #expect(again.species.map(\.bootstrapStandardError) == fit.species.map(\.bootstrapStandardError))
        #expect(again.species.map(\.bootstrapUpperBound) == fit.species.map(\.bootstrapUpperBound))
        deconvolution.bootstrapSeed += 1
        let other = try deconvolution.fit(Self.problem([30, 12, 0]))
        #expect(other.species[1].bootstrapStandardError != fit.species[1].bootstrapStandardError)
    }
}
