import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("Flat folders grouped by file name (--group-by)")
struct FileGroupingTests {
    @Test func flatFolderBecomesStudyAndLeftOutIsSummarised() throws {
        let folder = try TemporaryFolder()
        for name in ["N_Ru-Pd_Bi3_2.txt", "N_Ru-Pd_Bi3_1.txt", "N_Ru_Bi3_1.txt", "P_Ru_Bi3_1.txt", "XRD_Ru.xy", "XRD_Ru-Pd.csv", "notes.txt"] {
            try folder.write("x", to: "flat/" + name)
        }
        let study = try StudyFolder.discover(at: folder.file("flat"), fileExtensions: ["txt"], grouping: try FileGrouping("^N_(?<sample>.+?)_Bi"))
        #expect(study.samples.map(\.name) == ["Ru", "Ru-Pd"])
        #expect(study.samples[1].spots.map(\.name) == ["N_Ru-Pd_Bi3_1", "N_Ru-Pd_Bi3_2"])
        #expect(study.samples[1].spots.allSatisfy { $0.polarity == .negative })
        #expect(study.leftOut.count == 4)
        let summary = try #require(study.leftOutSummary)
        #expect(summary == "left out 4 files of the study folder: 2 name does not match --group-by (e.g. P_Ru_Bi3_1.txt); 2 not a .txt export (e.g. XRD_Ru-Pd.csv)")

        // Both polarities with a `polarity` and a `spot` group; the study splits by polarity.
        let both = try StudyFolder.discover(at: folder.file("flat"), fileExtensions: ["txt"],
                                            grouping: try FileGrouping("^(?<polarity>[NP])_(?<sample>Ru)_Bi3_(?<spot>\\d+)$"))
        #expect(both.samples.map(\.name) == ["Ru"])
        #expect(both.samples[0].spots.map(\.name) == ["1", "1"])
        #expect(both.polarities == [.negative, .positive])
        #expect(both.restricted(to: .positive).allSpots.map(\.spot.path) == [folder.file("flat/P_Ru_Bi3_1.txt")])
    }

    @Test func clearErrors() throws {
        let folder = try TemporaryFolder()
        try folder.write("x", to: "flat/N_A_1.txt")
        try folder.write("x", to: "flat/N_A_2.txt")
        #expect { try FileGrouping("^N_(.+)_") } throws: { "\($0)".contains("named group `sample`") }
        #expect { try FileGrouping("^N_(?<sample>.+") } throws: { "\($0)".contains("not a valid regular expression") }
        try folder.write("x", to: "twice/N_A_1_x.txt")
        try folder.write("x", to: "twice/N_A_1_y.txt")
        #expect { try StudyFolder.discover(at: folder.file("twice"), grouping: try FileGrouping("^N_(?<sample>A)_(?<spot>\\d)")) } throws: { error in
            "\(error)".contains("the same sample \"A\" and spot")
        }
        #expect { try StudyFolder.discover(at: folder.file("flat"), grouping: try FileGrouping("^P_(?<sample>.+)")) } throws: { error in
            "\(error)".contains("no file name matches --group-by")
        }
        // Without --group-by a flat folder says what to do.
        #expect { try StudyFolder.discover(at: folder.file("flat")) } throws: { error in
            "\(error)".contains("--group-by")
        }
    }

    @Test func polarityFromFileNames() {
        #expect(Polarity(fileName: "N_Ru-Pd_Bi3_1") == .negative)
        #expect(Polarity(fileName: "P_Ru-Pd_Bi3_1") == .positive)
        #expect(Polarity(fileName: "cathode_pos_spot3") == .positive)
        #expect(Polarity(fileName: "NEGATIVE-2") == .negative)
        #expect(Polarity(fileName: "spot1") == nil)
        #expect(Polarity(fileName: "NMC_1") == nil)
    }

    @Test func manifestHoldsThePattern() throws {
        let folder = try TemporaryFolder()
        try folder.write("x", to: "flat/N_A_1.txt")
        try folder.write("x", to: "flat/N_B_1.txt")
        try folder.write("x", to: "flat/N_B_1.csv")
        try folder.write("group_by = '^N_(?<sample>[^_]+)_'\n[acquisition]\nprimary_ion = \"Bi3+\"\n", to: "flat/sims.toml")
        let study = try StudyLoader.load(from: folder.file("flat"), fileExtensions: ["txt"])
        #expect(study.samples.map(\.name) == ["A", "B"])
        #expect(study.acquisition.primaryIon == "Bi3+")
        #expect(study.metadata["group_by"] == nil)
        #expect(study.leftOut.map(\.path) == [folder.file("flat/N_B_1.csv")])
        // --group-by wins over the manifest's pattern.
        let override = try StudyLoader.load(from: folder.file("flat"), fileExtensions: ["txt"], grouping: try FileGrouping("^N_(?<sample>B)_"))
        #expect(override.samples.map(\.name) == ["B"])
    }
}
