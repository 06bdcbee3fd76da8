import Foundation
import Testing
@testable import SIMSAnalysis

@Suite("Counting noise of smoothed images (variance, automatic σ)")
struct CountingNoiseTests {
    @Test("counting variance: squared-kernel response, λ·Σg² on a constant image")
    func countingVariance() {
        let filter = GaussianFilter(sigma: 0.8, sigmaZ: 0.8, truncate: 3)
        let weights = (-2 ... 2).map { exp(-0.5 * Double($0 * $0) / 0.64) }
        let g = weights.map { $0 / weights.reduce(0, +) }
        let sumOfSquares = pow(g.reduce(0) { $0 + $1 * $1 }, 3)
        var impulse = ContiguousArray<Double>(repeating: 0, count: 9 * 9 * 9)
        impulse[(4 * 9 + 4) * 9 + 4] = 1
        let response = filter.countingVariance(of: impulse, width: 9, height: 9, depth: 9)
        #expect(abs(response.reduce(0, +) - sumOfSquares) < 1e-15)
        #expect(abs(response[(4 * 9 + 4) * 9 + 5] - pow(g[2], 4) * g[3] * g[3]) < 1e-15)
        let constant = filter.countingVariance(of: ContiguousArray(repeating: 7, count: 9 * 9 * 9), width: 9, height: 9, depth: 9)
        #expect(abs(constant[(4 * 9 + 4) * 9 + 4] - 7 * sumOfSquares) < 1e-12)
    }

    @Test("automatic σ: the kernel gathers K counts; 1/Σg² of the discrete kernel is (2√π σ)^d")
    func automaticSigma() {
        // The simulated volume's 4.7 counts per voxel at K = 70 → σ = (70/4.7)^{1/3}/(2√π) = 0.694057 px (the hand-tuned
        // 0.7); 8× the dose halves it.
        let preset = GaussianFilter.sigma(countsPerKernel: 70, meanCounts: 4.7, dimensions: 3)
        #expect(abs(preset - 0.694057) < 1e-6)
        #expect(abs(GaussianFilter.sigma(countsPerKernel: 70, meanCounts: 8 * 4.7, dimensions: 3) - preset / 2) < 1e-12)
        // The effective number of pixels averaged, from the filter itself (σ = 2 px, 2-D): within 1 % of 4πσ².
        let sigma = GaussianFilter.sigma(countsPerKernel: 4 * Double.pi * 4 * 3, meanCounts: 3, dimensions: 2)
        #expect(abs(sigma - 2) < 1e-12)
        var impulse = ContiguousArray<Double>(repeating: 0, count: 41 * 41)
        impulse[20 * 41 + 20] = 1
        let squares = GaussianFilter(sigma: sigma).countingVariance(of: impulse, width: 41, height: 41).reduce(0, +)
        #expect(abs(1 / squares - 4 * Double.pi * sigma * sigma) / (4 * Double.pi * sigma * sigma) < 0.01)
    }
}
