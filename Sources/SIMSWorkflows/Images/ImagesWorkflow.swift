import Foundation
import SIMSAnalysis
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
    public struct Result: Sendable {
        /// The run record.
        public var record: RunRecord
        /// One row per measurement and ion (also written to `results/image_stats.csv`).
        public var rows: [ImageStatisticsRow]
        /// Per-ROI rows (sample, measurement, ion, statistics).
        public var regions: [(sample: String, measurement: String, ion: String, statistics: RegionStatistics)]
        /// Shifts applied by alignment (sample, measurement, ion, dx, dy).
        public var shifts: [(sample: String, measurement: String, ion: String, dx: Int, dy: Int)]
    }

    /// Runs the workflow.
    /// - Throws: when nothing can be done at all (no study, no readable measurement, bad options).
    public static func run(_ options: ImagesOptions, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> Result {
        var record = RunRecord(command: "images", arguments: options.arguments)
        try validate(options)
        try record.useManifest(describing: options.root)  // sims.toml → Table III
        record.set("reference", options.reference)
        record.set("minimum reference (counts)", CSVTable.format(options.minimumReference))
        record.set("binning", "\(options.binning)x\(options.binning)")
        record.set("Gaussian smoothing sigma (px)", options.smoothingSigma.map(CSVTable.format) ?? "none")
        record.set("alignment", options.align ? "phase correlation to the reference image" : "none")
        if !options.multiply.isEmpty { record.set("multiplication", "geometric mean of " + options.multiply.map { $0.joined(separator: ",") }.joined(separator: "; ")) }
        let folder = try OutputFolder(options.output)
        let colorMap = ColorMap.named(options.colorMap) ?? .viridis

        var peaks: [Peak] = []
        if let list = options.peakList {
            peaks = try PeakListFile.read(from: list).peaks
            record.inputs.append(list)
        }
        let study = try StudyFolder.discover(at: options.root, fileExtensions: ["txt", "bif6", "bif", "imzml"])
        var work: [(sample: String, source: ImageSetSource)] = []
        for sample in study.samples {
            for source in try ImageSetSource.group(sample.spots.map(\.path)) { work.append((sample.name, source)) }
        }
        guard !work.isEmpty else {
            throw SIMSError(.empty, "no image set found in the study", file: options.root,
                            expected: "ROOT/<sample>/ with IONTOF image exports '<measurement> (<id>) - <ion>.txt', .bif6 or .imzML files")
        }
        // An image set copied whole (every file byte-identical) is one measurement, not two spots of a sample.
        work = IdenticalInputs.firstOccurrences(work, files: \.source.files, name: { "\($0.sample)/\($0.source.measurement)" },
                                                record: &record)
        let measurementCounts = Dictionary(grouping: work, by: { $0.source.measurement }).mapValues(\.count)

        var result = Result(record: record, rows: [], regions: [], shifts: [])
        for (number, item) in work.enumerated() {
            progress.report(task: "analysing image sets", completed: number, total: work.count)
            let key = measurementCounts[item.source.measurement, default: 0] > 1 ? "\(item.sample)_\(item.source.measurement)" : item.source.measurement
            do {
                let set = result.record.fillingFieldOfView(of: try item.source.load(peaks: peaks))
                result.record.inputs += item.source.files
                try analyse(set, sample: item.sample, key: key, options: options, colorMap: colorMap, folder: folder, result: &result)
            } catch {
                result.record.fail(item.source.files.first ?? item.source.measurement, error)
                progress.warn("skipped \(error)")
            }
        }
        progress.report(task: "analysing image sets", completed: work.count, total: work.count)
        guard !result.rows.isEmpty else {
            throw SIMSError(.empty, "no measurement of the study could be analysed", file: options.root,
                            expected: "readable image sets containing the requested ions and reference")
        }
        try writeTables(&result, options: options, folder: folder)
        try writeReport(&result, options: options, folder: folder)
        return result
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
