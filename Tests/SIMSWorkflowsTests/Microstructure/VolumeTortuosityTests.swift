import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

/// The simulator's composite cathode as a 3-D stack (the volume preset's sample, beam and dose) and its true phase
/// map in our label order.
///
/// The preset's 0.625 µm pixels are kept and the plane spacing is set to the same 0.625 µm, so the voxels are cubic
/// as the workflow assumes. The truth is built like ``SimulatedCathode``'s: each voxel takes the class (NCM; SE =
/// argyrodite + CEI; carbon; pore) with the largest sub-pixel area fraction of its plane's section, sampled 8 × 8 per
/// pixel (`VolumeDesign.subsamples = 8`; the images are simulated from the same fractions). The planes are sections
/// at one depth each (the simulator images a section, not a slab), so along z the truth is point-sampled like the
/// data. 4 × 4 samples moved τ(SE) of the truth by 1.2 % (x) and 2.4 % (z) against 8 × 8 on seed 11.
struct SimulatedCathodeVolume {
    let channels: ImageChannels
    let truth: PhaseLabels
    /// Sub-voxel volume fractions of the truth in our label order (mean over the planes of the sections' area fractions).
    let truthFractions: [Double]

    init(raster: Int = 48, planes: Int = 24, seed: UInt64, subsamples: Int = 8, scans: Int? = nil) throws {
        var design = VolumeDesign()
        let pixel = design.beam.areaMicrometers / Double(design.beam.raster)
        design.beam.raster = raster
        design.beam.areaMicrometers = pixel * Double(raster)
        design.planes = planes
        design.planeThicknessMicrometers = pixel
        design.subsamples = subsamples
        if let scans { design.beam.scans = scans }
        let simulated = try simulateVolume(design, seed: seed)
        channels = try ImageChannels(simulated.volume)
        let classes: [[Phase]] = [[.ncm811], [.argyrodite, .cei], [.carbon], [.pore]]
        var labels = ContiguousArray<UInt8>()
        labels.reserveCapacity(raster * raster * planes)
        var sums = [Double](repeating: 0, count: classes.count)
        for map in simulated.phaseMaps {
            for p in 0 ..< map.pixelCount {
                let fractions = classes.map { $0.map { map.fraction(of: $0, atPixel: p) }.reduce(0, +) }
                labels.append(UInt8(fractions.indices.max { fractions[$0] < fractions[$1] }!))
            }
            for c in classes.indices { sums[c] += classes[c].map { map.areaFraction(of: $0) }.reduce(0, +) / Double(planes) }
        }
        truth = try PhaseLabels(width: raster, height: raster, depth: planes, labels: labels,
                                phases: ["NCM", "SE", "carbon", "pore"], voxelSizeMicrometers: pixel)
        truthFractions = sums
    }

    /// Expects `found` (labels NCM, SE, carbon, pore) to match the truth: every fraction within 2 % absolute and τ(SE)
    /// along x, y and z within `tauBound` (relative; solved to 1e-6 on both maps).
    func expectMatch(_ found: PhaseLabels, tauBound: Double, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (phase, name) in ["NCM", "SE", "carbon", "pore"].enumerated() {
            #expect(abs(found.phaseFractions[phase] - truthFractions[phase]) < 0.02,
                    "\(name): \(found.phaseFractions[phase]) vs truth \(truthFractions[phase])", sourceLocation: sourceLocation)
        }
        for axis in [Axis.x, .y, .z] {
            let truthTau = try #require(try TortuosityFactor(axis: axis, tolerance: 1e-6).fit(truth, phase: "SE").tortuosityFactor, sourceLocation: sourceLocation)
            let foundTau = try #require(try TortuosityFactor(axis: axis, tolerance: 1e-6).fit(found, phase: "SE").tortuosityFactor, sourceLocation: sourceLocation)
            #expect(abs(foundTau - truthTau) / truthTau < tauBound, "τ(SE) along \(axis): \(foundTau) vs truth \(truthTau)", sourceLocation: sourceLocation)
        }
    }
}

@Suite("3-D volume: fractions and tortuosity on the simulated cathode stack")
struct VolumeTortuosityTests {
    @Test("volume preset stack (48² × 24 planes, 0.625 µm cubic voxels, seed 7): fractions within 2 % absolute, τ(SE) along x, y, z vs the true map")
    func simulatedVolume() throws {
        let volume = try SimulatedCathodeVolume(seed: 7)
        // The 2-D test's rules and settings (σ 0.7, islands < 2 voxels, background σ 8) with the CEI named by its own
        // markers and then counted with the SE as the truth counts it. The workflow smooths a stack in 3-D (σ along z
        // as in-plane); smoothing plane by plane instead gave τ(SE) along z 24–33 % too high (docs/microstructure.md).
        var settings = MicrostructureSettings()
        settings.phases = try (SimulatedCathode.rules + ["CEI=SO_3-,PO_3-"]).map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        settings.tortuosityPhases = []
        settings.smoothingSigma = 0.7
        settings.minimumIslandVoxels = 2
        let named = try MicrostructureWorkflow(settings: settings).analyze(volume.channels, name: "cathode_3d").metrics.labels
        #expect(named.depth == 24)
        let found = try PhaseLabels(
            width: named.width, height: named.height, depth: named.depth, labels: ContiguousArray(named.labels.map { $0 == 4 ? 1 : $0 }),
            phases: ["NCM", "SE", "carbon", "pore"], voxelSizeMicrometers: named.voxelSizeMicrometers)
        // τ(SE) measured on this stack: 2.879 vs 2.713 (x, +6.1 %), 2.696 vs 2.576 (y, +4.6 %), 2.412 vs 2.310 (z, +4.4 %);
        // 12 of 15 seed × axis cases within 5 % — a cancellation of two biases that does not survive a higher dose
        // (0 of 15 at 40 scans; docs/microstructure.md). The 5 % criterion is tested on the unmixing, whose errors
        // fall with the dose (VolumeUnmixingTests); this 8 % bound guards the threshold method against regressions.
        try volume.expectMatch(found, tauBound: 0.08)
    }
}

@Suite("3-D volume: unmixing converges to the true map")
struct VolumeUnmixingTests {
    @Test("unmixing, CEI as an interphase of the SE, 40 scans, automatic σ (48² × 24, seed 7): fractions within 2 %, τ(SE) within 5 % along x, y, z")
    func unmixedVolume() throws {
        // The volume preset's sample and beam at 8× its dose (40 scans, ≈ 38 counts per voxel in the total), smoothed
        // with the automatic σ (70 counts of the total per kernel: ≈ 0.35 px, half the 0.69 px at 5 scans). At the
        // preset dose the unmixing gets the fractions within 1.1 % but τ(SE) only to −0.4 … +13.6 % (counting noise
        // closes SE necks); the error falls with the dose (docs/microstructure.md, "Unmixing").
        let volume = try SimulatedCathodeVolume(seed: 7, scans: 40)
        var settings = MicrostructureSettings()
        settings.method = .unmix
        settings.phases = try (SimulatedCathode.rules + ["SE=SO_3-,PO_3-"]).map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        settings.tortuosityPhases = []
        settings.smoothingSigma = nil
        settings.minimumIslandVoxels = 2
        let analysis = try MicrostructureWorkflow(settings: settings).analyze(volume.channels, name: "cathode_3d")
        let sigma = try #require(analysis.segmentation.thresholds["smoothing sigma (px, automatic)"])
        #expect(sigma > 0.33 && sigma < 0.37, "automatic σ \(sigma)")
        let found = analysis.metrics.labels
        #expect(found.phases == ["NCM", "SE", "carbon", "pore"])
        // τ(SE) measured: 2.82 vs 2.71 (x, +3.9 %), 2.65 vs 2.58 (y, +3.0 %), 2.37 vs 2.31 (z, +2.5 %).
        try volume.expectMatch(found, tauBound: 0.05)
    }
}
