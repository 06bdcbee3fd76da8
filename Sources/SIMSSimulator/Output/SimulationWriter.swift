import Foundation
import SIMSFormats

/// Writes simulated data sets in the instruments' real export formats, with `sims.toml` manifests and
/// `truth.json`, under one output folder:
///
/// ```
/// DIR/study/<polarity>/<sample>/<N|P>_<sample>_Bi3_<k>.txt   IONTOF spectrum exports (counts not dead-time corrected)
/// DIR/study/<polarity>/sims.toml                             manifest with the Table III acquisition parameters
/// DIR/study/<polarity>/mass_interval_list.txt                IONTOF mass interval list of the simulated peaks
/// DIR/imaging/ascii/<measurement> (<id>) - <ion>.txt         IONTOF ion-image exports, one per ion + total
/// DIR/imaging/<measurement>.bif6                             the same images as BIF6
/// DIR/depth/<measurement>.txt                                IONTOF depth-profile export
/// DIR/volume/plane_<k>/…, DIR/volume/<measurement>_plane<k>.bif6
/// DIR/truth.json                                              ground truth
/// ```
public struct SimulationWriter: Sendable {
    /// The output folder.
    public let folder: String
    /// The seed.
    public let seed: UInt64
    /// Designs used.
    public var designs: SimulationDesigns

    /// Creates a writer for `folder`.
    public init(folder: String, seed: UInt64, designs: SimulationDesigns = SimulationDesigns()) {
        self.folder = folder
        self.seed = seed
        self.designs = designs
    }

    /// What was written.
    public struct Output: Sendable {
        /// Files written, relative to the folder, in order.
        public var files: [String] = []
        /// The truth (also written as `truth.json`).
        public var truth: GroundTruth
        /// The simulated study, when the preset had one (for callers that go on analysing it).
        public var study: SimulatedStudy?
    }

    /// Simulates and writes `preset`.
    public func write(_ preset: SimulationPreset, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> Output {
        var output = Output(truth: GroundTruth(generator: "SIMSKit \(SIMSKitVersion.current) simulator", preset: preset.rawValue, seed: seed))
        for part in preset.parts {
            switch part {
            case .study:
                progress.report(task: "simulating the spectra study", completed: 0, total: 0)
                let study = try simulateStudy(designs.study, seed: seed, progress: progress)
                try writeStudy(study, into: &output)
                output.study = study
            case .imaging:
                progress.report(task: "simulating ion images", completed: 0, total: 0)
                try writeImaging(try simulateImaging(designs.imaging, seed: seed), into: &output)
            case .depth:
                progress.report(task: "simulating the depth profile", completed: 0, total: 0)
                try writeDepth(try simulateDepthProfile(designs.depth, seed: seed), into: &output)
            case .volume:
                progress.report(task: "simulating the 3-D stack", completed: 0, total: 0)
                try writeVolume(try simulateVolume(designs.volume, seed: seed), into: &output)
            case .all: break
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(output.truth) } catch {
            throw SIMSError(.writeFailed, "cannot encode the ground truth: \(error)", file: folder + "/truth.json")
        }
        try AtomicFile.write(data, to: folder + "/truth.json")
        output.files.append("truth.json")
        return output
    }

    // MARK: study

    func writeStudy(_ study: SimulatedStudy, into output: inout Output) throws(SIMSError) {
        var spots: [StudyTruth.Spot] = []
        for polarity in study.design.polarities {
            guard let model = study.lineModels[polarity] else { continue }
            let root = "study/\(polarity.rawValue)"
            for spot in study.spots(polarity: polarity) {
                let relative = "\(root)/\(spot.sample)/\(spot.name).txt"
                try IONTOFSpectrumFormat.write(spot.spectrum, to: folder + "/" + relative)
                output.files.append(relative)
                let trueTotal = spot.trueCounts.reduce(0, +)
                let lines = model.lines.indices.filter { model.lines[$0].isMain || model.lines[$0].abundance >= 0.01 }.map { l in
                    LineTruth(ion: model.lines[l].ion, mass: model.lines[l].mass, trueCounts: spot.trueCounts[l],
                              expectedMeasuredCounts: spot.expectedMeasuredCounts[l],
                              trueFraction: trueTotal > 0 ? spot.trueCounts[l] / trueTotal : 0,
                              countsPerPulse: spot.trueCounts[l] / spot.primaryPulses)
                }
                spots.append(StudyTruth.Spot(sample: spot.sample, name: spot.name, polarity: polarity.rawValue, file: relative,
                                             phaseFractions: spot.phaseFractions.byName, yieldScale: spot.yieldScale,
                                             primaryPulses: spot.primaryPulses, lines: lines))
            }
            try IONTOFIntervalListFormat.write(intervalList(study: study, polarity: polarity), to: folder + "/\(root)/mass_interval_list.txt")
            output.files.append("\(root)/mass_interval_list.txt")
            try AtomicFile.write(manifest(study: study, polarity: polarity), to: folder + "/\(root)/sims.toml")
            output.files.append("\(root)/sims.toml")
        }
        output.truth.study = StudyTruth(
            samples: study.design.samples.map {
                StudyTruth.Sample(name: $0.name, ceiThicknessMicrometers: $0.cathode.ceiThicknessMicrometers,
                                  targetFractions: [Phase.ncm811.name: $0.cathode.activeMaterialFraction,
                                                    Phase.carbon.name: $0.cathode.carbonFraction, Phase.pore.name: $0.cathode.porosity])
            },
            spots: spots, beam: study.design.beam, analyzer: study.design.analyzer)
    }

    /// The interval list of a study polarity with IONTOF's value columns (resolution at each mass; areas `nan`
    /// because one list serves every spot).
    func intervalList(study: SimulatedStudy, polarity: Polarity) -> PeakList {
        let base = study.peakList(polarity: polarity)
        let analyzer = study.design.analyzer
        let peaks = base.peaks.map { peak -> Peak in
            var p = peak
            var values: [String: Double] = [:]
            for (title, _) in IONTOFIntervalListFormat.standardValueColumns { values[title] = .nan }
            values["Mass Deviation (ppm)"] = 0
            values["Resolution"] = analyzer.resolution(atMass: peak.interval.center).rounded()
            values["Color"] = 255
            p.values = values
            return p
        }
        return PeakList(peaks: peaks)
    }

    /// `sims.toml` of a study polarity: samples, `[acquisition]` (Table III), preparation and simulation notes.
    func manifest(study: SimulatedStudy, polarity: Polarity) -> String {
        let beam = study.design.beam
        var text = """
        # Simulated ToF-SIMS study written by SIMSKit \(SIMSKitVersion.current) (`sims simulate`, seed \(seed)).
        # Ground truth: ../../truth.json. Spectra are IONTOF SurfaceLab exports, NOT dead-time corrected.
        polarity = "\(polarity.rawValue)"

        [samples]

        """
        for sample in study.design.samples { text += "\(sample.name) = \"\(sample.name)\"\n" }
        text += "\n" + parameterTables(beam: beam, preparation: "simulated cross-section of a NCM811 | Li6PS5Cl | carbon composite cathode")
        text += """
        [simulation]
        seed = \(seed)
        mass_resolution = \(toml(study.design.analyzer.massResolution))
        mass_resolution_reference_u = \(toml(study.design.analyzer.resolutionReferenceMass))
        dead_time_ns = \(toml(study.design.analyzer.deadTimeNanoseconds))
        primary_ion_dose_density_ions_per_cm2 = \(toml(beam.doseDensity))

        """
        return text
    }

    /// The Table III tables of a simulated measurement: `[acquisition]` from the primary beam and
    /// `[sample_preparation]`, ending with a blank line.
    func parameterTables(beam: PrimaryBeam, preparation: String) -> String {
        """
        [acquisition]
        primary_ion = "\(beam.species)"
        energy_keV = \(toml(beam.energyKeV))
        current_pA = \(toml(beam.currentPicoampere))
        area_um = \(toml(beam.areaMicrometers))
        raster = \(beam.raster)
        scans = \(beam.scans)
        shots_per_pixel = \(beam.shotsPerPixel)
        cycle_time_us = \(toml(beam.cycleTimeMicroseconds))
        acquisition_time_s = \(toml(beam.acquisitionTimeSeconds))
        dead_time_corrected = false

        [sample_preparation]
        storage = "simulated sample (SIMSKit simulator)"
        preparation = "\(preparation)"
        transfer = "not applicable (simulated)"

        """
    }

    /// `sims.toml` beside simulated images, a depth profile or a stack: Table III parameters only (no
    /// `[samples]`; `sims images`, `mva`, `microstructure` and `depth` read it for their reports).
    func parameterManifest(what: String, polarity: Polarity?, beam: PrimaryBeam, preparation: String, extra: String = "") -> String {
        var text = """
        # Simulated ToF-SIMS \(what) written by SIMSKit \(SIMSKitVersion.current) (`sims simulate`, seed \(seed)).
        # Ground truth: ../truth.json. Table III parameters of the simulated acquisition.

        """
        if let polarity { text += "polarity = \"\(polarity.rawValue)\"\n\n" }
        text += parameterTables(beam: beam, preparation: preparation) + extra
        text += "[simulation]\nseed = \(seed)\n"
        return text
    }

    // MARK: imaging

    func writeImaging(_ imaging: SimulatedImaging, into output: inout Output) throws(SIMSError) {
        var measurements: [ImagingTruth.Measurement] = []
        for polarity in imaging.design.polarities {
            guard let result = imaging.results[polarity] else { continue }
            let paths = try result.images.writeIONTOFASCII(to: folder + "/imaging/ascii")
            output.files += paths.map { String($0.dropFirst(folder.count + 1)) }
            let bif = "imaging/\(result.images.measurement).bif6"
            try BIF6.write(result.images, to: folder + "/" + bif)
            output.files.append(bif)
            let n = imaging.design.beam.pulsesPerPixel
            measurements.append(ImagingTruth.Measurement(
                name: result.images.measurement, polarity: polarity.rawValue,
                ions: result.images.images.enumerated().map { k, image in
                    ImagingTruth.Measurement.Ion(ion: image.ion, trueCounts: result.trueCounts[k].reduce(0, +),
                                                 measuredCounts: image.totalCounts,
                                                 maxCountsPerPulse: (result.trueCounts[k].max() ?? 0) / n)
                }))
        }
        let polarity = imaging.design.polarities.count == 1 ? imaging.design.polarities[0] : nil
        try AtomicFile.write(parameterManifest(what: "ion images", polarity: polarity, beam: imaging.design.beam,
                                               preparation: "simulated cross-section of a NCM811 | Li6PS5Cl | carbon composite cathode"),
                             to: folder + "/imaging/sims.toml")
        output.files.append("imaging/sims.toml")
        let map = imaging.phaseMap
        output.truth.imaging = ImagingTruth(
            width: map.width, height: map.height, fieldOfViewMicrometers: map.fieldOfViewMicrometers,
            phaseMap: map.labelRows, areaFractions: map.areaFractions.byName, volumeFractions: imaging.volumeFractions.byName,
            yieldFieldRange: [imaging.yieldField.range.lowerBound, imaging.yieldField.range.upperBound],
            pulsesPerPixel: imaging.design.beam.pulsesPerPixel, measurements: measurements)
    }

    // MARK: depth

    func writeDepth(_ depth: SimulatedDepthProfile, into output: inout Output) throws(SIMSError) {
        var profile = depth.result.profile
        profile.metadata = ["Profile Smoothing is Disabled": ""]
        let relative = "depth/\(depth.design.measurement).txt"
        try IONTOFDepthProfileFormat.write(profile, to: folder + "/" + relative)
        output.files.append(relative)
        try AtomicFile.write(parameterManifest(what: "depth profile", polarity: depth.design.polarity, beam: depth.design.analysisBeam,
                                               preparation: "simulated Li | SEI | Li6PS5Cl | NCM811-composite half cell",
                                               extra: "[depth_profiling]\nsputter_time_per_step_s = \(toml(depth.design.sputterTimePerCycleSeconds))\n\n"),
                             to: folder + "/depth/sims.toml")
        output.files.append("depth/sims.toml")
        let ions = DepthDesign.ions(depth.design.polarity)
        output.truth.depth = DepthTruth(
            stack: depth.design.stack, interfaceDepthsNanometers: depth.design.stack.interfaceDepthsNanometers,
            interfaceTimesSeconds: depth.result.interfaceTimesSeconds,
            interfaceWidthTimesSeconds: depth.result.interfaceWidthTimesSeconds.map { [$0.0, $0.1] },
            depthNanometers: depth.result.depthNanometers,
            trueCounts: Dictionary(uniqueKeysWithValues: ions.enumerated().map { ($1, depth.result.trueCounts[$0]) }),
            primaryPulsesPerCycle: depth.design.analysisBeam.primaryPulses, file: relative)
    }

    // MARK: volume

    func writeVolume(_ volume: SimulatedVolume, into output: inout Output) throws(SIMSError) {
        for (k, plane) in volume.volume.planes.enumerated() {
            let sub = "volume/plane_\(k + 1 < 10 ? "0" : "")\(k + 1)"
            let paths = try plane.writeIONTOFASCII(to: folder + "/" + sub)
            output.files += paths.map { String($0.dropFirst(folder.count + 1)) }
            let bif = "volume/\(plane.measurement).bif6"
            try BIF6.write(plane, to: folder + "/" + bif)
            output.files.append(bif)
        }
        try AtomicFile.write(parameterManifest(what: "3-D stack", polarity: volume.design.polarity, beam: volume.design.beam,
                                               preparation: "simulated NCM811 | Li6PS5Cl | carbon composite cathode volume"),
                             to: folder + "/volume/sims.toml")
        output.files.append("volume/sims.toml")
        let first = volume.phaseMaps.first
        output.truth.volume = VolumeTruth(
            width: first?.width ?? 0, height: first?.height ?? 0, planes: volume.phaseMaps.count,
            planeThicknessMicrometers: volume.design.planeThicknessMicrometers,
            fieldOfViewMicrometers: first?.fieldOfViewMicrometers ?? 0,
            phaseMaps: volume.phaseMaps.map(\.labelRows), volumeFractions: volume.volumeFractions.byName)
    }
}

/// A TOML number: integers without a fraction, others in Swift's shortest round-trip form.
func toml(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}
