import SIMSCore
import SIMSReport

/// The result of a study command that a ``PolaritySplit`` runs once per polarity.
protocol PolaritySplitResult: Sendable {
    /// The run record of this polarity's (or the whole study's) run.
    var record: RunRecord { get }
    /// The polarity analysed (`nil`: the study as it was).
    var polarity: Polarity? { get set }
    /// When the study held both polarities: the other polarities' runs (this one is the first, negative).
    var otherPolarities: [Self] { get set }
    /// What this polarity's run analysed, for its section of the parent report (e.g. "10 spots × 12 peaks").
    var polaritySummary: String { get }
}

/// A study analysed once per polarity: the one place where `spectra`, `pca`, `images` and `mva` turn the
/// polarities a ``StudySelection`` chose into runs of their per-polarity pipeline.
///
/// - One polarity (or the study as it was): the pipeline runs once into the output folder itself, and its
///   ``Part/note`` names what a single-polarity selection left out.
/// - Several: the pipeline runs once per polarity into `OUT/negative/`, `OUT/positive/`
///   (``OutputFolder/subfolder(_:)``, staged and committed with the run), each report linking back to
///   `OUT/report.html`, which holds one section per polarity (summary, warning count, link) and carries the
///   sub-studies' failures.
struct PolaritySplit: Sendable {
    /// The polarities to analyse: `[nil]` = the study as it is; one = only its spots; several = one sub-study each.
    var polarities: [Polarity?]
    /// For a single-polarity selection: the line naming what it leaves out (`nil` when nothing is left out).
    var note: String?

    /// Where one polarity's pipeline runs.
    struct Part: Sendable {
        /// The polarity (`nil`: the study as it was).
        var polarity: Polarity?
        /// The folder to write into: the run's folder, or its sub-folder named after the polarity.
        var folder: OutputFolder
        /// `../report.html` for a sub-study of a split run, else `nil` (``RunRecord/parentReport``).
        var parentReport: String?
        /// The selection's note, to record as a warning (only when one polarity is analysed).
        var note: String?

        /// Prepares this part's run record: the link to the parent report, the selection's note as a warning,
        /// and the polarity for Table III (derived from the split when the headers and `sims.toml` do not say).
        func prepare(_ record: inout RunRecord) {
            record.parentReport = parentReport
            if let note { record.warn(note) }
            if let polarity { record.derivedValues["acquisition.polarity"] = polarity.rawValue }
        }
    }

    /// Whether the study is analysed as several sub-studies.
    var isSplit: Bool { polarities.count > 1 }

    /// Runs `pipeline` once per polarity into `folder` (see the type's description) and returns the first
    /// polarity's result with the others in ``PolaritySplitResult/otherPolarities``. A split run writes
    /// `folder`'s parent report and commits the run; a single run leaves writing and committing to `pipeline`.
    func run<Result: PolaritySplitResult>(command: String, arguments: [String], into folder: OutputFolder,
                                          _ pipeline: (Part) throws(SIMSError) -> Result) throws(SIMSError) -> Result {
        guard isSplit else {
            let polarity = polarities.first ?? nil
            var result = try pipeline(Part(polarity: polarity, folder: folder, parentReport: nil, note: note))
            result.polarity = polarity
            return result
        }
        var parts: [Result] = []
        for case let polarity? in polarities {
            var part = try pipeline(Part(polarity: polarity, folder: folder.subfolder(polarity.rawValue), parentReport: "../report.html", note: nil))
            part.polarity = polarity
            parts.append(part)
        }
        var first = parts.removeFirst()
        first.otherPolarities = parts
        try Self.writeParent(command: command, arguments: arguments, parts: [first] + first.otherPolarities, folder: folder)
        return first
    }

    /// Writes `OUT/report.html` (and its companions) for a study analysed once per polarity: one section per
    /// polarity with its summary and warning count, linking `OUT/<polarity>/report.html`. The parent's outcome
    /// carries the sub-studies' failures. Returns the parent record.
    @discardableResult
    static func writeParent<Result: PolaritySplitResult>(command: String, arguments: [String], parts: [Result],
                                                         folder: OutputFolder) throws(SIMSError) -> RunRecord {
        var record = RunRecord(command: command, arguments: arguments)
        let names = parts.compactMap { $0.polarity?.rawValue }.joined(separator: ", ")
        record.set("polarities", names + " (the study holds both; each analysed on its own)")
        record.derivedValues["acquisition.polarity"] = names + " (one sub-study each)"
        if let first = parts.first?.record {
            record.acquisition = first.acquisition
            record.configAcquisition = first.configAcquisition
            record.configuration = first.configuration
        }
        for part in parts {
            let name = part.polarity?.rawValue ?? ""
            record.inputs += part.record.inputs
            record.includeFailures(of: part.record)
            record.outputs += part.record.outputs.map { name + "/" + $0 }
            var section = ReportSection(title: name.prefix(1).uppercased() + name.dropFirst() + " polarity", workflow: command)
            // In the sub-report's words and numbers: its warnings and those its Table III adds (missing fields, PIDD).
            let reported = part.record.reportedWarnings
            section.paragraph("\(part.polaritySummary); \(Provenance.warningSummary(count: reported.count, kinds: reported.lines.count))" +
                              (part.record.failures.isEmpty ? "." : "; \(part.record.failures.count) input(s) failed."))
            section.file(name + "/report.html", label: "\(name) report (\(name)/report.html)")
            record.add(section)
        }
        try record.writeReport(to: folder, title: "SIMSKit — sims \(command) (both polarities)")
        return record
    }
}
