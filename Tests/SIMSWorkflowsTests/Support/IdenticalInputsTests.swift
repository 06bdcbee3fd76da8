import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

/// A byte-identical copy of an input is one measurement: counted once, with a warning (#21 item 5).
@Suite("Byte-identical inputs are counted once")
struct IdenticalInputsTests {
    @Test func theRealDepthProfileInTwoFoldersIsNotTwoReplicates() throws {
        // I241209p_A_MAPI_1f-1nA_neg-B4 sits in MAPI-2PACz-dip-aging and MAPI-stack (SHA-256 ed2e9a1d…); before,
        // both copies were averaged as two replicate craters with sd 0.
        let name = "I241209p_A_MAPI_1f-1nA_neg-B4 - NF.txt"
        let copies = [try SharedData.path("perovskite-depth-profiles/MAPI-2PACz-dip-aging/" + name),
                      try SharedData.path("perovskite-depth-profiles/MAPI-stack/" + name)]
        let inputs = try DepthInputs(paths: copies, grouping: .name)
        #expect(inputs.groups.count == 1 && inputs.groups[0].files.count == 2)
        var settings = DepthSettings()
        settings.ions = ["CN-", "I-"]
        let folder = try TemporaryFolder()
        let result = try DepthWorkflow(settings: settings).run(inputs: inputs, output: try OutputFolder(folder.file("out")))
        #expect(result.analyses.count == 1)
        #expect(result.replicates.isEmpty)
        let warning = try #require(result.record.warnings.first { $0.contains("byte-identical") })
        #expect(warning.contains("MAPI-stack/" + name) && warning.contains("MAPI-2PACz-dip-aging/" + name) && warning.contains("ed2e9a1dd011"))
        #expect(Set(result.record.inputs) == Set(copies), "both copies stay in provenance")
    }

    @Test func aCopiedSpectrumIsOneSpot() throws {
        let folder = try TemporaryFolder()
        let root = try SpectraWorkflowTests.makeStudy(in: folder, extraSample: false)
        // Spot 6 of Ru-Pd is a copy of spot 1 under another name.
        try FileManager.default.copyItem(atPath: try SharedData.path("hea-catalyst-spectra/N_Ru-Pd_Bi3_1.txt"),
                                         toPath: root + "/Ru-Pd/N_Ru-Pd_Bi3_6.txt")
        var options = SpectraOptions(root: root, peakList: SpectraWorkflowTests.referenceFolder + "/hea_negative_peaks.csv", output: folder.file("out"))
        options.plots = false
        options.bootstrapResamples = 100
        let result = try SpectraWorkflow.run(options)
        #expect(result.table.rows.count == 15)
        #expect(result.table.rows.filter { $0.sample == "Ru-Pd" }.count == 5)
        #expect(result.record.warnings.contains { $0.contains("Ru-Pd/N_Ru-Pd_Bi3_6 is byte-identical to Ru-Pd/N_Ru-Pd_Bi3_1") })
    }

    @Test func aCopiedImageSetIsOneMeasurement() throws {
        let folder = try TemporaryFolder()
        let root = try ImagesWorkflowTests.makeStudy(in: folder)
        // Sample B's folder gets a byte-identical copy of every file of A_spot1 (another sample's measurement).
        for file in try FileManager.default.contentsOfDirectory(atPath: root + "/A") where file.hasPrefix("A_spot1") {
            try FileManager.default.copyItem(atPath: root + "/A/" + file, toPath: root + "/B/" + file)
        }
        var options = ImagesOptions(root: root, output: folder.file("out"))
        options.plots = false
        let result = try ImagesWorkflow.run(options)
        #expect(Set(result.rows.map { "\($0.sample)/\($0.measurement)" }).count == 4)
        #expect(result.record.warnings.contains { $0.contains("B/A_spot1 is byte-identical to A/A_spot1") })
    }

    @Test func unreadableOrDistinctFilesAreKept() throws {
        let folder = try TemporaryFolder()
        let a = try folder.write("1\n", to: "a.txt"), b = try folder.write("2\n", to: "b.txt"), c = try folder.write("1\n", to: "c.txt")
        var record = RunRecord(command: "test")
        let kept = IdenticalInputs.firstOccurrences([a, b, folder.file("missing.txt"), c], files: { [$0] }, name: { $0 }, record: &record)
        #expect(kept == [a, b, folder.file("missing.txt")])
        #expect(record.warnings.count == 1)
    }
}
