import Foundation
import SIMSTestSupport
import Testing
@testable import SIMSWorkflows

/// Polarities in `sims mva`, `sims check` and `sims microstructure` (``PolaritySplit``): a folder holding both
/// polarities analyses both, each on its own; `--polarity` selects one; a peak list or marker ions of one
/// polarity select that one, naming what is left out.
@Suite("polarities in mva, check and microstructure")
struct PolarityWorkflowTests {
    /// The measurements of the simulated mixed folder (`neg_spot1…2`: Li-, SO_3-, SO_4-; `pos_spot1…2`: Li+, Ni+).
    static let negative = ["neg_spot1", "neg_spot2"], positive = ["pos_spot1", "pos_spot2"]

    @Test("mva: both polarities, each in its own sub-folder; --polarity pos analyses only the positive sets")
    func mva() throws {
        let folder = try TemporaryFolder()
        let exports = try StudySelectionWorkflowTests.mixedImageStudy(in: folder) + "/A"
        var options = MVAWorkflow.Options(input: exports, output: folder.file("both"))
        options.components = 1
        options.plots = false
        let both = try MVAWorkflow.run(options)
        #expect(both.allPolarities.map(\.polarity) == [.negative, .positive])
        #expect(both.analyses.map(\.measurement).sorted() == Self.negative)
        #expect(both.analyses.allSatisfy { Set($0.ions) == ["Li-", "SO_3-", "SO_4-"] })
        #expect(both.otherPolarities.map { $0.analyses.map(\.measurement).sorted() } == [Self.positive])
        #expect(both.allPolarities.allSatisfy { $0.record.outcome == .success && $0.record.parentReport == "../report.html" })
        let parent = try String(contentsOfFile: folder.file("both/report.html"), encoding: .utf8)
        #expect(parent.contains("href=\"negative/report.html\"") && parent.contains("href=\"positive/report.html\""))
        #expect(FileManager.default.fileExists(atPath: folder.file("both/positive/report.html")))
        #expect(parent.contains("negative, positive (one sub-study each)"))
        // Each sub-study's Table III states its polarity, derived from the split (the exports do not say it).
        for part in both.allPolarities {
            let field = part.record.tableIII.entries.first { $0.key == "acquisition.polarity" }
            #expect(field?.value == part.polarity?.rawValue && field?.source == .derived)
        }

        options.selection.polarity = .positive
        options.output = folder.file("pos")
        let positive = try MVAWorkflow.run(options)
        #expect(positive.polarity == .positive && positive.otherPolarities.isEmpty)
        #expect(positive.analyses.map(\.measurement).sorted() == Self.positive)
        #expect(positive.record.warnings.contains { $0.contains("analysing the positive measurements only (--polarity); 2 measurement(s) of the other polarity left out") })
        #expect(!FileManager.default.fileExists(atPath: folder.file("pos/negative")))
    }

    @Test("check: both polarities checked with a design check each; --polarity and a negative peak list select one")
    func check() throws {
        let flat = try SharedData.path("hea-catalyst-spectra")
        var options = CheckWorkflow.Options(path: flat)
        options.selection.groupBy = "^(?<polarity>[NP])_(?<sample>Ru-Pt)_Bi3_"
        let both = try CheckWorkflow.run(options)
        /// The polarity prefix (`N_`, `P_`) of every spot file the check read (each names itself in its lines).
        func checked(_ report: CheckWorkflow.Report) -> [String] {
            Set(report.lines.filter { $0.contains("_Ru-Pt_Bi3_") && $0.contains(".txt: ") }.map { $0.prefix { $0 != ":" } }).map { String($0.prefix(2)) }
        }
        #expect(checked(both).filter { $0 == "N_" }.count == 5 && checked(both).filter { $0 == "P_" }.count == 5)
        #expect(both.lines.contains { $0.hasPrefix("design (negative): ") } && both.lines.contains { $0.hasPrefix("design (positive): ") })

        options.selection.polarity = .positive
        let positive = try CheckWorkflow.run(options)
        #expect(Set(checked(positive)) == ["P_"] && checked(positive).count == 5)
        #expect(positive.lines.contains("study: analysing the positive spots only (--polarity); 5 spot(s) of the other polarity left out (e.g. N_Ru-Pt_Bi3_1)"))

        options.selection.polarity = nil
        options.peakList = StudySelectionWorkflowTests.referenceFolder + "/hea_negative_peaks.csv"
        let negative = try CheckWorkflow.run(options)
        #expect(Set(checked(negative)) == ["N_"])
        #expect(negative.lines.contains { $0.hasPrefix("study: analysing the negative spots only (the peak list's ions are all negative)") })
        #expect(!negative.lines.contains { $0.hasPrefix("design (") })
    }

    func microstructureSettings(_ rules: [String]) throws -> MicrostructureSettings {
        var settings = MicrostructureSettings()
        settings.phases = try rules.map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        settings.tortuosityPhases = []
        settings.smoothingSigma = 0.7
        settings.minimumIslandVoxels = 1
        return settings
    }

    @Test("microstructure: the marker ions' polarity or --polarity selects one")
    func microstructure() throws {
        let folder = try TemporaryFolder()
        let exports = try StudySelectionWorkflowTests.mixedImageStudy(in: folder) + "/A"
        // Positive markers: the positive measurements only, the negative ones named.
        let positive = try MicrostructureWorkflow(settings: try microstructureSettings(["lithium=Li+", "nickel=Ni+"]))
            .run(inputs: [exports], output: try OutputFolder(folder.file("pos")))
        #expect(positive.polarity == .positive && positive.otherPolarities.isEmpty)
        #expect(positive.analyses.map(\.name).sorted() == Self.positive)
        #expect(positive.record.warnings.contains { $0.contains("analysing the positive measurements only (the marker ions' polarity); 2 measurement(s) of the other polarity left out") })

        // --polarity names the negative sets (markers in another notation: SO3- is SO_3-).
        var settings = try microstructureSettings(["sulfite=SO3-", "sulfate=SO₄⁻"])
        settings.selection.polarity = .negative
        let negative = try MicrostructureWorkflow(settings: settings).run(inputs: [exports], output: try OutputFolder(folder.file("neg")))
        #expect(negative.polarity == .negative)
        #expect(negative.analyses.map(\.name).sorted() == Self.negative)
        #expect(negative.record.warnings.contains { $0.contains("(--polarity); 2 measurement(s) of the other polarity left out") })
    }
}
