import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

/// The simulator's composite cathode (negative ions) and its true phase map in our label order.
///
/// The truth is the phase map at the raster's resolution in the segmentation's own classes: each pixel takes the
/// class (NCM; SE = argyrodite + CEI; carbon; pore) with the largest sub-pixel area fraction, sampled 8 × 8 per
/// pixel (τ(SE) of this map moves < 1 % from 8 × 8 to 16 × 16 samples; 4 × 4 still moves it by up to 12 %). The
/// simulator's own label — the dominant of its five raw phases from 2 × 2 samples, with the 0.3 µm CEI split from
/// the argyrodite — gave τ(SE) from −2 to +61 % off this map (5 seeds, x and y): plurality over split classes turns
/// pixels that are 60 % SE + CEI into NCM.
struct SimulatedCathode {
    let channels: ImageChannels
    let set: ImageSet
    let truth: PhaseLabels
    /// Sub-pixel area fractions of the truth in our label order (NCM, SE incl. CEI, carbon, pore).
    let truthFractions: [Double]

    static let rules = ["NCM=NiO_2-,O-", "SE=S-,Cl-,PS_2-", "carbon=C_2-", "pore=low-total"]

    init(raster: Int = 128, fieldOfView: Double = 50, seed: UInt64 = 11, activeMaterial: Double = 0.5, subsamples: Int = 8, scans: Int = 10) throws {
        var design = ImagingDesign()
        design.polarities = [.negative]
        design.beam.raster = raster
        design.cathode.fieldOfViewMicrometers = fieldOfView
        design.cathode.activeMaterialFraction = activeMaterial
        design.subsamples = subsamples
        design.beam.scans = scans
        design.measurement = "cathode"
        let simulated = try simulateImaging(design, seed: seed)
        set = try #require(simulated.results[.negative]).images
        channels = try ImageChannels(set)
        let map = simulated.phaseMap
        let classes: [[Phase]] = [[.ncm811], [.argyrodite, .cei], [.carbon], [.pore]]
        var labels = ContiguousArray<UInt8>(repeating: 0, count: map.pixelCount)
        for p in 0 ..< map.pixelCount {
            let fractions = classes.map { $0.map { map.fraction(of: $0, atPixel: p) }.reduce(0, +) }
            labels[p] = UInt8(fractions.indices.max { fractions[$0] < fractions[$1] }!)
        }
        truth = try PhaseLabels(width: map.width, height: map.height, labels: labels, phases: ["NCM", "SE", "carbon", "pore"],
                                voxelSizeMicrometers: map.pixelSizeMicrometers)
        truthFractions = classes.map { $0.map { map.areaFraction(of: $0) }.reduce(0, +) }
    }
}

@Suite("sims microstructure workflow")
struct MicrostructureWorkflowTests {
    func settings() throws -> MicrostructureSettings {
        var settings = MicrostructureSettings()
        settings.phases = try SimulatedCathode.rules.map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        settings.tortuosityPhases = ["SE"]
        settings.smoothingSigma = 0.7
        settings.minimumIslandVoxels = 2
        return settings
    }

    @Test("simulated composite cathode (simulator preset, 128², 50 µm): fractions within 2 % absolute, τ(SE) vs the true map")
    func simulatedCathode() throws {
        let cathode = try SimulatedCathode(activeMaterial: 0.35)
        // Four phases, the CEI left unnamed: its pixels go to the named phase whose markers they share (O- → NCM),
        // so NCM is over-counted by 1.5–2 % absolute (docs/microstructure.md).
        var settings = try settings()
        settings.tortuosityPhases = []
        let found = try MicrostructureWorkflow(settings: settings).analyze(cathode.channels, name: "cathode").metrics.fractions
        for (phase, name) in ["NCM", "SE", "carbon", "pore"].enumerated() {
            #expect(abs(found[phase] - cathode.truthFractions[phase]) < 0.02, "\(name): \(found[phase]) vs truth \(cathode.truthFractions[phase])")
        }
        // The CEI named by its own markers (SO_3-, PO_3-), then counted with the SE as the truth counts it.
        settings.phases.append(try PhaseRule(parsing: "CEI=SO_3-,PO_3-"))
        let named = try PhaseSegmentation(
            rules: settings.phases, smoothing: GaussianFilter(sigma: settings.smoothingSigma ?? 1),
            minimumIslandVoxels: settings.minimumIslandVoxels, backgroundSmoothing: GaussianFilter(sigma: settings.backgroundSigma)
        ).fit(cathode.channels).labels
        let merged = try PhaseLabels(
            width: named.width, height: named.height, labels: ContiguousArray(named.labels.map { $0 == 4 ? 1 : $0 }),
            phases: ["NCM", "SE", "carbon", "pore"], voxelSizeMicrometers: named.voxelSizeMicrometers)
        for (phase, name) in ["NCM", "SE", "carbon", "pore"].enumerated() {
            #expect(abs(merged.phaseFractions[phase] - cathode.truthFractions[phase]) < 0.02,
                    "\(name) (CEI named): \(merged.phaseFractions[phase]) vs truth \(cathode.truthFractions[phase])")
        }
        #expect(merged.phaseFractions[0] - cathode.truthFractions[0] < found[0] - cathode.truthFractions[0])
        for axis in [Axis.x, .y] {
            let truthTau = try #require(try TortuosityFactor(axis: axis, tolerance: 1e-6).fit(cathode.truth, phase: "SE").tortuosityFactor)
            let foundTau = try #require(try TortuosityFactor(axis: axis, tolerance: 1e-6).fit(merged, phase: "SE").tortuosityFactor)
            // Measured on this sample: 3.09 vs 3.35 (x, −7.6 %), 2.61 vs 2.53 (y, +3.0 %); other seeds up to 22 %
            // (docs/microstructure.md). The 10 % bound guards against regressions; the 5 % target stays visible.
            #expect(abs(foundTau - truthTau) / truthTau < 0.10, "τ(SE) along \(axis): \(foundTau) vs truth \(truthTau)")
            withKnownIssue("τ within 5 % of the true map is not reached on 2-D sections by any method or dose measured (met on 3-D stacks: VolumeUnmixingTests)", isIntermittent: true) {
                #expect(abs(foundTau - truthTau) / truthTau < 0.05, "τ(SE) along \(axis): \(foundTau) vs truth \(truthTau)")
            }
        }
    }
}

extension SimulatedCathode {
    /// Writes the images as IONTOF ASCII exports of a measurement named `spotA` into `folder`.
    func writeSpotA(to folder: String) throws {
        var set = self.set
        set.measurement = "spotA"
        _ = try set.writeIONTOFASCII(to: folder)
    }
}

extension MicrostructureWorkflowTests {
    @Test("run: IONTOF ASCII exports on disk → CSV, particles, TIFF and PNG labels; corrupt set recorded, others go on")
    func runOnFiles() throws {
        let folder = try TemporaryFolder()
        try SimulatedCathode(raster: 48, seed: 3).writeSpotA(to: folder.file("in"))
        try folder.write("# not an image\nfoo bar\n", to: "in/spotB (2) - total.txt")
        try folder.write("# not an image\nfoo bar\n", to: "in/spotB (2) - O-.txt")
        var settings = try settings()
        settings.pixelSizeMicrometers = 50.0 / 48
        let result = try MicrostructureWorkflow(settings: settings).run(inputs: [folder.file("in")], output: OutputFolder(folder.file("out")))
        #expect(result.analyses.count == 1)
        #expect(result.record.outcome == .completedWithErrors)
        let csv = try String(contentsOfFile: folder.file("out/results/microstructure.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("measurement,quantity,phase,other_phase,axis,value,unit,note\n"))
        for quantity in ["volume_fraction", "specific_interface_area", "components", "percolating_fraction", "tortuosity_factor", "equivalent_diameter_d50"] {
            #expect(csv.contains("spotA,\(quantity),"), "\(quantity) missing")
        }
        // Fractions in the CSV sum to 1.
        let fractions = csv.split(separator: "\n").filter { $0.hasPrefix("spotA,volume_fraction,") }
            .compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[5]) }
        #expect(fractions.count == 4 && abs(fractions.reduce(0, +) - 1) < 1e-9)
        let tiff = try TIFF.read(folder.file("out/images/labels_spotA.tiff"))
        #expect(tiff.width == 48 && tiff.height == 48)
        #expect(tiff.values.map { UInt8($0) } == Array(result.analyses[0].metrics.labels.labels))
        #expect(FileManager.default.fileExists(atPath: folder.file("out/plots/labels_spotA.png")))
        #expect(FileManager.default.fileExists(atPath: folder.file("out/results/particles.csv")))
    }

    @Test("unmixing end to end: CEI as an interphase of the SE, automatic σ; provenance records σ and the calibrated level")
    func unmixingRun() throws {
        let folder = try TemporaryFolder()
        // 128² over 50 µm (0.39 µm pixels; at 48², 1 µm pixels, both methods miss the pores by 6–7 % absolute).
        let cathode = try SimulatedCathode(raster: 128, seed: 3)
        try cathode.writeSpotA(to: folder.file("in"))
        var settings = try settings()
        settings.method = .unmix
        settings.smoothingSigma = nil
        settings.phases.append(try PhaseRule(parsing: "SE=SO_3-,PO_3-"))
        settings.pixelSizeMicrometers = 50.0 / 128
        let result = try MicrostructureWorkflow(settings: settings).run(inputs: [folder.file("in")], output: OutputFolder(folder.file("out")))
        #expect(result.record.outcome == .success)
        // Measured: NCM 51.1 / 51.5 %, SE + CEI 35.9 / 36.0 %, carbon 7.5 / 5.7 %, pores 5.6 / 6.8 %.
        let labels = try #require(result.analyses.first).metrics.labels
        #expect(labels.phases == ["NCM", "SE", "carbon", "pore"])
        for (phase, name) in labels.phases.enumerated() {
            #expect(abs(labels.phaseFractions[phase] - cathode.truthFractions[phase]) < 0.02, "\(name): \(labels.phaseFractions[phase]) vs \(cathode.truthFractions[phase])")
        }
        let recorded = Dictionary(result.record.settings.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        let sigma = try #require(recorded["spotA: smoothing sigma (px, automatic)"].flatMap(Double.init))
        let mean = cathode.channels.total.reduce(0, +) / Double(cathode.channels.voxelCount)
        #expect(abs(sigma - GaussianFilter.sigma(countsPerKernel: 70, meanCounts: mean, dimensions: 2)) < 1e-6)
        #expect(recorded["spotA: SE=SO_3-,PO_3- pure level of SO_3- (smoothed counts)"].flatMap(Double.init).map { $0 > 0 } == true)
        // The block jackknife finds the calibration sound here (measured 3.7 %) and nothing is flagged.
        let error = try #require(recorded["spotA: SE=SO_3-,PO_3- pure level of SO_3- (smoothed counts), relative standard error"].flatMap(Double.init))
        #expect(error < PhaseUnmixing.reliableLevelError)
        #expect(!result.record.warnings.contains { $0.contains("uncertain") })
        #expect(recorded["smoothing sigma (px)"]?.hasPrefix("automatic") == true)
        let provenance = try String(contentsOfFile: folder.file("out/provenance.json"), encoding: .utf8)
        #expect(provenance.contains("pure level of SO_3-"))
    }

    @Test("unmixing on pixels too coarse for the CEI calibration (48² over 50 µm): the uncertain level is flagged")
    func unmixingFlagsCoarsePixels() throws {
        let cathode = try SimulatedCathode(raster: 48, seed: 3)
        var settings = try settings()
        settings.method = .unmix
        settings.phases.append(try PhaseRule(parsing: "SE=SO_3-,PO_3-"))
        settings.tortuosityPhases = []
        let analysis = try MicrostructureWorkflow(settings: settings).analyze(cathode.channels, name: "coarse")
        // Measured: level 8.0 at σ 0.7 and 38 at σ 0.77, jackknife relative standard error 241 % (128²: 3.7 %).
        let error = try #require(analysis.segmentation.thresholds["SE=SO_3-,PO_3- pure level of SO_3- (smoothed counts), relative standard error"])
        #expect(error > 1)
        #expect(analysis.warnings.contains { $0.contains("uncertain") })
    }

    @Test("bad phase requests are clear errors")
    func badRequests() throws {
        let cathode = try SimulatedCathode(raster: 32, seed: 5)
        var settings = MicrostructureSettings()
        settings.phases = [PhaseRule(name: "NCM", marker: .ions(["CoO_2-"])), PhaseRule(name: "pore", marker: .lowTotal)]
        #expect(throws: SIMSError.self) { try MicrostructureWorkflow(settings: settings).analyze(cathode.channels, name: "x") }
        settings.phases = try SimulatedCathode.rules.map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        settings.activePhase = "LMO"
        #expect(throws: SIMSError.self) { try MicrostructureWorkflow(settings: settings).analyze(cathode.channels, name: "x") }
        // A repeated name is an interphase for the unmixing, an error for the threshold method.
        settings.activePhase = nil
        settings.phases.append(try PhaseRule(parsing: "SE=SO_3-,PO_3-"))
        #expect(throws: SIMSError.self) { try MicrostructureWorkflow(settings: settings).analyze(cathode.channels, name: "x") }
        settings.method = .unmix
        settings.phases.append(try PhaseRule(parsing: "pore=SO_3-"))
        #expect(throws: SIMSError.self) { try MicrostructureWorkflow(settings: settings).analyze(cathode.channels, name: "x") }
    }
}

extension MicrostructureWorkflowTests {
    @Test("imaging preset with its topography (100 µm, 50 % NCM, yield log-amplitude 0.4; 128² for speed): pores within 2 % absolute", arguments: [2, 9] as [UInt64])
    func poresUnderSimulatedTopography(seed: UInt64) throws {
        // The preset as `sims simulate --preset imaging` makes it (2 × 2 sub-samples per pixel), negative ions only, at
        // half its 256² raster to keep the debug test fast (256², seed 2: 5.6 % vs 6.3 % true; docs/microstructure.md).
        let cathode = try SimulatedCathode(raster: 128, fieldOfView: 100, seed: seed, activeMaterial: 0.5, subsamples: 2)
        let rules = try SimulatedCathode.rules.map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        // The segmentation as the workflow runs it (settings(): σ 0.7, islands < 2 px merged, background σ 8 px).
        var segmentation = PhaseSegmentation(rules: rules, smoothing: GaussianFilter(sigma: 0.7), minimumIslandVoxels: 2,
                                             backgroundSmoothing: GaussianFilter(sigma: MicrostructureSettings().backgroundSigma))
        let found = try segmentation.fit(cathode.channels).labels.phaseFractions
        #expect(abs(found[3] - cathode.truthFractions[3]) < 0.02, "pores \(found[3]) vs truth \(cathode.truthFractions[3])")
        // One global level per phase mistakes the dark regions of the yield field for pores (18 % and 12 % vs 6 %).
        segmentation.backgroundSmoothing = nil
        let global = try segmentation.fit(cathode.channels).labels.phaseFractions
        #expect(global[3] - cathode.truthFractions[3] > 0.05, "global levels: pores \(global[3]) vs truth \(cathode.truthFractions[3])")
    }
}
