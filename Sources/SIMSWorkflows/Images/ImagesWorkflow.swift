import Foundation
import SIMSAnalysis
import SIMSChemistry
import SIMSFormats
import SIMSReport

/// The `sims images` pipeline: read a study of image sets, normalize every ion image pixel by pixel by the
/// total (or a reference ion), compare with whole-area normalization, and write tables, images and plots
/// (see `docs/images.md`).
///
/// A measurement that cannot be read or analysed is recorded in the ``RunRecord`` and skipped; the run then
/// ends with ``RunRecord/Outcome/completedWithErrors`` (exit code 3).
public enum ImagesWorkflow {
    /// Everything the run computed, for callers and tests.
    public struct Result: Sendable, PolaritySplitResult {
        /// The run record.
        public var record: RunRecord
        /// One row per measurement and ion (also written to `results/image_stats.csv`).
        public var rows: [ImageStatisticsRow]
        /// Per-ROI rows (sample, measurement, ion, statistics).
        public var regions: [(sample: String, measurement: String, ion: String, statistics: RegionStatistics)]
        /// Shifts estimated by alignment on the analysis grid (after binning), applied or refused.
        public var shifts: [(sample: String, measurement: String, ion: String, estimate: ShiftEstimation.Estimate)]
        /// The polarity analysed when the image sets were split or one polarity selected (`nil`: all as they were).
        public var polarity: Polarity? = nil
        /// When the study held both polarities: the other polarity's run (this one is the first, negative).
        public var otherPolarities: [Result] = []

        /// This run and the other polarities' runs.
        public var allPolarities: [Result] { [self] + otherPolarities }

        var polaritySummary: String { "\(Set(rows.map(\.measurement)).count) measurements, \(Set(rows.map(\.ion)).count) ions" }
    }

    /// Runs the workflow. Image sets of both polarities (told apart by their ions' charges) are analysed as one
    /// study per polarity into `OUT/negative/` and `OUT/positive/` (``PolaritySplit``); ions named in the
    /// options are matched in any notation (``IonName``).
    /// - Throws: when nothing can be done at all (no study, no readable measurement, bad options).
    public static func run(_ options: ImagesOptions, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> Result {
        try validate(options)
        var peaks: [Peak] = []
        if let list = options.peakList { peaks = try PeakListFile.read(from: list).peaks }
        let study = try options.selection.loadStudy(root: options.root, fileExtensions: ["txt", "bif6", "bif", "imzml"])
        var work: [(sample: String, source: ImageSetSource)] = []
        for sample in study.samples {
            for source in try ImageSetSource.group(sample.spots.map(\.path)) { work.append((sample.name, source)) }
        }
        guard !work.isEmpty else {
            throw SIMSError(.empty, "no image set found in the study", file: options.root,
                            expected: "ROOT/<sample>/ with IONTOF image exports '<measurement> (<id>) - <ion>.txt', .bif6 or .imzML")
        }
        // An image set copied whole (every file byte-identical) is one measurement, not two spots of a sample.
        var identical = RunRecord(command: "images")
        work = IdenticalInputs.firstOccurrences(work, files: \.source.files, name: { "\($0.sample)/\($0.source.measurement)" },
                                                record: &identical)
        // A name that no image set holds (in any notation) is a usage error naming the nearest names.
        let known = Array(Set(work.flatMap(\.source.ionNames))).sorted()
        if !known.isEmpty {
            for name in options.ions + options.multiply.flatMap { $0 } + options.overlays.flatMap { $0 } + [options.reference] {
                _ = try IonName.resolve(name, among: known + ["total"], role: "ion")
            }
        }
        // Only the polarities of the ions asked for, when the study holds both.
        let asked = Set(options.ions.compactMap { IonName.ion($0).map { $0.charge > 0 ? Polarity.positive : .negative } })
        let split = try options.selection.split(work, polarity: \.source.polarity, name: \.source.measurement, noun: "image set",
                                                implied: asked, because: "the ions asked for")
        let folder = try OutputFolder(options.output, figures: options.figures, force: options.force, reading: options.inputPaths)
        return try split.run(command: "images", arguments: options.arguments, into: folder) { part throws(SIMSError) in
            var record = RunRecord(command: "images", arguments: options.arguments)
            record.adopt(identical)
            if let summary = study.leftOutSummary { record.warn(summary) }
            part.prepare(&record)
            let selected = part.polarity.map { p in work.filter { $0.source.polarity == nil || $0.source.polarity == p } } ?? work
            return try run(options.restricted(to: part.polarity), work: selected, peaks: peaks, record: record, folder: part.folder, progress: progress)
        }
    }

    /// One study of image sets (of one polarity, or as it was) into `folder`.
    static func run(_ options: ImagesOptions, work: [(sample: String, source: ImageSetSource)], peaks: [Peak], record: RunRecord,
                    folder: OutputFolder, progress: any SIMSCore.ProgressReporting) throws(SIMSError) -> Result {
        var record = record
        try record.useManifest(describing: options.root)  // sims.toml → Table III
        record.set("reference", options.reference)
        record.set("minimum reference (counts)", CSVTable.format(options.minimumReference))
        record.set("binning", "\(options.binning)x\(options.binning)")
        record.set("Gaussian smoothing sigma (px)", options.smoothingSigma.map(CSVTable.format) ?? "none")
        let estimator = ShiftEstimation()
        record.set("alignment", options.align
                   ? "phase correlation to the reference image on the analysis grid (bin \(options.binning)); applied when the peak is ≥ \(CSVTable.format(estimator.minimumSignificance)) σ above the correlation surface and the shift ≤ \(CSVTable.format(estimator.maximumFraction * 100)) % of the field of view"
                   : "none")
        if let groupBy = options.selection.groupBy { record.set("group by", groupBy) }
        if !options.multiply.isEmpty { record.set("multiplication", "geometric mean of " + options.multiply.map { $0.joined(separator: ",") }.joined(separator: "; ")) }
        let colorMap = ColorMap.named(options.colorMap) ?? .viridis
        if let list = options.peakList { record.inputs.append(list) }
        let measurementCounts = Dictionary(grouping: work, by: { $0.source.measurement }).mapValues(\.count)

        // The files of all measurements are read, fingerprinted and parsed as one flat concurrent step (a file per
        // core in flight), then the measurements are analysed and their images written concurrently (a measurement
        // per core); rows, outputs and warnings are merged in study order. Measurements go through both steps in
        // batches of at most `readBatchBytes` of input files, so memory stays bounded on large studies.
        let reading = ProgressCounter(task: "reading image files", total: work.reduce(0) { $0 + $1.source.files.count }, progress: progress)
        let counter = ProgressCounter(task: "analysing image sets", total: work.count, progress: progress)
        let context = record, imagePeaks = peaks
        var outcomes: [MeasurementOutcome] = []
        var start = 0
        for batch in ImageSetSource.batches(work.map(\.source), maximumBytes: readBatchBytes) {
            let items = Array(work[start..<(start + batch.count)])
            start += batch.count
            let loaded = ImageSetSource.loadWithDigests(batch, peaks: imagePeaks, fileRead: { reading.advance() })
            outcomes += Array(zip(items, loaded)).concurrentMap { item, loaded -> MeasurementOutcome in
                defer { counter.advance() }
                let key = measurementCounts[item.source.measurement, default: 0] > 1 ? "\(item.sample)_\(item.source.measurement)" : item.source.measurement
                var part = Result(record: RunRecord(command: context.command), rows: [], regions: [], shifts: [])
                part.record.configAcquisition = context.configAcquisition
                var digests: [String: FileDigest]?
                do throws(SIMSError) {
                    let loaded = try loaded.get()
                    digests = loaded.digests
                    let set = part.record.fillingFieldOfView(of: loaded.set)
                    try analyse(set, sample: item.sample, key: key, options: try options.resolvingIonNames(in: set), colorMap: colorMap, folder: folder, result: &part)
                    return MeasurementOutcome(part: part, digests: digests, error: nil)
                } catch {
                    return MeasurementOutcome(part: part, digests: digests, error: error)
                }
            }
        }
        var result = Result(record: record, rows: [], regions: [], shifts: [])
        for (item, outcome) in zip(work, outcomes) {
            if let digests = outcome.digests {
                for path in item.source.files { result.record.read(path, digest: digests[path] ?? FileDigest(bytes: 0, sha256: "")) }
            }
            result.append(outcome.part)
            if let error = outcome.error {
                result.record.fail(item.source.files.first ?? item.source.measurement, error)
                progress.warn("skipped \(error)")
            }
        }
        guard !result.rows.isEmpty else {
            throw SIMSError(.empty, "no measurement of the study could be analysed", file: options.root,
                            expected: "readable image sets containing the requested ions and reference")
        }
        try writeTables(&result, options: options, folder: folder)
        try writeReport(&result, options: options, folder: folder)
        return result
    }

    /// The most input file bytes read into memory together (512 MiB: a 256² study of 99 ASCII files is 59 MB).
    static let readBatchBytes = 512 << 20

    /// What one measurement produced on its worker: its partial result (rows, images written, warnings, the
    /// settings it noted), the digests of its files when they were read, and the error that stopped it.
    struct MeasurementOutcome: Sendable {
        var part: Result
        var digests: [String: FileDigest]?
        var error: SIMSError?
    }

    static func validate(_ options: ImagesOptions) throws(SIMSError) {
        guard options.binning >= 1 else { throw .invalidArgument("--bin must be ≥ 1", found: "\(options.binning)") }
        guard options.minimumReference.isFinite, options.minimumReference >= 0 else {
            throw .invalidArgument("--min-reference must be a count ≥ 0", found: "\(options.minimumReference)")
        }
        if let sigma = options.smoothingSigma, !(sigma.isFinite && sigma > 0) {
            throw .invalidArgument("--smooth must be a positive number of pixels", found: "\(sigma)")
        }
        for group in options.multiply where group.count < 2 {
            throw .invalidArgument("--multiply needs at least two ions", found: group.joined(separator: ","))
        }
        for group in options.overlays where !(2...3).contains(group.count) {
            throw .invalidArgument("--overlay needs 2 or 3 ions", found: group.joined(separator: ","))
        }
        guard ColorMap.named(options.colorMap) != nil else {
            throw .invalidArgument("unknown colour map", found: options.colorMap, expected: ColorMap.all.map(\.name).joined(separator: ", "))
        }
    }
}

extension ImagesWorkflow.Result {
    /// Appends what one measurement's worker produced, as if it had run here: rows, regions, shifts, then its
    /// record's settings, outputs and findings with their kinds (deduplicated as ``RunRecord/warn(_:kind:severity:)`` does).
    mutating func append(_ part: ImagesWorkflow.Result) {
        rows += part.rows
        regions += part.regions
        shifts += part.shifts
        record.settings += part.record.settings
        record.outputs += part.record.outputs
        for finding in part.record.findings { record.warn(finding.message, kind: finding.kind, severity: finding.severity) }
    }
}
