import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

@Suite("sims inspect")
struct InspectWorkflowTests {
    @Test func summariesOfRealFiles() throws {
        let spectrum = try SharedData.path("hea-catalyst-spectra/N_HEA19_Bi1_1.txt")
        let list = try SharedData.path("lombardo-scripts/Example_mass_interval_list.txt")
        let profile = try SharedData.path("perovskite-depth-profiles/MAPI-stack/I241209m_A_MAPI_1f-1nA_pos-B4 - NF.txt")
        let result = InspectWorkflow.inspect(paths: [spectrum, list, profile, "/no/such/file.txt"])
        #expect(result.summaries.count == 3)
        #expect(result.failures.count == 1)
        #expect(result.failures.first?.kind == .fileNotFound)
        let s = result.summaries[0]
        #expect(s.kind == .spectrum)
        #expect(s.property("points") == "4950")
        #expect(s.property("mass range (u)") == "0.000202–901.279")
        #expect(s.property("dead-time corrected") == "yes")
        #expect(s.header.map(\.key) == ["Binning", "Deadtime Correction"])
        #expect(result.summaries[1].property("peaks") == "320")
        #expect(result.summaries[1].property("total row") == "yes (row 1)")
        #expect(result.summaries[2].property("cycles") == "164")
        #expect(result.summaries[2].property("ratio columns") == "5")
        // The reader's own bookkeeping is a property in words, not an export header line.
        #expect(result.summaries[2].property("trailing all-zero rows dropped") == "1")
        #expect(!result.summaries[2].header.contains { $0.key.hasPrefix("SIMSKit.") })
        #expect(result.summaries[2].header.map(\.key) == ["Profile Smoothing is Disabled"])
        let json = InspectWorkflow.json(of: result.summaries)
        let decoded = try JSONDecoder().decode([FileSummary].self, from: Data(json.utf8))
        #expect(decoded == result.summaries)
        #expect(InspectWorkflow.text(of: [s]).contains("  kind: IONTOF spectrum\n"))
    }
}

@Suite("sims inspect on all shared data")
struct InspectAllSharedDataTests {
    @Test func everyFileIsSummarisedWithoutFailure() throws {
        let root = try SharedData.path("")
        var paths: [String] = []
        for case let relative as String in FileManager.default.enumerator(atPath: root)! {
            var isDirectory: ObjCBool = false
            let path = root + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { paths.append(path) }
        }
        let result = InspectWorkflow.inspect(paths: paths.sorted())
        #expect(result.failures.isEmpty, "\(result.failures.map(\.description))")
        #expect(result.summaries.count == paths.count)
        let kinds = Dictionary(grouping: result.summaries, by: \.kind).mapValues(\.count)
        #expect(kinds[.spectrum] == 262)
        #expect(kinds[.depthProfile] == 27)
        #expect(kinds[.intervalList] == 1)
        #expect(kinds[.imzML] == 3)
        #expect(kinds[.xlsx] == 4)
        #expect(result.summaries.filter { $0.kind == .depthProfile }.allSatisfy { Int($0.property("cycles") ?? "") ?? 0 > 10 })
    }
}

extension InspectAllSharedDataTests {
    @Test("a folder expands to its files; the .ibd beside an imzML is covered by the imzML's summary")
    func folderOfImzML() throws {
        let result = InspectWorkflow.inspect(paths: [try SharedData.path("imzml")])
        #expect(result.failures.isEmpty)
        #expect(result.summaries.map { ($0.path as NSString).lastPathComponent } == ["Example_Continuous.imzML", "Example_Processed.imzML", "iontof_sparse.imzML"])
        let continuous = result.summaries[0]
        #expect(continuous.property("storage") == "continuous" && continuous.property("pixels") == "3 x 3" && continuous.property("spectra") == "9")
        #expect(result.summaries[2].property("spectra") == "6" && result.summaries[2].property("pixels") == "4 x 4")
    }
}
