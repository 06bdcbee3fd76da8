import Foundation
import SIMSTestSupport
import Testing
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
        #expect(FileManager.default.fileExists(atPath: folder.file("out/results/isotopes_by_sample.csv")))
    }
}
