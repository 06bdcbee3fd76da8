import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

@Suite("k-means / Gaussian-mixture segmentation")
struct MultichannelSegmentationTests {
    /// The workflow's settings of `MicrostructureWorkflowTests` (σ 0.7, islands < 2 px, background σ 8 px) with a method.
    static func settings(_ method: MicrostructureSettings.Method, rules: [String] = SimulatedCathode.rules) throws -> MicrostructureSettings {
        var settings = MicrostructureSettings()
        settings.phases = try rules.map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        settings.method = method
        settings.tortuosityPhases = []
        settings.smoothingSigma = 0.7
        settings.minimumIslandVoxels = 2
        return settings
    }

    /// Labels with a named CEI (label 4) merged into SE (label 1), as the reference map counts it.
    static func mergingCEI(_ labels: PhaseLabels) throws -> PhaseLabels {
        guard labels.phases.count == 5 else { return labels }
        return try PhaseLabels(
            width: labels.width, height: labels.height, labels: ContiguousArray(labels.labels.map { $0 == 4 ? 1 : $0 }),
            phases: ["NCM", "SE", "carbon", "pore"], voxelSizeMicrometers: labels.voxelSizeMicrometers)
    }

    @Test("two phases and pores under a 4× yield gradient: clusters follow phases, not topography", arguments: [MultichannelSegmentation.Algorithm.kmeans, .gaussianMixture])
    func topographyIsIgnored(algorithm: MultichannelSegmentation.Algorithm) throws {
        // 48 × 48 px: phase A (ion a, total yield 40) left of x = 24, phase B (ion b, total yield 100) right of it,
        // two 6 × 6 pores (10 % of the solid signal), and a yield field falling from 1 to 0.25 along y. No noise:
        // the exact labels are known. Features from totals alone would call the dark rows pores.
        let size = 48
        var a = ContiguousArray<Double>(repeating: 0, count: size * size), b = a, other = a
        var truth = ContiguousArray<UInt8>(repeating: 0, count: size * size)
        for y in 0 ..< size {
            for x in 0 ..< size {
                let i = y * size + x
                let yield = 1 - 0.75 * Double(y) / Double(size - 1)
                let pore = (10 ..< 16).contains(x) && (30 ..< 36).contains(y) || (34 ..< 40).contains(x) && (40 ..< 46).contains(y)
                let scale = yield * (pore ? 0.1 : 1)
                if x < 24 { a[i] = 30 * scale; other[i] = 10 * scale } else { b[i] = 60 * scale; other[i] = 40 * scale }
                truth[i] = pore ? 2 : (x < 24 ? 0 : 1)
            }
        }
        let channels = try ImageChannels(width: size, height: size, ions: ["a", "b", "o"], counts: [a, b, other])
        let rules = try ["A=a", "B=b", "pore=low-total"].map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        let labels = try MultichannelSegmentation(rules: rules, algorithm: algorithm, smoothing: GaussianFilter(sigma: 0.7)).fit(channels).labels
        let wrong = zip(labels.labels, truth).filter { $0 != $1 }.count
        // Only pixels at the blurred edges of the pores and of the A|B boundary may differ (≤ 2 % of 2304).
        #expect(wrong <= 46, "\(wrong) of \(size * size) pixels mislabelled; fractions \(labels.phaseFractions)")
        #expect(abs(labels.phaseFractions[2] - 72.0 / 2304) < 0.01, "pores \(labels.phaseFractions[2])")
    }

    @Test("simulated cathode (128², 50 µm, seed 11): k-means fractions within 2.5 % absolute")
    func simulatedCathodeKMeans() throws {
        // Measured: 27.0 / 27.3 % NCM, 61.0 / 60.1 % SE, 7.2 / 6.0 % carbon, 4.7 / 6.7 % pores (worst −1.9 %). At 64²
        // over 25 µm the same method is 8.5 % off (SE): too few carbon and pore pixels for their own clusters.
        let cathode = try SimulatedCathode(seed: 11, activeMaterial: 0.35, subsamples: 4)
        let found = try MicrostructureWorkflow(settings: Self.settings(.kmeans)).analyze(cathode.channels, name: "c").segmentation.labels.phaseFractions
        for (phase, name) in ["NCM", "SE", "carbon", "pore"].enumerated() {
            #expect(abs(found[phase] - cathode.truthFractions[phase]) < 0.025, "\(name): \(found[phase]) vs truth \(cathode.truthFractions[phase])")
        }
    }

    @Test("simulated cathode (128², 50 µm, seed 11): Gaussian-mixture solids within 2.5 % absolute, pores under-counted",
          .enabled(if: ProcessInfo.processInfo.environment["SIMSKIT_SLOW_TESTS"] != nil))
    func simulatedCathodeGaussianMixture() throws {
        // Slow in debug (≈ 2 min). Measured: 29.2 / 27.3 % NCM, 61.1 / 60.1 % SE, 7.1 / 6.0 % carbon, 2.6 / 6.7 % pores.
        let cathode = try SimulatedCathode(seed: 11, activeMaterial: 0.35, subsamples: 4)
        let found = try MicrostructureWorkflow(settings: Self.settings(.gmm)).analyze(cathode.channels, name: "c").segmentation.labels.phaseFractions
        for (phase, name) in ["NCM", "SE", "carbon"].enumerated() {
            #expect(abs(found[phase] - cathode.truthFractions[phase]) < 0.025, "\(name): \(found[phase]) vs truth \(cathode.truthFractions[phase])")
        }
        #expect(found[3] > 0.01, "pores \(found[3]): the pore cluster vanished")
        withKnownIssue("the mixture's pore components take only the darkest pores (docs/microstructure.md)") {
            #expect(abs(found[3] - cathode.truthFractions[3]) < 0.02, "pores \(found[3]) vs truth \(cathode.truthFractions[3])")
        }
    }

    @Test("measurement on five simulated cathodes (prints the docs/microstructure.md table)",
          .enabled(if: ProcessInfo.processInfo.environment["SIMSKIT_SLOW_TESTS"] != nil),
          arguments: [11, 3, 7, 21, 42] as [UInt64])
    func measurement(seed: UInt64) throws {
        let cathode = try SimulatedCathode(seed: seed, activeMaterial: 0.35)
        let pct = { (x: Double) in String(format: "%.1f", 100 * x) }
        let truthTau = try [Axis.x, .y].map { axis in
            try TortuosityFactor(axis: axis, tolerance: 1e-6).fit(cathode.truth, phase: "SE").tortuosityFactor
        }
        for withCEI in [false] {
            for method in [MicrostructureSettings.Method.kmeans, .threshold, .gmm] {
                let rules = SimulatedCathode.rules + (withCEI ? ["CEI=SO_3-,PO_3-"] : [])
                let labels = try Self.mergingCEI(
                    MicrostructureWorkflow(settings: Self.settings(method, rules: rules)).analyze(cathode.channels, name: "c").segmentation.labels)
                var row = "| \(seed) | \(method.rawValue)\(withCEI ? " + CEI" : "") |"
                for phase in 0 ..< 4 { row += " \(pct(labels.phaseFractions[phase])) / \(pct(cathode.truthFractions[phase])) |" }
                var worst = 0.0
                for phase in 0 ..< 4 { worst = max(worst, abs(labels.phaseFractions[phase] - cathode.truthFractions[phase])) }
                for (axis, truth) in zip([Axis.x, .y], truthTau) {
                    let found = try TortuosityFactor(axis: axis, tolerance: 1e-6).fit(labels, phase: "SE").tortuosityFactor
                    if let found, let truth {
                        row += String(format: " %.2f / %.2f (%+.1f %%) |", found, truth, 100 * (found - truth) / truth)
                    } else {
                        row += " \(found.map { String(format: "%.2f", $0) } ?? "∞") / \(truth.map { String(format: "%.2f", $0) } ?? "∞") |"
                    }
                }
                FileHandle.standardError.write(Data((row + " worst \(pct(worst))\n").utf8))
            }
        }
    }
}
