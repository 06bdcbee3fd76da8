import SIMSCore
import SIMSReport

extension RunRecord {
    /// Writes `OUT/report.html` (and its companions) for a study analysed once per polarity: one section per
    /// polarity with its summary and warning count, linking `OUT/<polarity>/report.html`. The parent's outcome
    /// carries the sub-studies' failures. Returns the parent record.
    @discardableResult
    static func writePolarityParent(command: String, arguments: [String], parts: [(polarity: Polarity, record: RunRecord, summary: String)],
                                    folder: OutputFolder) throws(SIMSError) -> RunRecord {
        var record = RunRecord(command: command, arguments: arguments)
        record.set("polarities", parts.map(\.polarity.rawValue).joined(separator: ", ") + " (the study holds both; each analysed on its own)")
        if let first = parts.first {
            record.acquisition = first.record.acquisition
            record.configAcquisition = first.record.configAcquisition
            record.configuration = first.record.configuration
        }
        for part in parts {
            let name = part.polarity.rawValue
            record.inputs += part.record.inputs
            record.includeFailures(of: part.record)
            record.outputs += part.record.outputs.map { name + "/" + $0 }
            var section = ReportSection(title: name.prefix(1).uppercased() + name.dropFirst() + " polarity", workflow: command)
            let warnings = part.record.warnings.count
            section.paragraph("\(part.summary); \(warnings == 0 ? "no warnings" : "\(warnings) warning(s)")" +
                              (part.record.failures.isEmpty ? "." : "; \(part.record.failures.count) input(s) failed."))
            section.file(name + "/report.html", label: "\(name) report (\(name)/report.html)")
            record.add(section)
        }
        try record.writeReport(to: folder, title: "SIMSKit — sims \(command) (both polarities)")
        return record
    }
}
