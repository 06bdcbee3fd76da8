import Foundation
import SIMSAnalysis
import SIMSChemistry
import SIMSFormats

/// The pipeline behind `sims microstructure`: read ion images (IONTOF ASCII sets, BIF6, imzML), segment them into
/// the named phases, compute `MicrostructureMetrics`, and write tables, label images and plots.
///
/// Each measurement is analysed as a 2-D image, or, with ``MicrostructureSettings/stack``, all measurements are the
/// planes of one volume. A measurement that cannot be read or segmented is recorded in the ``RunRecord`` and the
/// others continue.
public struct MicrostructureWorkflow: Sendable {
    /// The settings.
    public var settings: MicrostructureSettings

    /// One analysed image or volume.
    public struct Analysis: Sendable {
        /// Measurement name (for a stack: the first plane's name + `-stack`).
        public var name: String
        /// The segmentation.
        public var segmentation: SegmentationResult
        /// The metrics.
        public var metrics: MicrostructureMetrics
        /// Doubts about the segmentation (e.g. an uncertain interphase calibration); recorded as run warnings.
        public var warnings: [String] = []
    }

    /// The outcome of a run.
    public struct Result: Sendable, PolaritySplitResult {
        /// Analyses in input order.
        public var analyses: [Analysis]
        /// What was done.
        public var record: RunRecord
        /// The polarity analysed when the measurements were split or one polarity selected (`nil`: all as they were).
        public var polarity: Polarity? = nil
        /// When the measurements held both polarities: the other polarity's run (this one is the first, negative).
        public var otherPolarities: [Result] = []

        /// This run and the other polarities' runs.
        public var allPolarities: [Result] { [self] + otherPolarities }

        var polaritySummary: String { "\(analyses.count) image(s) or volume(s) analysed" }
    }

    /// Configures the workflow.
    public init(settings: MicrostructureSettings) { self.settings = settings }

    /// Segments `channels` and computes the metrics (no files written) — the in-memory entry point.
    public func analyze(_ channels: ImageChannels, name: String, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> Analysis {
        var channels = channels
        if let size = settings.pixelSizeMicrometers { channels.pixelSizeMicrometers = size }
        let sigma: Double
        if let fixed = settings.smoothingSigma {
            sigma = fixed
        } else {
            let mean = channels.total.reduce(0, +) / Double(max(channels.voxelCount, 1))
            guard mean > 0 else {
                throw SIMSError(.empty, "\(name): the images hold no counts, so no smoothing can be derived from them", expected: "ion images with counts, or --smooth σ")
            }
            sigma = GaussianFilter.sigma(countsPerKernel: MicrostructureSettings.automaticSmoothingCounts, meanCounts: mean, dimensions: channels.depth > 1 ? 3 : 2)
        }
        let smoothing = GaussianFilter(sigma: sigma, sigmaZ: channels.depth > 1 ? sigma : 0)
        let background = settings.backgroundSigma > 0
            ? GaussianFilter(sigma: settings.backgroundSigma, sigmaZ: channels.depth > 1 ? settings.backgroundSigma : 0) : nil
        var segmentation: SegmentationResult
        var warnings: [String] = []
        switch settings.method {
        case .threshold:
            segmentation = try PhaseSegmentation(
                rules: settings.phases, smoothing: smoothing, minimumIslandVoxels: settings.minimumIslandVoxels,
                backgroundSmoothing: background).fit(channels)
        case .kmeans, .gmm:
            segmentation = try MultichannelSegmentation(
                rules: settings.phases, algorithm: settings.method == .kmeans ? .kmeans : .gaussianMixture,
                smoothing: smoothing, backgroundSmoothing: background, minimumIslandVoxels: settings.minimumIslandVoxels,
                seed: settings.seed).fit(channels)
        case .unmix:
            let unmixed = try PhaseUnmixing(
                rules: settings.phases, smoothing: smoothing, minimumIslandVoxels: settings.minimumIslandVoxels,
                backgroundSmoothing: background).fit(channels)
            segmentation = unmixed.segmentation
            warnings = unmixed.warnings
        }
        if settings.smoothingSigma == nil { segmentation.thresholds["smoothing sigma (px, automatic)"] = sigma }
        let active = settings.activePhase ?? settings.phases.first { if case .ions = $0.marker { true } else { false } }?.name
        if let active, segmentation.labels.label(of: active) == nil {
            throw .invalidArgument("the active phase is not one of the phases", found: active, expected: settings.phases.map(\.name).joined(separator: ", "))
        }
        let metrics = try MicrostructureMetrics(
            labels: segmentation.labels, connectivity: settings.connectivity, activePhase: active,
            tortuosityPhases: settings.tortuosityPhases, tolerance: settings.tolerance, progress: progress)
        return Analysis(name: name, segmentation: segmentation, metrics: metrics, warnings: warnings)
    }

    /// Reads `inputs` (files or folders of image exports), analyses them and writes everything to `output`.
    public func run(
        inputs: [String], output: OutputFolder, arguments: [String] = [], progress: any SIMSCore.ProgressReporting = SilentProgress()
    ) throws(SIMSError) -> Result {
        var record = RunRecord(command: "microstructure", arguments: arguments)
        if let first = inputs.first { try record.useManifest(describing: first) }  // sims.toml → Table III
        record.set("phases", settings.phases.map(\.description).joined(separator: " "))
        record.set("method", settings.method.rawValue)
        record.set("smoothing sigma (px)", settings.smoothingSigma.map(CSVTable.format)
                   ?? "automatic: \(CSVTable.format(MicrostructureSettings.automaticSmoothingCounts)) counts of the total per kernel")
        record.set("minimum island (voxels)", String(settings.minimumIslandVoxels))
        record.set("pore background sigma (px)", CSVTable.format(settings.backgroundSigma))
        record.set("connectivity", settings.connectivity.rawValue)
        record.set("solver tolerance", "\(settings.tolerance)")
        if let size = settings.pixelSizeMicrometers { record.set("pixel size (µm)", CSVTable.format(size)) }
        guard !settings.phases.isEmpty else {
            throw .invalidArgument("name the phases and their marker ions", expected: "--phase NCM=NiO2- --phase SE=PS3-,Cl- --phase pore=low-total")
        }
        var paths: [String] = []
        for input in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
                throw SIMSError(.fileNotFound, "input does not exist", file: input)
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: input)) ?? []
                paths += names.filter { !$0.hasPrefix(".") }.sorted().map { input + "/" + $0 }
            } else {
                paths.append(input)
            }
        }
        if let grouping = try settings.selection.grouping() {
            // --group-by: the files whose names match (sample names do not matter here: every measurement is its own).
            let base = paths
            paths = base.filter { grouping.match(URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent) != nil || $0.hasSuffix(".ibd") }
            if paths.count < base.count { record.warn("left out \(base.count - paths.count) file(s) whose names do not match --group-by (e.g. \(URL(fileURLWithPath: base.first { !paths.contains($0) }!).lastPathComponent))") }
        }
        let sources = try ImageSetSource.group(paths)
        guard !sources.isEmpty else {
            throw SIMSError(.empty, "no ion images found (IONTOF `<measurement> (<id>) - <ion>.txt`, .bif6 or .imzML)", file: inputs.joined(separator: ", "))
        }
        var peaks: [Peak] = []
        if let list = settings.peakList {
            peaks = try PeakListFile.read(from: list).peaks
            record.inputs.append(list)
        }
        // Polarities are never mixed and never an error: the measurements of the polarity the marker ions name
        // (or --polarity) are analysed, the others named as left out; markers of both signs (or none) with
        // measurements of both polarities: one sub-study per polarity (``PolaritySplit``).
        let markerSigns = Set(settings.phases.flatMap { rule -> [Polarity] in
            guard case .ions(let ions) = rule.marker else { return [] }
            return ions.compactMap { IonName.ion($0).flatMap { $0.charge == 0 ? nil : ($0.charge > 0 ? Polarity.positive : .negative) } }
        })
        let split = try settings.selection.split(sources, polarity: \.polarity, name: \.measurement, noun: "measurement",
                                                 implied: markerSigns, because: "the marker ions' polarity")
        return try split.run(command: "microstructure", arguments: arguments, into: output) { part throws(SIMSError) in
            var partRecord = record
            part.prepare(&partRecord)
            let selected = part.polarity.map { p in sources.filter { $0.polarity == nil || $0.polarity == p } } ?? sources
            return try run(selected, peaks: peaks, record: partRecord, output: part.folder, progress: progress)
        }
    }

    /// The measurements of one polarity (or all, as they were) into `output`.
    func run(_ sources: [ImageSetSource], peaks: [Peak], record: RunRecord, output: OutputFolder,
             progress: any SIMSCore.ProgressReporting) throws(SIMSError) -> Result {
        var record = record
        var sets: [(name: String, set: ImageSet)] = []
        for source in sources {
            record.inputs += source.files
            do {
                sets.append((source.measurement, record.fillingFieldOfView(of: try source.load(peaks: peaks, progress: progress))))
            } catch {
                record.fail(source.files.first ?? source.measurement, error)
            }
        }
        var analyses: [Analysis] = []
        if settings.stack {
            if !sets.isEmpty {
                do {
                    let volume = try Volume(planes: sets.map(\.set), planeThicknessMicrometers: settings.pixelSizeMicrometers)
                    record.warn("stack of \(volume.depth) planes analysed with cubic voxels: the plane thickness is taken equal to the pixel size")
                    analyses.append(try analyze(ImageChannels(volume), name: sets[0].name + "-stack", progress: progress))
                } catch {
                    record.fail(sets[0].name, error)
                }
            }
        } else {
            for (name, set) in sets {
                do {
                    let channels = try ImageChannels(set)
                    if channels.pixelSizeMicrometers == nil && settings.pixelSizeMicrometers == nil {
                        record.warn("\(name): no pixel size in the metadata and no --pixel-size; lengths are in voxels")
                    }
                    analyses.append(try MicrostructureWorkflow(settings: try settings.resolvingIonNames(in: set.ions)).analyze(channels, name: name, progress: progress))
                } catch {
                    record.fail(name, error)
                }
            }
        }
        for analysis in analyses {
            for (name, value) in analysis.segmentation.thresholds.sorted(by: { $0.key < $1.key }) {
                record.set("\(analysis.name): \(name)", CSVTable.format(value))
            }
            for warning in analysis.warnings { record.warn("\(analysis.name): \(warning)") }
            for (index, phase) in analysis.metrics.labels.phases.enumerated() {
                for result in analysis.metrics.tortuosity[index] where !result.percolates && analysis.metrics.fractions[index] > 0 {
                    record.warn("\(analysis.name): \(phase) does not percolate along \(result.axis.rawValue) (τ = ∞)")
                }
            }
        }
        var result = Result(analyses: analyses, record: record)
        try write(&result, to: output)
        return result
    }
}
