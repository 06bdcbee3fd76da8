import Foundation
import SIMSCore
import SIMSFormats
import SIMSReport

extension RunRecord {
    /// Adds a report section (rendered in order).
    public mutating func add(_ section: ReportSection) { sections.append(section) }

    /// Takes the study's `sims.toml` values (`Study.acquisition` and `Study.metadata`) for Table III.
    public mutating func use(_ study: Study) {
        configAcquisition = study.acquisition
        configuration = study.metadata
    }

    /// Finds the `sims.toml` that describes `input` and takes its Table III values (``use(_:)``): the manifest in
    /// `input` itself when it is a folder, else in the folder holding it, else one folder up (a study root above
    /// its sample folders). Only `[acquisition]`, `polarity` and the other tables are read; `[samples]` is
    /// optional here. Returns the manifest's path, or `nil` when there is none.
    /// - Throws: ``SIMSError`` when a manifest exists but is not valid TOML or has invalid `[acquisition]` values.
    @discardableResult
    public mutating func useManifest(describing input: String) throws(SIMSError) -> String? {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: input, isDirectory: &isFolder)
        if exists, !isFolder.boolValue, input.hasSuffix(".toml") {
            use(try StudyManifest.readParameters(from: input))
            inputs.append(input)
            return input
        }
        let start = exists && isFolder.boolValue ? input : PathName.parent(of: input)
        for folder in [start, PathName.parent(of: start)] {
            let path = folder + "/" + StudyManifest.fileName
            guard FileManager.default.fileExists(atPath: path) else { continue }
            use(try StudyManifest.readParameters(from: path))
            inputs.append(path)
            return path
        }
        return nil
    }

    /// What Table III is built from: headers (``acquisition``), command line, `sims.toml`, settings.
    public var tableIIIInputs: TableIIIInputs {
        var inputs = TableIIIInputs(command: command, header: acquisition, commandLine: commandLineAcquisition,
                                    commandLineValues: commandLineValues, configAcquisition: configAcquisition, config: configuration,
                                    settings: settings)
        if !derivedValues.isEmpty { inputs.derived = derivedValues }
        return inputs
    }

    /// The paper's Table III for this run.
    public var tableIII: TableIII { TableIII(tableIIIInputs) }

    /// The report document: provenance (inputs with the digests taken when they were read, ``digests``; others
    /// hashed now), Table III and the sections. An input that can no longer be read is listed with an empty
    /// hash and a warning. Paths inside a live run's staging folder are named as they will be after its commit
    /// (``OutputRun/publishedPath(_:)``).
    public func reportDocument(title: String? = nil) -> ReportDocument {
        // Settings may name files too (the spectra workflow's "peak list"); they reach Table III and provenance.
        if settings.contains(where: { OutputRun.publishedPath($0.value) != $0.value }) {
            var published = self
            published.settings = settings.map { (name: $0.name, value: OutputRun.publishedPath($0.value)) }
            return published.reportDocument(title: title)
        }
        let table = tableIII
        var warnings = self.warnings
        var inputs: [Provenance.Input] = []
        var seen = Set<String>()
        for path in self.inputs where seen.insert(path).inserted {
            do {
                let digest = try digests[path] ?? FileDigest(contentsOf: path)
                inputs.append(Provenance.Input(path: OutputRun.publishedPath(path), bytes: digest.bytes, sha256: digest.sha256))
            } catch {
                inputs.append(Provenance.Input(path: OutputRun.publishedPath(path), bytes: 0, sha256: ""))
                warnings.append("cannot hash input: \(error)")
            }
        }
        for w in table.warnings where !warnings.contains(w) { warnings.append(w) }
        // One-off warnings not in the record (Table III's, unhashable inputs) count once each, everywhere.
        let extraWarnings = warnings.count - self.warnings.count
        var outputs = self.outputs
        for name in RunRecord.reportFiles where !outputs.contains(name) { outputs.append(name) }
        var provenance = Provenance(
            command: command, arguments: arguments.map(OutputRun.publishedPath),
            settings: settings.map { Provenance.Setting(name: $0.name, value: $0.value) },
            inputs: inputs, outputs: outputs, warnings: warnings,
            failures: failures.map { Provenance.Failure(input: OutputRun.publishedPath($0.input), message: $0.message) },
            outcome: outcomeText(extraWarnings: extraWarnings), tableIII: table.entries)
        provenance.warningCount = findings.count + extraWarnings
        return ReportDocument(title: title ?? "SIMSKit — sims \(command)", provenance: provenance, tableIII: table,
                              sections: sections, tableIIIInputs: tableIIIInputs, parent: parentReport)
    }

    /// `success`, `completed with 3,566 warnings in 6 kinds`, or `completed with errors` (…); `extraWarnings`
    /// one-off warnings not in the record (Table III's). The words are ``Provenance/warningSummary(count:kinds:)``'s.
    public func outcomeText(extraWarnings: Int = 0) -> String {
        let kinds = warnings.count + extraWarnings, count = findings.count + extraWarnings
        let warned = kinds == 0 ? "" : Provenance.warningSummary(count: count, kinds: kinds)
        if outcome == .completedWithErrors { return "completed with errors" + (warned.isEmpty ? "" : " and " + warned) }
        return warned.isEmpty ? "success" : "completed with " + warned
    }

    /// The warning lines a person reads (one per kind and one-off, Table III's included) and how many
    /// individual warnings they stand for: what stderr prints, matching the report's header and Warnings row.
    public var reportedWarnings: (lines: [String], count: Int) {
        var lines = warnings
        for w in tableIII.warnings where !lines.contains(w) { lines.append(w) }
        return (lines, findings.count + lines.count - warnings.count)
    }

    /// The files ``writeReport(to:title:)`` writes.
    public static let reportFiles = ["report.html", "provenance.json", "methods.md", "report.json"]

    /// Writes `report.json`, `provenance.json`, `methods.md` and `report.html` into `folder` (atomically), lists
    /// them in ``outputs`` and, when `folder` is a run's top folder, commits the run (``OutputFolder/commit(protecting:)``:
    /// the whole output folder moves into place as a unit, protecting ``inputs``). Call once at the end of every
    /// command; nothing may be written into the folder afterwards.
    @discardableResult
    public mutating func writeReport(to folder: OutputFolder, title: String? = nil) throws(SIMSError) -> ReportDocument {
        if !findings.isEmpty {
            try warningsTable.write(to: folder.results("warnings.csv"))
            if !outputs.contains("results/warnings.csv") { outputs.append("results/warnings.csv") }
        }
        for name in RunRecord.reportFiles where !outputs.contains(name) { outputs.append(name) }
        let document = reportDocument(title: title)
        try ReportFiles.write(document, to: folder)
        if folder.isTopFolder { try folder.commit(protecting: inputs) }
        return document
    }
}

/// Writing and rebuilding the report files of an output folder.
public enum ReportFiles {
    /// Writes the four report files of `document` into `folder`.
    public static func write(_ document: ReportDocument, to folder: OutputFolder) throws(SIMSError) {
        try AtomicFile.write(document.jsonText, to: folder.file("report.json"))
        try AtomicFile.write(document.provenanceJSON, to: folder.file("provenance.json"))
        try AtomicFile.write(document.methodsMarkdown, to: folder.file("methods.md"))
        try AtomicFile.write(document.html(folder: folder.path), to: folder.file("report.html"))
    }

    /// Rebuilds the report of every sub-folder of `folder` that holds one (`DIR/<step>/report.json`) with a link
    /// back to `parent` (relative to `folder`), so each sub-report leads to the overview.
    public static func linkSubreports(under folder: OutputFolder, to parent: String) throws(SIMSError) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for name in names where FileManager.default.fileExists(atPath: folder.path + "/" + name + "/report.json") {
            var document = try read(from: folder.path + "/" + name)
            document.parent = "../" + parent
            try write(document, to: try folder.subfolder(name))
        }
    }

    /// Reads `DIR/report.json`.
    public static func read(from folder: String) throws(SIMSError) -> ReportDocument {
        let path = folder + "/report.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SIMSError(.fileNotFound, "no report.json in the output folder", file: path,
                            expected: "an output folder written by a sims command (it stores report.json)")
        }
        return try ReportDocument.decode(data, file: path)
    }
}
