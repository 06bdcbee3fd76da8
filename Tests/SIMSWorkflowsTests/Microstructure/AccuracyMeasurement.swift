import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

/// Re-measures the accuracy tables of docs/microstructure.md (phase fractions and τ(SE) against the true phase map
/// on the simulated cathode, several seeds). Not part of the normal run — it takes minutes — and skipped unless asked
/// for; it prints one line per seed and asserts nothing beyond the solves succeeding:
///
///     SIMS_MEASURE_SEEDS=11,3,7,21,42 [SIMS_MEASURE_SCANS=5] [SIMS_MEASURE_SIGMA=0.7] [SIMS_MEASURE_CEI=] \
///         swift test --filter AccuracyMeasurement/volume          # 3-D stacks
///     SIMS_MEASURE_SEEDS=11,3,7,21,42 swift test --filter AccuracyMeasurement/sections   # 2-D sections
@Suite("Microstructure accuracy measurement (docs tables; set SIMS_MEASURE_SEEDS)",
       .enabled(if: ProcessInfo.processInfo.environment["SIMS_MEASURE_SEEDS"] != nil))
struct AccuracyMeasurement {
    let environment = ProcessInfo.processInfo.environment
    var seeds: [UInt64] { (environment["SIMS_MEASURE_SEEDS"] ?? "").split(separator: ",").compactMap { UInt64($0) } }
    var scans: Int? { environment["SIMS_MEASURE_SCANS"].flatMap { Int($0) } }

    /// The tests' settings (σ 0.7 unless SIMS_MEASURE_SIGMA, islands < 2, background σ 8) with the CEI named
    /// (`SIMS_MEASURE_CEI=` empty: not named).
    func settings() throws -> MicrostructureSettings {
        var settings = MicrostructureSettings()
        let cei = environment["SIMS_MEASURE_CEI"] ?? "CEI=SO_3-,PO_3-"
        settings.phases = try (SimulatedCathode.rules + (cei.isEmpty ? [] : [cei])).map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        settings.tortuosityPhases = []
        settings.smoothingSigma = environment["SIMS_MEASURE_SIGMA"].flatMap { Double($0) } ?? 0.7
        settings.minimumIslandVoxels = 2
        return settings
    }

    /// One table row: found / true fractions (%, NCM, SE + CEI, carbon, pore) and τ(SE) found / true per axis.
    func row(seed: UInt64, named: PhaseLabels, truth: PhaseLabels, truthFractions: [Double], axes: [Axis]) throws -> String {
        let found = try PhaseLabels(
            width: named.width, height: named.height, depth: named.depth, labels: ContiguousArray(named.labels.map { $0 == 4 ? 1 : $0 }),
            phases: ["NCM", "SE", "carbon", "pore"], voxelSizeMicrometers: named.voxelSizeMicrometers)
        var line = "seed \(seed):"
        for p in 0 ..< 4 { line += String(format: " %.1f / %.1f", 100 * found.phaseFractions[p], 100 * truthFractions[p]) }
        for axis in axes {
            let t = try TortuosityFactor(axis: axis, tolerance: 1e-6).fit(truth, phase: "SE").tortuosityFactor ?? .infinity
            let f = try TortuosityFactor(axis: axis, tolerance: 1e-6).fit(found, phase: "SE").tortuosityFactor ?? .infinity
            line += String(format: " | τ %@ %.2f / %.2f (%+.1f %%)", axis.rawValue, f, t, 100 * (f - t) / t)
        }
        return line
    }

    @Test("3-D stacks (48² × 24, volume preset)")
    func volume() throws {
        for seed in seeds {
            let volume = try SimulatedCathodeVolume(seed: seed, scans: scans)
            let named = try MicrostructureWorkflow(settings: settings()).analyze(volume.channels, name: "cathode_3d").metrics.labels
            print("3-D", try row(seed: seed, named: named, truth: volume.truth, truthFractions: volume.truthFractions, axes: [.x, .y, .z]))
        }
    }

    @Test("2-D sections (128², 50 µm, 35 % NCM)")
    func sections() throws {
        for seed in seeds {
            let cathode = try SimulatedCathode(seed: seed, activeMaterial: 0.35, scans: scans ?? 10)
            let named = try MicrostructureWorkflow(settings: settings()).analyze(cathode.channels, name: "cathode").metrics.labels
            print("2-D", try row(seed: seed, named: named, truth: cathode.truth, truthFractions: cathode.truthFractions, axes: [.x, .y]))
        }
    }
}
