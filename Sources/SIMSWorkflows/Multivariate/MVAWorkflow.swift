import Foundation
import SIMSFormats
import SIMSMultivariate
import SIMSReport

/// The `sims mva` pipeline: PCA, MCR-ALS, NMF or MAF of the pixel × peak matrix of an imaging measurement
/// (every ion image one column, every pixel one row), writing the component images (float32 TIFF and framed
/// figures with colour bar and scale bar), the component spectra / loadings (CSV and bar plots) and a report
/// section (see `docs/multivariate.md`).
public enum MVAWorkflow {
    /// The method.
    public enum Method: String, Sendable, CaseIterable {
        case pca, mcr, nmf, maf
    }

    /// Settings of one run.
    public struct Options: Sendable {
        /// Folder (or file) with the image exports (IONTOF ASCII, BIF6, imzML).
        public var input: String
        /// Output folder.
        public var output: String
        /// The method.
        public var method: Method = .pca
        /// Number of components.
        public var components = 4
        /// Column scaling before PCA (default Poisson, Keenan & Kotula 2004, for counts); MCR and NMF use the
        /// raw counts, MAF its own whitening.
        public var scaling: Scaling = .poisson
        /// Seed (NMF initialization, randomized SVD).
        public var seed: UInt64 = 0
        /// Mass interval list (IONTOF or plain CSV): names BIF6 intervals and defines the peak images of imzML
        /// files written by other software.
        public var peakList: String?
        /// Whether to draw figures (component images and spectra, SVG + PNG).
        public var plots = true
        /// Figure file formats (`--figures png,pdf,svg`) for every figure; `nil` = the output folder's defaults (PNG + SVG, SVG only under `plots/extra/`).
        public var figures: Set<FigureFormat>? = nil
        /// PNG pixels per drawing unit (2 = crisp; tests use less to stay fast in debug builds).
        public var pngScale = 2.0
        /// The command line, for provenance.
        public var arguments: [String] = []
        /// Write into an output folder that holds files sims did not write, replacing those in the way (`--force`).
        public var force = false
        /// `--group-by` (keeps the files whose names match; a flat folder's other files are left out in one line)
        /// and `--polarity` (keeps the measurements of one polarity). Measurements of both polarities without
        /// `--polarity` are analysed as one sub-study per polarity (``PolaritySplit``: `OUT/negative/`, `OUT/positive/`).
        public var selection = StudySelection()

        /// Options for `input` writing to `output`.
        public init(input: String, output: String) { self.input = input; self.output = output }
    }

    /// One measurement's result.
    public struct Analysis: Sendable {
        /// The measurement name.
        public var measurement: String
        /// Ions (columns).
        public var ions: [String]
        /// Component images (`pixels × components`).
        public var componentImages: Matrix
        /// Component spectra / loadings (`ions × components`).
        public var componentSpectra: Matrix
        /// Per component: explained-variance ratio (PCA), autocorrelation (MAF); empty otherwise.
        public var componentStatistic: [Double]
        /// Lack of fit in % (MCR) or reconstruction error (NMF), when defined.
        public var fitQuality: Double?
    }

    /// Everything the run computed.
    public struct Result: Sendable, PolaritySplitResult {
        /// The run record.
        public var record: RunRecord
        /// One analysis per measurement.
        public var analyses: [Analysis]
        /// The polarity analysed when the measurements were split or one polarity selected (`nil`: all as they were).
        public var polarity: Polarity? = nil
        /// When the measurements held both polarities: the other polarity's run (this one is the first, negative).
        public var otherPolarities: [Result] = []

        /// This run and the other polarities' runs.
        public var allPolarities: [Result] { [self] + otherPolarities }

        var polaritySummary: String { "\(analyses.count) measurement(s), \(Set(analyses.flatMap(\.ions)).count) ions" }
    }

    /// The pixel × ion matrix of an image set (`total` excluded).
    public static func pixelMatrix(_ set: ImageSet) -> Matrix {
        let n = set.width * set.height, p = set.images.count
        var x = Matrix(rows: n, columns: p)
        for (j, image) in set.images.enumerated() {
            image.counts.withUnsafeBufferPointer { c in
                for i in 0..<n { x.elements[i * p + j] = c[i] }
            }
        }
        return x
    }

    /// Runs the method on one image set.
    public static func analyze(_ set: ImageSet, options: Options) throws(SIMSError) -> Analysis {
        let x = pixelMatrix(set)
        guard x.columns >= 2 else {
            throw .invalidArgument("multivariate analysis of \(set.measurement) needs at least 2 ion images", found: "\(x.columns)", expected: "≥ 2 images besides total")
        }
        let k = options.components
        guard k >= 1, k <= x.columns else {
            throw .invalidArgument("number of components out of range", found: "\(k)", expected: "1…\(x.columns) (the number of ion images)")
        }
        switch options.method {
        case .pca:
            let scaler = try Scaler(options.scaling).fit(x)
            let model = try PCA(components: .count(k), centering: options.scaling != .poisson).fit(scaler.transform(x))
            return Analysis(measurement: set.measurement, ions: set.ions, componentImages: model.scores,
                            componentSpectra: scaler.backTransformLoadings(model.loadings),
                            componentStatistic: model.explainedVarianceRatio, fitQuality: nil)
        case .mcr:
            let model = try MCRALS(components: k, initialization: .simplisma(offsetPercent: 5), maxIterations: 100).fit(x)
            return Analysis(measurement: set.measurement, ions: set.ions, componentImages: model.concentrations,
                            componentSpectra: model.spectra, componentStatistic: [], fitQuality: model.lackOfFitPercent)
        case .nmf:
            let model = try NMF(components: k, loss: .kullbackLeibler, initialization: .random(seed: options.seed), maxIterations: 300).fit(x)
            return Analysis(measurement: set.measurement, ions: set.ions, componentImages: model.w,
                            componentSpectra: model.h.transposed, componentStatistic: [], fitQuality: model.reconstructionError)
        case .maf:
            let model = try MAF(components: k).fit(pixels: x, width: set.width, height: set.height)
            return Analysis(measurement: set.measurement, ions: set.ions, componentImages: model.scores,
                            componentSpectra: model.vectors, componentStatistic: model.autocorrelation, fitQuality: nil)
        }
    }

    /// Discovers the image sets under `options.input`, analyses each and writes the outputs (once per polarity when
    /// they hold both, ``PolaritySplit``). A measurement that cannot be read or analysed is recorded and skipped.
    public static func run(_ options: Options, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> Result {
        var record = RunRecord(command: "mva", arguments: options.arguments)
        try record.useManifest(describing: options.input)  // sims.toml → Table III
        record.set("method", options.method.rawValue)
        record.set("components", "\(options.components)")
        if options.method == .pca { record.set("scaling", options.scaling.rawValue) }
        var sources: [ImageSetSource]
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: options.input, isDirectory: &isDirectory), !isDirectory.boolValue {
            sources = try ImageSetSource.group([options.input])
        } else if options.selection.groupBy != nil {
            let study = try options.selection.loadStudy(root: options.input, fileExtensions: ["txt", "bif6", "bif", "imzml", "ibd"])
            if let summary = study.leftOutSummary { record.warn(summary) }
            sources = try ImageSetSource.group(study.allSpots.map(\.spot.path))
        } else {
            sources = try ImageSetSource.discover(in: options.input)
        }
        guard !sources.isEmpty else {
            throw SIMSError(.empty, "no image measurement found", file: options.input, expected: "IONTOF image exports '<measurement> (<id>) - <ion>.txt', BIF6 or imzML")
        }
        var peaks: [Peak] = []
        if let list = options.peakList {
            peaks = try PeakListFile.read(from: list).peaks
            record.inputs.append(list)
        }
        let split = try options.selection.split(sources, polarity: \.polarity, name: \.measurement, noun: "measurement")
        let folder = try OutputFolder(options.output, figures: options.figures, force: options.force, reading: [options.input] + [options.peakList].compactMap { $0 })
        return try split.run(command: "mva", arguments: options.arguments, into: folder) { part throws(SIMSError) in
            var partRecord = record
            part.prepare(&partRecord)
            let selected = part.polarity.map { p in sources.filter { $0.polarity == nil || $0.polarity == p } } ?? sources
            return try run(options, sources: selected, peaks: peaks, record: partRecord, folder: part.folder, progress: progress)
        }
    }

    /// The measurements of one polarity (or all, as they were) into `folder`.
    static func run(_ options: Options, sources: [ImageSetSource], peaks: [Peak], record: RunRecord, folder: OutputFolder,
                    progress: any SIMSCore.ProgressReporting) throws(SIMSError) -> Result {
        var record = record
        var analyses: [Analysis] = []
        for (number, source) in sources.enumerated() {
            progress.report(task: "analysing images", completed: number, total: sources.count)
            do {
                let set = record.fillingFieldOfView(of: try source.load(peaks: peaks, progress: progress))
                record.inputs += source.files
                let analysis = try analyze(set, options: options)
                try write(analysis, set: set, options: options, folder: folder, record: &record)
                analyses.append(analysis)
            } catch {
                record.fail(source.files.first ?? source.measurement, error)
                progress.warn("skipped \(source.measurement): \(error)")
            }
        }
        progress.report(task: "analysing images", completed: sources.count, total: sources.count)
        guard !analyses.isEmpty else {
            throw SIMSError(.empty, "no measurement could be analysed", file: options.input)
        }
        record.add(MVAReport.section(analyses, options: options, record: record))
        try record.writeReport(to: folder, title: "SIMSKit — multivariate analysis of ion images")
        return Result(record: record, analyses: analyses)
    }
}
