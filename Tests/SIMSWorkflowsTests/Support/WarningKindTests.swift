import Foundation
import SIMSTestSupport
import Testing
import SIMSReport
@testable import SIMSWorkflows

@Suite("Warnings grouped by kind")
struct WarningKindTests {
    @Test func oneLinePerKindWithCountWorstAndFile() {
        var record = RunRecord(command: "spectra")
        record.warn("first one-off")
        record.recordChecks(10, of: .isotopeRatioPerSpot)
        record.warn("^7Li-/^6Li- = 10.1 vs natural 12.18 in A/1", kind: .isotopeRatioPerSpot, severity: 0.19)
        record.warn("^7Li-/^6Li- = 4 vs natural 12.18 in A/2", kind: .isotopeRatioPerSpot, severity: 1.11)
        record.warn("^7Li-/^6Li- = 4 vs natural 12.18 in A/2", kind: .isotopeRatioPerSpot, severity: 1.11)  // duplicate: once
        record.warn("second one-off")
        record.warn("peak 3 X-: no data point", kind: .emptyInterval, severity: 2)
        #expect(record.findings.count == 5)
        #expect(record.warnings == [
            "first one-off",
            "isotope ratios off natural in 2 of 10 spot checks; worst: ^7Li-/^6Li- = 4 vs natural 12.18 in A/2 — see results/isotopes.csv",
            "second one-off",
            "peak 3 X-: no data point",  // a kind seen once, without a count of checks, reads as itself
        ])
        #expect(record.outcomeText() == "completed with 5 warnings in 4 kinds")
        #expect(RunRecord.grouped(41631) == "41,631" && RunRecord.grouped(999) == "999")
        #expect(Provenance.warningSummary(count: 3566, kinds: 6) == "3,566 warnings in 6 kinds")
        #expect(Provenance.warningSummary(count: 1, kinds: 1) == "1 warning in 1 kind")
        #expect(Provenance.warningSummary(count: 0, kinds: 0) == "no warnings")
    }

    @Test("results/warnings.csv holds every finding of a real spectra run")
    func everyFindingIsWritten() throws {
        let folder = try TemporaryFolder()
        let root = try SpectraWorkflowTests.makeStudy(in: folder)
        var options = SpectraOptions(root: root, peakList: SpectraWorkflowTests.referenceFolder + "/hea_negative_peaks.csv", output: folder.file("out"))
        options.plots = false
        options.bootstrapResamples = 20
        let result = try SpectraWorkflow.run(options)
        let rows = try SpectraWorkflowTests.readCSV(folder.file("out/results/warnings.csv"))
        #expect(rows.count == result.record.findings.count)
        #expect(rows.map { $0["message"] ?? "" } == result.record.findings.map(\.message))
        let kinds = Set(result.record.findings.compactMap(\.kind?.id))
        #expect(kinds.contains("isotope-ratio-spot"))
        // Fewer lines than findings: one per kind.
        #expect(result.record.warnings.count == result.record.findings.filter { $0.kind == nil }.count + kinds.count)
        #expect(result.record.warnings.count < result.record.findings.count)
        let html = try String(contentsOfFile: folder.file("out/report.html"), encoding: .utf8)
        #expect(html.contains("completed with \(RunRecord.grouped(result.record.findings.count + 1)) warnings in \(result.record.warnings.count + 1) kinds")
                || html.contains("completed with \(RunRecord.grouped(result.record.findings.count)) warnings in \(result.record.warnings.count) kinds"))
        #expect(html.contains("href=\"#warning-1\""))
        // Header, Warnings row and navigation give the same numbers in the same words (#18: the row said 11
        // where the header said "51 warnings in 11 kinds").
        let reported = result.record.reportedWarnings
        #expect(reported.count >= result.record.findings.count && reported.lines.count >= result.record.warnings.count)
        let summary = Provenance.warningSummary(count: reported.count, kinds: reported.lines.count)
        #expect(html.contains("completed with \(summary)"))
        #expect(html.contains("<tr><th>Warnings</th><td>\(summary)</td></tr>"))
        #expect(html.contains("Warnings (\(reported.count))"))
        #expect(!html.contains("<tr><th>Warnings</th><td>\(reported.lines.count)</td></tr>"))
        #expect(FileManager.default.fileExists(atPath: folder.file("out/results/isotopes_by_sample.csv")))
    }

    @Test("stderr prints the report's warning lines and the same tally as the report header")
    func stderrAgreesWithReport() throws {
        let folder = try TemporaryFolder()
        let root = try SpectraWorkflowTests.makeStudy(in: folder)
        let run = try SIMSExecutable.run(["spectra", root, "--peaks", SpectraWorkflowTests.referenceFolder + "/hea_negative_peaks.csv",
                                          "--no-plots", "--out", folder.file("out")], in: folder.path, timeout: 120)
        #expect(run.status == 0, "\(run.output)")
        let html = try String(contentsOfFile: folder.file("out/report.html"), encoding: .utf8)
        let rows = try SpectraWorkflowTests.readCSV(folder.file("out/results/warnings.csv"))
        let lines = run.output.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        // Every individual warning is a row of warnings.csv or a one-off line (Table III's are not in the CSV).
        guard let tally = run.output.split(separator: "\n").first(where: { $0.hasSuffix("; every one in results/warnings.csv") }) else {
            Issue.record("no warning tally on stderr:\n\(run.output)"); return
        }
        let summary = String(tally.dropLast("; every one in results/warnings.csv".count))
        #expect(summary.hasSuffix(" in \(lines.count) kinds"))
        #expect(Int(summary.prefix { $0 != " " }.filter(\.isNumber)) ?? -1 >= rows.count)
        #expect(html.contains("completed with \(summary)"))
        #expect(html.contains("<tr><th>Warnings</th><td>\(summary)</td></tr>"))
    }
}
