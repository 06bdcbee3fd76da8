import Foundation
import SIMSAnalysis
import SIMSChemistry
import SIMSFormats
import SIMSReport

/// The `sims spectra` pipeline: read a study of spectra and a peak list, integrate and normalize every peak
/// in every spot, check saturation, isotopes and the study design, compare samples, and write the output
/// folder (see `docs/spectra.md`).
///
/// A spot file that cannot be read or integrated is recorded in the ``RunRecord`` and skipped; the run
/// then ends with ``RunRecord/Outcome/completedWithErrors`` (exit code 3).
public enum SpectraWorkflow {
    /// Everything the run computed, for callers and tests.
    public struct Result: Sendable, PolaritySplitResult {
        /// The run record (settings, inputs, outputs, warnings, failures).
        public var record: RunRecord
        /// The peak-area table.
        public var table: PeakAreaTable
        /// The normalization used for statistics and plots.
        public var primaryNormalization: PeakNormalization
        /// Isotope check results per spot (sample, spot, results).
        public var isotopes: [(sample: String, spot: String, results: [IsotopeCheck.Result])]
        /// Between-sample tests.
        public var tests: [SampleComparison]
        /// The polarity analysed when the study was split or one polarity selected (`nil`: the study as it was).
        public var polarity: Polarity? = nil
        /// When the study held both polarities: the other polarity's run (this one is the first, negative);
        /// `OUT/report.html` then links `OUT/negative/` and `OUT/positive/`.
        public var otherPolarities: [Result] = []

        /// This run and the other polarities' runs.
        public var allPolarities: [Result] { [self] + otherPolarities }

        var polaritySummary: String { "\(table.rows.count) spots × \(table.peaks.count) peaks" }
    }

    /// Runs the workflow; a study holding both polarities is analysed once per polarity (``PolaritySplit``).
    /// - Throws: when nothing can be done at all (no peak list, no study, no readable spot).
    public static func run(_ options: SpectraOptions, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> Result {
        var scratch = RunRecord(command: "spectra")
        let study = try loadStudy(options)
        let settings = try resolveSettings(options, study: study, record: &scratch)
        let list = try PeakListFile.read(from: settings.peakList)
        let split = try options.selection.split(study, peaks: list.peaks)
        let folder = try OutputFolder(options.output, figures: options.figures, force: options.force, reading: options.inputPaths)
        return try split.run(command: "spectra", arguments: options.arguments, into: folder) { part throws(SIMSError) in
            try run(options, study: part.polarity.map(study.restricted(to:)) ?? study, settings: settings, list: list, part: part, progress: progress)
        }
    }

    /// One study of one polarity (or the study as it was) into `folder`.
    static func run(_ options: SpectraOptions, study: Study, settings: Settings, list: PeakList, part: PolaritySplit.Part,
                    progress: any SIMSCore.ProgressReporting) throws(SIMSError) -> Result {
        let folder = part.folder
        var record = RunRecord(command: "spectra", arguments: options.arguments)
        _ = try resolveSettings(options, study: study, record: &record) // records the input sheet
        record.use(study) // sims.toml → Table III (typed [acquisition] + other tables)
        if let summary = study.leftOutSummary { record.warn(summary) }
        part.prepare(&record)
        if let groupBy = options.selection.groupBy { record.set("group by", groupBy) }

        // Peak list.
        record.inputs.append(settings.peakList)
        guard !list.peaks.isEmpty else {
            throw SIMSError(.empty, "the peak list has no peaks", file: settings.peakList, expected: "one row per mass interval")
        }
        let references = try positions(of: settings.references, in: list.peaks, role: "reference")
        let important = try positions(of: settings.important, in: list.peaks, role: "important")

        // Spectra.
        let spots = study.readSpectra(record: &record, progress: progress)
        if let first = spots.first { record.acquisition = Acquisition(iontofHeader: first.spectrum.metadata) }
        let laws: [DeadTimeLaw?] = spots.map { spot in
            let header = Acquisition(iontofHeader: spot.spectrum.metadata).filling(from: study.acquisition)
            return settings.primaryPulses.flatMap { try? DeadTimeLaw(primaryPulses: $0) } ?? DeadTimeLaw(acquisition: header)
        }
        guard !spots.isEmpty else {
            throw SIMSError(.empty, "no spot of the study could be read", file: options.root,
                            expected: "IONTOF spectrum exports (*.txt) in ROOT/<sample>/")
        }

        // Dead time: one law for all spots when they agree; otherwise per spot is not mixed — use none.
        var analysis = SpectraPeakAnalysis(peaks: list.peaks)
        analysis.referencePeaks = references
        let distinct = Set(laws.map { $0?.primaryPulses })
        if distinct.count == 1, let only = laws.first, let law = only {
            analysis.deadTime = law
            record.set("primary pulses N", CSVTable.format(law.primaryPulses))
        } else if distinct.count > 1, !distinct.contains(nil) {
            record.warn("spots have different numbers of primary pulses N; saturation is computed per spot")
        } else {
            record.warn("the number of primary pulses N (scans × shots per pixel × pixels) is unknown: saturation is not assessed and no dead-time correction is applied (give --primary-pulses or the acquisition in sims.toml)")
        }
        var table: PeakAreaTable
        do {
            if analysis.deadTime == nil && !distinct.contains(nil) && distinct.count > 1 {
                let integrator = PeakIntegrator(peaks: list.peaks)
                var rows: [PeakAreaTable.Row] = []
                for (spot, law) in zip(spots, laws) {
                    var perSpot = analysis
                    perSpot.deadTime = law
                    rows.append(try perSpot.row(for: spot, integrator: integrator))
                }
                table = PeakAreaTable(peaks: list.peaks, referencePeaks: references, rows: rows, hasDeadTime: true)
            } else {
                table = try analysis.fit(spots)
            }
        }
        if spots.contains(where: { $0.spectrum.isDeadTimeCorrected == true }) {
            // Saturation is only computed when N is known (table.hasDeadTime); otherwise the line above says it is not.
            record.warn("spectra exported with 'Deadtime Correction: on' are used as they are (not corrected twice)"
                        + (table.hasDeadTime ? "; saturation is computed from the recovered registered counts" : ""))
        }

        // Warnings: empty intervals, saturation, design.
        for (k, peak) in list.peaks.enumerated() {
            let empty = table.rows.filter { $0.areas.pointCounts[k] == 0 }.count
            if empty > 0 { record.warn("peak \(peak.index) \(peak.label): no data point in [\(peak.interval.lower), \(peak.interval.upper)] u in \(empty) spot(s); area set to 0",
                                       kind: .emptyInterval, severity: Double(empty)) }
        }
        for row in table.rows where row.referenceArea == 0 {
            record.warn("\(row.sample)/\(row.spot): the reference peak area is 0; reference-normalized values left empty", kind: .zeroReference)
        }
        if table.hasDeadTime {
            for (k, peak) in list.peaks.enumerated() {
                let worst = table.rows.compactMap { $0.saturation?[k] }.max { $0.fraction < $1.fraction }
                if let worst, worst.level >= .flagged {
                    record.warn("peak \(peak.index) \(peak.label) reaches I/N = \(CSVTable.format((worst.fraction * 1000).rounded() / 1000)) (\(worst.level.rawValue)): TIC-normalized values are biased; use the corrected TIC or the TIC without saturated peaks",
                                kind: .saturation, severity: worst.fraction)
                }
            }
        }
        let design = DesignCheck().warnings(spotsPerSample: table.samples.map { sample in (sample, table.rows.filter { $0.sample == sample }.count) })
        for warning in design { record.warn(warning) }

        let primary = settings.primaryNormalization ?? (references.isEmpty ? .tic : .reference)
        record.set("primary normalization", primary.rawValue)
        record.set("peak list", settings.peakList)
        record.set("reference peaks", references.map { list.peaks[$0].label }.joined(separator: " + "))
        record.set("important peaks", important.map { list.peaks[$0].label }.joined(separator: ", "))

        // Isotopes and tests.
        let isotopeCheck = IsotopeCheck(peaks: list.peaks)
        let isotopes = table.rows.map { row in
            (sample: row.sample, spot: row.spot, results: isotopeCheck.check(counts: row.areas.counts))
        }
        record.recordChecks(isotopes.reduce(0) { $0 + $1.results.filter { $0.ratio != nil }.count }, of: .isotopeRatioPerSpot)
        for entry in isotopes { for result in entry.results where result.deviates {
            record.warn("\(result.pair.label) = \(CSVTable.format((result.ratio! * 100).rounded() / 100)) vs natural \(CSVTable.format((result.pair.naturalRatio * 100).rounded() / 100)) in \(entry.sample)/\(entry.spot): \(result.verdict)",
                        kind: .isotopeRatioPerSpot, severity: abs(log(result.ratio! / result.pair.naturalRatio)))
        } }
        let isotopeSummary = IsotopeSampleSummary.summarize(isotopes)
        record.recordChecks(isotopeSummary.filter { $0.spots > 0 }.count, of: .isotopeRatioPerSample)
        for row in isotopeSummary where row.flagged {
            record.warn("\(row.pair.label) median \(CSVTable.format((row.median! * 100).rounded() / 100)) vs natural \(CSVTable.format((row.pair.naturalRatio * 100).rounded() / 100)) in \(row.sample) (\(row.deviatingSpots) of \(row.countedSpots) spots off natural)",
                        kind: .isotopeRatioPerSample, severity: abs(log(row.median! / row.pair.naturalRatio)))
        }
        let tests = SampleComparison.compareAll(table, normalization: primary)

        // Deconvolution of every spot, when asked (before the outputs, whose report it joins).
        var deconvolutionSection: ReportSection?
        if let model = settings.deconvolution {
            DeconvolveWorkflow.record(model, prefix: "deconvolution ", into: &record)
            let failedBefore = record.failures.count
            progress.report(task: "deconvolution of every spot", completed: 0, total: spots.count)
            let fits = SpectraDeconvolution.fit(spots, polarity: study.acquisition.polarity, model: model, record: &record)
            deconvolutionSection = try SpectraDeconvolution.write(fits, resamples: options.bootstrapResamples, failed: record.failures.count - failedBefore,
                                                                  folder: folder, record: &record)
        }

        // Outputs.
        try SpectraOutputs.write(table: table, primary: primary, isotopes: isotopes, isotopeSummary: isotopeSummary, tests: tests,
                                 intervalList: list, important: Set(important), plots: options.plots, resamples: options.bootstrapResamples,
                                 spots: spots, moreSections: deconvolutionSection.map { [$0] } ?? [], folder: folder, record: &record, progress: progress)
        return Result(record: record, table: table, primaryNormalization: primary, isotopes: isotopes, tests: tests)
    }

    /// Settings after merging the input sheet and `sims.toml` (command line wins, then the sheet, then the manifest).
    struct Settings {
        var peakList: String
        var references: [String]
        var important: [String]
        var primaryNormalization: PeakNormalization?
        var primaryPulses: Double?
        /// The deconvolution step's model (`--deconvolve` or sims.toml `[deconvolution]`), when asked.
        var deconvolution: DeconvolveWorkflow.Model?
    }

    /// The study: `--config` manifest, a `sims.toml` in ROOT or ROOT itself, or the folder tree of `*.txt` spots.
    static func loadStudy(_ options: SpectraOptions) throws(SIMSError) -> Study {
        try options.selection.loadStudy(root: options.root, configuration: options.configuration, fileExtensions: ["txt"])
    }

    static func resolveSettings(_ options: SpectraOptions, study: Study, record: inout RunRecord) throws(SIMSError) -> Settings {
        var peakList = options.peakList
        var references = options.references
        var important = options.important
        var normalization = options.primaryNormalization
        var primaryPulses = options.primaryPulses
        // [spectra] table of sims.toml: peaks (relative to the manifest), reference, important, normalization, primary_pulses.
        let manifestFolder: String? = {
            if let configuration = options.configuration { return URL(fileURLWithPath: configuration).deletingLastPathComponent().path }
            if options.root.hasSuffix(".toml") { return URL(fileURLWithPath: options.root).deletingLastPathComponent().path }
            return options.root
        }()
        let list: (String) -> [String] = { $0.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty } }
        if peakList == nil, let value = study.metadata["spectra.peaks"], let base = manifestFolder {
            peakList = value.hasPrefix("/") ? value : base + "/" + value
        }
        if references.isEmpty, let value = study.metadata["spectra.reference"] { references = list(value) }
        if important.isEmpty, let value = study.metadata["spectra.important"] { important = list(value) }
        if normalization == nil, let value = study.metadata["spectra.normalization"] {
            guard let parsed = PeakNormalization(rawValue: value.trimmingSpaces()) else {
                throw .invalidArgument("unknown normalization in sims.toml [spectra]", found: value,
                                       expected: PeakNormalization.allCases.map(\.rawValue).joined(separator: ", "))
            }
            normalization = parsed
        }
        if primaryPulses == nil, let value = study.metadata["spectra.primary_pulses"] {
            guard let parsed = Double(value.trimmingSpaces()), parsed > 0 else {
                throw .invalidArgument("primary_pulses in sims.toml [spectra] must be a positive number", found: value, expected: "N > 0")
            }
            primaryPulses = parsed
        }
        if let sheetPath = options.inputsSpreadsheet {
            let sheet = try SpectraAnalyzerInputs(path: sheetPath)
            record.inputs.append(sheetPath)
            if peakList == nil {
                guard let mapped = sheet.intervalListPath(under: options.root) else {
                    throw SIMSError(.fileNotFound, "the input sheet names the interval list \"\(sheet.intervalList ?? "")\", which is not under the study root; give --peaks",
                                    file: sheetPath)
                }
                peakList = mapped
            }
            if references.isEmpty, let reference = sheet.referencePeak { references = [reference] }
            if important.isEmpty { important = sheet.importantPeaks }
        }
        guard let peakList else {
            throw .invalidArgument("no peak list: give --peaks LIST (or --inputs-xlsx naming one)")
        }
        var deconvolution = options.deconvolution
        if deconvolution == nil { deconvolution = try DeconvolveWorkflow.Model(manifest: study.metadata, file: study.root ?? StudyManifest.fileName) }
        return Settings(peakList: peakList, references: references, important: important, primaryNormalization: normalization,
                        primaryPulses: primaryPulses, deconvolution: deconvolution)
    }

    /// Positions of peaks named by ion (all rows naming the same ion, in any notation — ``IonName``) or by `#row`.
    static func positions(of names: [String], in peaks: [Peak], role: String) throws(SIMSError) -> [Int] {
        var out: [Int] = []
        for name in names {
            let trimmed = name.trimmingSpaces()
            if trimmed.hasPrefix("#"), let row = Int(trimmed.dropFirst()) {
                guard let position = peaks.firstIndex(where: { $0.index == row }) else {
                    throw .invalidArgument("\(role) peak row \(row) is not in the peak list", found: trimmed, expected: "a row number of the list")
                }
                out.append(position)
                continue
            }
            let matches = peaks.indices.filter { peaks[$0].assignment == trimmed || peaks[$0].label == trimmed || IonName.same(trimmed, peaks[$0].assignment) }
            guard !matches.isEmpty else {
                let near = IonName.nearest(to: trimmed, among: peaks.filter { !$0.isUnassigned }.map(\.assignment))
                throw .invalidArgument("\(role) peak \"\(trimmed)\" is not in the peak list", found: trimmed,
                                       expected: "an ion of the list (any notation: SO3-, SO_3-, SO₃⁻) or #row" + (near.isEmpty ? "" : "; nearest: " + near.joined(separator: ", ")))
            }
            out += matches
        }
        var seen = Set<Int>()
        return out.filter { seen.insert($0).inserted }
    }
}
