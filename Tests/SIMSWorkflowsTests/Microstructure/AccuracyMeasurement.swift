import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

/// Re-measures the accuracy tables of docs/microstructure.md (phase fractions and τ(SE) against the true phase map
/// on the simulated cathode, several seeds). Not part of the normal run — it takes minutes — and skipped unless asked
/// for; it prints one line per seed and asserts nothing beyond the solves succeeding:
///
///     SIMS_MEASURE_SEEDS=11,3,7,21,42 [SIMS_MEASURE_SCANS=5] [SIMS_MEASURE_SIGMA=0.7] [SIMS_MEASURE_CEI=] [SIMS_MEASURE_METHOD=unmix] \
///         swift test --filter AccuracyMeasurement/volume          # 3-D stacks
///     SIMS_MEASURE_SEEDS=11,3,7,21,42 swift test --filter AccuracyMeasurement/sections   # 2-D sections
///     SIMS_MEASURE_SEEDS=11,3,7,21,42 [SIMS_MEASURE_SCANS=20] [SIMS_MEASURE_RASTER=64] SIMS_MEASURE_EXPORT=DIR \
///         swift test --filter AccuracyMeasurement/export          # stacks for Tests/Reference/microstructure/
@Suite("Microstructure accuracy measurement (docs tables; set SIMS_MEASURE_SEEDS)",
       .enabled(if: ProcessInfo.processInfo.environment["SIMS_MEASURE_SEEDS"] != nil))
struct AccuracyMeasurement {
    let environment = ProcessInfo.processInfo.environment
    var seeds: [UInt64] { (environment["SIMS_MEASURE_SEEDS"] ?? "").split(separator: ",").compactMap { UInt64($0) } }
    var scans: Int? { environment["SIMS_MEASURE_SCANS"].flatMap { Int($0) } }

    /// The tests' settings (σ 0.7 unless SIMS_MEASURE_SIGMA, islands < 2, background σ 8) with the CEI named
    /// (`SIMS_MEASURE_CEI=` empty: not named); `SIMS_MEASURE_METHOD=unmix`: ``PhaseUnmixing`` with the CEI as an
    /// interphase component of the SE (`SE=SO_3-,PO_3-`).
    func settings() throws -> MicrostructureSettings {
        var settings = MicrostructureSettings()
        settings.method = environment["SIMS_MEASURE_METHOD"].flatMap { MicrostructureSettings.Method(rawValue: $0) } ?? .threshold
        let cei = environment["SIMS_MEASURE_CEI"] ?? (settings.method == .unmix ? "SE=SO_3-,PO_3-" : "CEI=SO_3-,PO_3-")
        settings.phases = try (SimulatedCathode.rules + (cei.isEmpty ? [] : [cei])).map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        settings.tortuosityPhases = []
        settings.smoothingSigma = environment["SIMS_MEASURE_SIGMA"] == "auto" ? nil : environment["SIMS_MEASURE_SIGMA"].flatMap { Double($0) } ?? 0.7
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

extension AccuracyMeasurement {
    /// Writes each seed's stack for the NumPy prototype `Tests/Reference/microstructure/unmixing_prototype.py`:
    /// `<dir>/seed<N>_counts.f64` (every ion image, then the total; Float64, voxel order of ``PhaseLabels``),
    /// `<dir>/seed<N>_truth.u8` (reference labels: NCM, SE + CEI, carbon, pore) and `<dir>/seed<N>.json` (ions, shape,
    /// true volume fractions). `SIMS_MEASURE_RASTER` sets the raster (default 48; the volume preset's is 64).
    @Test("export 3-D stacks (SIMS_MEASURE_EXPORT=dir)", .enabled(if: ProcessInfo.processInfo.environment["SIMS_MEASURE_EXPORT"] != nil))
    func export() throws {
        let dir = URL(fileURLWithPath: environment["SIMS_MEASURE_EXPORT"]!)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for seed in seeds {
            let volume = try SimulatedCathodeVolume(raster: Int(environment["SIMS_MEASURE_RASTER"] ?? "48") ?? 48, seed: seed, scans: scans)
            var bytes = Data()
            for channel in volume.channels.counts + [volume.channels.total] { channel.withUnsafeBufferPointer { bytes.append(Data(buffer: $0)) } }
            try bytes.write(to: dir.appendingPathComponent("seed\(seed)_counts.f64"))
            try Data(volume.truth.labels).write(to: dir.appendingPathComponent("seed\(seed)_truth.u8"))
            let meta = "{\"ions\": [\((volume.channels.ions + ["total"]).map { "\"\($0)\"" }.joined(separator: ","))], \"width\": \(volume.channels.width), \"height\": \(volume.channels.height), \"depth\": \(volume.channels.depth), \"fractions\": \(volume.truthFractions)}"
            try meta.write(to: dir.appendingPathComponent("seed\(seed).json"), atomically: true, encoding: .utf8)
        }
    }
}
