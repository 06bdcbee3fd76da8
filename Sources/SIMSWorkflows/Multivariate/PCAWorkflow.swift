import Foundation
import SIMSAnalysis
import SIMSFormats
import SIMSMultivariate

/// The `sims pca` pipeline (the paper's third workflow, done correctly): integrate every interval of a peak list
/// in every spot spectrum (TIC-normalized areas by default), scale each peak (max scaling by default, as the
/// script; auto, Pareto, Poisson, none), PCA with a fixed number of components or a target explained variance,
/// important peaks per component, Gaussian-mixture (BIC) and k-means clustering of the scores; CSV tables and
/// plots in the output folder (see `docs/multivariate.md`).
public enum PCAWorkflow {
    /// Everything the run computed.
    public struct Result: Sendable, PolaritySplitResult {
        /// The run record.
        public var record: RunRecord
        /// Sample name of each row (spot).
        public var samples: [String]
        /// Spot name of each row.
        public var spots: [String]
        /// The peaks (columns).
        public var peaks: [Peak]
        /// The unscaled data matrix (spots × peaks), e.g. TIC-normalized areas.
        public var data: Matrix
        /// The fitted scaling.
        public var scaler: FittedScaler
        /// The PCA model (loadings in the scaled variables).
        public var model: PCAModel
        /// Gaussian-mixture cluster of each spot (nil without clustering).
        public var clusters: [Int]?
        /// k-means cluster of each spot with the same k (nil without clustering).
        public var kMeansClusters: [Int]?
        /// BIC for k = 1… when k was chosen automatically.
        public var bic: [Double]
        /// Per k in ``bic``: whether the fit could be chosen (every cluster holds ≥ 2 spots).
        public var bicEligible: [Bool] = []
        /// Covariance form of the Gaussian mixture.
        public var clusterCovariance: GaussianMixture.CovarianceType = .full
        /// The polarity analysed when the study was split or one polarity selected (`nil`: the study as it was).
        public var polarity: Polarity? = nil
        /// When the study held both polarities: the other polarity's run (this one is the first, negative).
        public var otherPolarities: [Result] = []

        /// This run and the other polarities' runs.
        public var allPolarities: [Result] { [self] + otherPolarities }

        var polaritySummary: String { "\(spots.count) spots × \(peaks.count) peaks, \(model.componentCount) components" }
    }

    /// Reads the study, integrates the peaks and runs ``analyze(data:samples:spots:peaks:options:record:)``.
    public static func run(_ options: PCAOptions, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> Result {
        var record = RunRecord(command: "pca", arguments: options.arguments)
        try record.useManifest(describing: options.root)  // sims.toml → Table III
        var options = options
        var peakListPath = options.peakList
        if let sheetPath = options.inputsSpreadsheet {
            let sheet = try PCAInputs(path: sheetPath)
            record.inputs.append(sheetPath)
            if peakListPath == nil {
                guard let mapped = sheet.intervalListPath(under: options.root) else {
                    throw SIMSError(.fileNotFound, "the input sheet names the interval list \"\(sheet.intervalList ?? "")\", which is not under the study root; give --peaks", file: sheetPath)
                }
                peakListPath = mapped
            }
            if options.components == nil, let value = sheet.components {
                options.components = value >= 1 ? .count(Int(value)) : .explainedVariance(value)
            }
        }
        guard let peakListPath else { throw .invalidArgument("no peak list: give --peaks LIST (or --inputs-xlsx naming one)") }
        let list = try PeakListFile.read(from: peakListPath)
        record.inputs.append(peakListPath)
        guard !list.peaks.isEmpty else { throw SIMSError(.empty, "the peak list has no peaks", file: peakListPath, expected: "one row per mass interval") }

        let study = try options.selection.loadStudy(root: options.root, fileExtensions: ["txt"])
        if let summary = study.leftOutSummary { record.warn(summary) }
        if let groupBy = options.selection.groupBy { record.set("group by", groupBy) }
        let split = try options.selection.split(study, peaks: list.peaks)
        let folder = try OutputFolder(options.output, figures: options.figures, force: options.force, reading: options.inputPaths)
        return try split.run(command: "pca", arguments: options.arguments, into: folder) { part throws(SIMSError) in
            var partRecord = record
            part.prepare(&partRecord)
            return try run(options, study: part.polarity.map(study.restricted(to:)) ?? study, list: list, record: partRecord,
                           folder: part.folder, progress: progress)
        }
    }

    /// One study (of one polarity, or as it was) into `folder`: integrate, then ``fit(data:samples:spots:peaks:options:record:)`` and ``write(_:options:folder:)``.
    static func run(_ options: PCAOptions, study: Study, list: PeakList, record: RunRecord, folder: OutputFolder,
                    progress: any SIMSCore.ProgressReporting) throws(SIMSError) -> Result {
        var record = record
        let spots = study.readSpectra(record: &record, progress: progress)
        guard spots.count >= 2 else {
            throw SIMSError(.empty, "PCA needs at least 2 readable spectra, found \(spots.count)", file: options.root,
                            expected: "IONTOF spectrum exports (*.txt) in ROOT/<sample>/")
        }
        var analysis = SpectraPeakAnalysis(peaks: list.peaks)
        analysis.referencePeaks = try peakPositions(options.references, in: list.peaks)
        if options.normalization == .reference, analysis.referencePeaks.isEmpty {
            throw .invalidArgument("reference normalization needs --reference PEAK")
        }
        let table = try analysis.fit(spots)
        var rows: [[Double]] = [], samples: [String] = [], names: [String] = []
        for row in table.rows {
            let values = (0..<list.peaks.count).map { row.value($0, options.normalization) }
            if values.contains(where: { $0 == nil }) {
                record.fail(row.spot, SIMSError(.numerical, "the \(options.normalization.rawValue) normalization cannot be computed for this spot (zero or missing denominator)", file: row.spot))
                continue
            }
            rows.append(values.map { $0! })
            samples.append(row.sample)
            names.append(row.spot)
        }
        var result = try fit(data: Matrix(rowArrays: rows), samples: samples, spots: names, peaks: list.peaks, options: options, record: record)
        try write(&result, options: options, folder: folder)
        return result
    }

    /// Scales, fits the PCA, clusters and writes the outputs for a ready data matrix (spots × peaks).
    public static func analyze(data: Matrix, samples: [String], spots: [String], peaks: [Peak], options: PCAOptions,
                               record: RunRecord) throws(SIMSError) -> Result {
        var result = try fit(data: data, samples: samples, spots: spots, peaks: peaks, options: options, record: record)
        let folder = try OutputFolder(options.output, figures: options.figures, force: options.force,
                                      reading: [options.root] + [options.peakList, options.inputsSpreadsheet].compactMap { $0 })
        try write(&result, options: options, folder: folder)
        return result
    }

    /// Scales, fits the PCA and clusters a ready data matrix (spots × peaks); writes nothing.
    static func fit(data: Matrix, samples: [String], spots: [String], peaks: [Peak], options: PCAOptions,
                    record: RunRecord) throws(SIMSError) -> Result {
        var record = record
        guard data.rows == samples.count, data.rows == spots.count, data.columns == peaks.count else {
            throw .inconsistent("PCA: \(data.rows) × \(data.columns) data for \(samples.count) spots and \(peaks.count) peaks")
        }
        guard data.rows >= 2 else { throw .invalidArgument("PCA needs at least 2 spectra", found: "\(data.rows)", expected: "≥ 2") }
        let components = options.components ?? .count(min(4, data.rows - 1, data.columns))
        record.set("normalization", options.normalization.rawValue)
        record.set("scaling", options.scaling.rawValue)
        record.set("components", describe(components))
        record.set("important-peak threshold", CSVTable.format(options.importantThreshold))
        guard data.elements.contains(where: { $0 != 0 }) else {
            throw SIMSError(.empty, "every peak area is zero: no data point of the spectra falls inside the intervals of the peak list",
                            expected: "a peak list whose intervals match the spectra (polarity, mass range, binning)")
        }
        let scaler = try Scaler(options.scaling).fit(data)
        let constant = scaler.constantColumns.map { peaks[$0].label }
        if !constant.isEmpty {
            let shown = constant.prefix(10).joined(separator: ", ") + (constant.count > 10 ? " and \(constant.count - 10) more" : "")
            record.warn("\(constant.count) peak(s) are zero or constant over all spots and carry no information: \(shown)")
        }
        let scaled = try scaler.transform(data)
        // Poisson scaling factors the uncentred data (Keenan & Kotula 2004); the other scalings use standard PCA.
        let centering = options.scaling != .poisson
        record.set("centering", centering ? "yes" : "no (Poisson scaling)")
        let model = try PCA(components: components, centering: centering).fit(scaled)

        var clusters: [Int]? = nil, kmeans: [Int]? = nil, bic: [Double] = [], eligible: [Bool] = []
        let pointsForClustering = model.scores
        let search = clusterSearch(points: pointsForClustering.rows, dimensions: pointsForClustering.columns,
                                   samples: Set(samples).count, maximum: options.clustering)
        switch options.clustering {
        case .none: break
        case .count(let k):
            guard k >= 1, k <= data.rows else { throw .invalidArgument("number of clusters out of range", found: "\(k)", expected: "1…\(data.rows)") }
            var mixture = GaussianMixture(components: k, seed: options.seed)
            mixture.covarianceType = search.covariance
            clusters = try mixture.fit(pointsForClustering).predict(pointsForClustering)
            kmeans = try KMeans(clusters: k, seed: options.seed).fit(pointsForClustering).labels
            record.set("clusters", "\(k) (Gaussian mixture, \(search.covariance.rawValue) covariance)")
        case .automatic:
            var mixture = GaussianMixture(components: 1, seed: options.seed)
            mixture.covarianceType = search.covariance
            let selection = try mixture.selectingComponents(upTo: search.largest, data: pointsForClustering, minimumComponentSize: 2)
            bic = selection.bic
            eligible = selection.eligible
            clusters = selection.model.predict(pointsForClustering)
            kmeans = try KMeans(clusters: selection.model.componentCount, seed: options.seed).fit(pointsForClustering).labels
            record.set("clusters", "\(selection.model.componentCount) (lowest BIC over k = 1…\(search.largest), \(search.covariance.rawValue) covariance)")
        }
        return Result(record: record, samples: samples, spots: spots, peaks: peaks, data: data, scaler: scaler,
                      model: model, clusters: clusters, kMeansClusters: kmeans, bic: bic, bicEligible: eligible,
                      clusterCovariance: search.covariance)
    }

    /// Writes the tables, plots and report of a fitted result into `folder`.
    static func write(_ result: inout Result, options: PCAOptions, folder: OutputFolder) throws(SIMSError) {
        try PCAOutputs.write(result, threshold: options.importantThreshold, folder: folder, record: &result.record)
        if options.plots { try PCAPlots.write(result, threshold: options.importantThreshold, folder: folder, record: &result.record) }
        result.record.add(PCAReport.section(result, options: options))
        _ = try result.record.writeReport(to: folder, title: "Principal component analysis")
    }

    static func describe(_ components: PCA.Components) -> String {
        switch components {
        case .count(let k): return "\(k)"
        case .explainedVariance(let target): return "explained variance > \(CSVTable.format(target))"
        case .all: return "all"
        }
    }

    /// Positions of peaks named by ion (any notation) or `#row`.
    static func peakPositions(_ names: [String], in peaks: [Peak]) throws(SIMSError) -> [Int] {
        try SpectraWorkflow.positions(of: names, in: peaks, role: "reference")
    }
}
