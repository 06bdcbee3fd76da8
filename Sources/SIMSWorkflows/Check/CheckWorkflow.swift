import Foundation
import SIMSAnalysis
import SIMSFormats

/// `sims check FILE|ROOT`: the paper's pitfalls checked on their own, without a full spectra run.
///
/// - a **spectrum** file: dead-time correction status, N, the most saturated data points (I/N per channel
///   bin) and, with a peak list, saturation per peak and isotope ratios;
/// - an **interval list** with `Area` and `Uncorrected Area`: saturation from the two columns, and isotope
///   ratios on both columns (a ratio that is natural on Area but not on Uncorrected Area is dead time);
/// - a **study folder**: the design check (spots per sample, number of samples) and the above per spot.
///
/// With an output folder, spectra are also drawn (``SpectrumFigures``): each polarity's mean spectrum per sample
/// in `plots/spectrum_<polarity>`, and a zoom on every peak the check flagged for saturation (at most
/// ``maximumZooms``, the most saturated first) in `plots/spectrum_<peak>`, every spot in its sample's colour.
public enum CheckWorkflow {
    /// The most flagged peaks drawn as zooms.
    public static let maximumZooms = 12

    /// Settings.
    public struct Options: Sendable {
        /// File or study folder.
        public var path: String
        /// Optional peak list for per-peak saturation and isotope checks of spectra.
        public var peakList: String?
        /// N when the headers do not say.
        public var primaryPulses: Double?
        /// When set, CSV tables are written to `output/results/`.
        public var output: String?
        /// Write into an output folder that holds files sims did not write, replacing those in the way (`--force`).
        public var force = false
        /// `--group-by` and `--polarity` for a study folder.
        public var selection = StudySelection()
        /// Whether to draw the spectrum figures (with ``output`` only).
        public var plots = true
        /// Figure file formats (`--figures png,pdf,svg`); `nil` = the output folder's defaults.
        public var figures: Set<FigureFormat>? = nil
        /// Creates options.
        public init(path: String) { self.path = path }
    }

    /// What the check found: human-readable lines (also the warnings of ``record``) and the run record.
    public struct Report: Sendable {
        /// Findings, one per line, in order.
        public var lines: [String] = []
        /// Run record (warnings = problems found; failures = unreadable spot files).
        public var record: RunRecord
    }

    /// Runs the checks.
    public static func run(_ options: Options) throws(SIMSError) -> Report {
        var report = Report(record: RunRecord(command: "check", arguments: []))
        let folder = try options.output.map { path throws(SIMSError) in
            try OutputFolder(path, figures: options.figures, force: options.force, reading: [options.path] + [options.peakList].compactMap { $0 })
        }
        let peaks = try options.peakList.map { path throws(SIMSError) in try PeakListFile.read(from: path) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.path, isDirectory: &isDirectory) else {
            throw SIMSError(.fileNotFound, "nothing to check", file: options.path, expected: "a spectrum, an interval list or a study folder")
        }
        var saturation = CSVTable(header: ["file", "peak_index", "assignment", "counts", "saturation_fraction", "level", "source"])
        var isotopes = CSVTable(header: ["file", "ratio", "column", "major_counts", "minor_counts", "measured_ratio", "ci95_low", "ci95_high", "natural_ratio", "verdict"])
        // Kept for the figures (only when they are drawn): every spectrum read, and the largest I/N of each peak.
        var drawn = Drawn(keeps: folder != nil && options.plots)

        if isDirectory.boolValue {
            let whole = try options.selection.loadStudy(root: options.path, fileExtensions: ["txt"])
            if let summary = whole.leftOutSummary { report.record.warn(summary); report.lines.append("study: " + summary) }
            let split = try options.selection.split(whole, peaks: peaks?.peaks ?? [])
            let polarities = split.polarities
            var spots: [(sample: String, spot: Study.Spot, polarity: Polarity?)] = []
            for polarity in polarities {
                let study = polarity.map(whole.restricted(to:)) ?? whole
                let prefix = polarities.count > 1 ? "design (\(polarity!.rawValue)): " : "design: "
                let before = report.lines.count
                for warning in DesignCheck().warnings(spotsPerSample: study.samples.map { ($0.name, $0.spots.count) }) {
                    report.record.warn(warning); report.lines.append(prefix + warning)
                }
                if report.lines.count == before { report.lines.append(prefix + "\(study.samples.count) samples with ≥ 5 spots each, as the paper recommends") }
                spots += study.allSpots.map { ($0.sample, $0.spot, $0.spot.polarity ?? polarity) }
            }
            if let note = split.note { report.record.warn(note); report.lines.append("study: " + note) }
            for (sample, spot, polarity) in spots {
                do { try checkSpectrum(spot.path, sample: sample, polarity: polarity, peaks: peaks, options: options, report: &report, saturation: &saturation, isotopes: &isotopes, drawn: &drawn) } catch {
                    report.record.fail(spot.path, error); report.lines.append("error: \(error)")
                }
            }
        } else {
            do {
                let sample = URL(fileURLWithPath: options.path).deletingPathExtension().lastPathComponent
                try checkSpectrum(options.path, sample: sample, polarity: nil, peaks: peaks, options: options, report: &report, saturation: &saturation, isotopes: &isotopes, drawn: &drawn)
            } catch let spectrumError {
                guard let list = try? PeakListFile.read(from: options.path) else { throw spectrumError }
                checkIntervalList(list, file: options.path, report: &report, saturation: &saturation, isotopes: &isotopes)
            }
        }
        if let folder {
            try saturation.write(to: folder.results("saturation.csv"))
            try isotopes.write(to: folder.results("isotopes.csv"))
            report.record.outputs += ["results/saturation.csv", "results/isotopes.csv"]
            if drawn.keeps, !drawn.spots.isEmpty { try writeFigures(drawn, peaks: peaks?.peaks ?? [], folder: folder, record: &report.record) }
            try folder.commit(protecting: report.record.inputs)
        }
        return report
    }

    /// The spectra and per-peak saturation the figures need.
    struct Drawn {
        let keeps: Bool
        var spots: [SpotSpectrum] = []
        /// Each spot's polarity: the export header's, else the study's (file name `N_…`/`P_…`, the peak list's).
        var polarities: [Polarity?] = []
        /// Peak index → largest I/N over the spots, for peaks flagged (I/N ≥ 0.1) in at least one.
        var flagged: [Int: Double] = [:]
    }

    /// The overview of each polarity and a zoom on each flagged peak (the most saturated first).
    static func writeFigures(_ drawn: Drawn, peaks: [Peak], folder: OutputFolder, record: inout RunRecord) throws(SIMSError) {
        var figures: [(figure: any Figure, base: String)] = []
        let byPolarity = Dictionary(grouping: drawn.spots.indices) { drawn.polarities[$0] }.mapValues { $0.map { drawn.spots[$0] } }
        for (polarity, members) in byPolarity.sorted(by: { ($0.key?.rawValue ?? "") < ($1.key?.rawValue ?? "") }) {
            let title = (polarity.map { $0 == .positive ? "Positive ions" : "Negative ions" } ?? "Spectra") + ": mean spectrum per sample"
            figures.append((SpectrumFigures.overview(members, title: title), "plots/spectrum_" + (polarity?.rawValue ?? "spectra")))
        }
        let stems = SpectraPlots.stems(for: peaks)
        let worst = drawn.flagged.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(maximumZooms)
        for (k, _) in worst {
            figures.append((SpectrumFigures.zoom(drawn.spots, peak: peaks[k]), "plots/spectrum_" + stems[k]))
        }
        try folder.write(figures, record: &record)
    }

    static func checkSpectrum(_ path: String, sample: String, polarity: Polarity?, peaks: PeakList?, options: Options, report: inout Report,
                              saturation: inout CSVTable, isotopes: inout CSVTable, drawn: inout Drawn) throws(SIMSError) {
        let spectrum = try IONTOFSpectrumFormat.read(from: path)
        let name = URL(fileURLWithPath: path).lastPathComponent
        if drawn.keeps {
            drawn.spots.append(SpotSpectrum(sample: sample, spot: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, spectrum: spectrum))
            drawn.polarities.append(Acquisition(iontofHeader: spectrum.metadata).polarity ?? polarity)
        }
        let corrected = spectrum.isDeadTimeCorrected
        switch corrected {
        case true?: report.lines.append("\(name): exported with dead-time correction on — not corrected again")
        case false?: report.lines.append("\(name): exported without dead-time correction")
        case nil: report.lines.append("\(name): the header does not say whether dead time was corrected")
        }
        let acquisition = Acquisition(iontofHeader: spectrum.metadata)
        let law = options.primaryPulses.flatMap { try? DeadTimeLaw(primaryPulses: $0) } ?? DeadTimeLaw(acquisition: acquisition)
        guard let law else {
            let message = "\(name): the number of primary pulses N is unknown (scans × shots per pixel × pixels); saturation not assessed — give --primary-pulses"
            report.record.warn(message); report.lines.append(message)
            if let peaks { try isotopeLines(name, peaks.peaks, counts: try PeakIntegrator(list: peaks).integrate(spectrum).counts, column: "counts", report: &report, isotopes: &isotopes, spectrum: spectrum) }
            return
        }
        // Per data point (channel bin): the largest registered fraction.
        var worst = 0.0, worstMass = 0.0
        for i in 0..<spectrum.count {
            let registered = corrected == true ? law.measuredCounts(fromTrue: spectrum.intensity[i]) : spectrum.intensity[i]
            let fraction = law.saturationFraction(ofMeasured: registered)
            if fraction > worst { worst = fraction; worstMass = spectrum.mass[i] }
        }
        report.lines.append("\(name): N = \(CSVTable.format(law.primaryPulses)); largest I/N of one data point \(CSVTable.format((worst * 1e4).rounded() / 1e4)) at m/z \(CSVTable.format((worstMass * 1000).rounded() / 1000)) (\(SaturationLevel(fraction: worst).rawValue))")
        guard let peaks else { return }
        let areas = try PeakIntegrator(list: peaks).integrate(spectrum)
        for (k, peak) in peaks.peaks.enumerated() {
            let s = PeakSaturation(counts: areas.counts[k], law: law, alreadyCorrected: corrected == true)
            saturation.append([.text(name), .integer(peak.index), .text(peak.label), .number(s.registeredCounts), .number(s.fraction), .text(s.level.rawValue), .text("spectrum")])
            if s.level >= .flagged {
                if drawn.keeps { drawn.flagged[k] = max(drawn.flagged[k] ?? 0, s.fraction) }
                let message = "\(name): peak \(peak.label) I/N = \(CSVTable.format((s.fraction * 1000).rounded() / 1000)) (\(s.level.rawValue))"
                report.record.warn(message); report.lines.append(message)
            }
        }
        try isotopeLines(name, peaks.peaks, counts: areas.counts, column: "counts", report: &report, isotopes: &isotopes, spectrum: spectrum)
    }

    static func checkIntervalList(_ list: PeakList, file: String, report: inout Report, saturation: inout CSVTable, isotopes: inout CSVTable) {
        let name = URL(fileURLWithPath: file).lastPathComponent
        var flagged = 0
        for peak in list.peaks {
            guard let s = IntervalListSaturation(peak: peak) else { continue }
            saturation.append([.text(name), .integer(peak.index), .text(peak.label), .number(s.uncorrectedArea), .number(s.equivalentFraction),
                               .text(s.level.rawValue), .text("Area/Uncorrected Area = \(CSVTable.format((s.ratio * 1e4).rounded() / 1e4))")])
            if s.level >= .flagged {
                flagged += 1
                report.record.warn("\(name): peak \(peak.label) lost \(CSVTable.format((s.countingLoss * 1000).rounded() / 10)) % of its counts to dead time (equivalent I/N \(CSVTable.format((s.equivalentFraction * 1000).rounded() / 1000)), \(s.level.rawValue))")
            }
        }
        report.lines.append("\(name): \(flagged) peak(s) flagged from the Area vs Uncorrected Area columns")
        report.lines += report.record.warnings.filter { $0.hasPrefix(name + ": peak") }
        for column in ["Area", "Uncorrected Area"] {
            let counts = list.peaks.map { $0.values[column].flatMap { $0.isFinite ? $0 : nil } ?? 0 }
            try? isotopeLines(name, list.peaks, counts: ContiguousArray(counts), column: column, report: &report, isotopes: &isotopes)
        }
    }

    /// With the `spectrum`, a deviating pair is deconvolved (``IsotopeInterference``) and the verdict names the
    /// interfering ion and its share instead of a bare "above/below natural".
    static func isotopeLines(_ name: String, _ peaks: [Peak], counts: ContiguousArray<Double>, column: String,
                             report: inout Report, isotopes: inout CSVTable, spectrum: Spectrum? = nil) throws(SIMSError) {
        for result in IsotopeCheck(peaks: peaks).check(counts: counts) {
            let interference = spectrum.flatMap { IsotopeInterference.explain(result, spectrum: $0, peaks: peaks) }
            let verdict = interference.map { "\(result.verdict.prefix { $0 != ":" }): \($0.text)" } ?? result.verdict
            isotopes.append([.text(name), .text(result.pair.label), .text(column), .number(result.majorCounts), .number(result.minorCounts),
                             .optional(result.ratio), .optional(result.interval?.lowerBound), .optional(result.interval?.upperBound),
                             .number(result.pair.naturalRatio), .text(verdict)])
            let ratio = result.ratio.map { CSVTable.format(($0 * 1000).rounded() / 1000) } ?? "–"
            let line = "\(name): \(result.pair.label) (\(column)) = \(ratio), natural \(CSVTable.format((result.pair.naturalRatio * 1000).rounded() / 1000)): \(verdict)"
            report.lines.append(line)
            if result.deviates { report.record.warn(line) }
        }
    }
}
