import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("Study discovery")
struct StudyFolderTests {
    @Test func folderTreeBecomesSortedStudy() throws {
        let folder = try TemporaryFolder()
        try folder.write("x", to: "root/NMC-b/spot2.txt")
        try folder.write("x", to: "root/NMC-b/spot1.txt")
        try folder.write("x", to: "root/NMC-a/s1.txt")
        try folder.write("x", to: "root/NMC-a/.DS_Store")
        try folder.write("x", to: "root/.hidden/s.txt")
        try folder.write("x", to: "root/notes.md")
        let study = try StudyFolder.discover(at: folder.file("root"))
        #expect(study.samples.map(\.name) == ["NMC-a", "NMC-b"])
        #expect(study.samples[1].spots.map(\.name) == ["spot1", "spot2"])
        #expect(study.samples[1].spots[0].path == folder.file("root/NMC-b/spot1.txt"))
        #expect(study.allSpots.count == 3)
    }

    @Test func clearErrors() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("empty"), withIntermediateDirectories: true)
        #expect { try StudyFolder.discover(at: folder.file("empty")) } throws: { error in
            (error as? SIMSError)?.kind == .empty && "\(error)".contains("study folder is empty") && !"\(error)".contains("--group-by")
        }
        try folder.write("x", to: "flat/N_a_Bi1_1.txt")
        #expect { try StudyFolder.discover(at: folder.file("flat")) } throws: { error in
            (error as? SIMSError)?.kind == .empty && "\(error)".contains("no sample sub-folders") && "\(error)".contains("--group-by")
        }
        try FileManager.default.createDirectory(atPath: folder.file("r/sampleA"), withIntermediateDirectories: true)
        try folder.write("x", to: "r/sampleB/a.txt")
        #expect { try StudyFolder.discover(at: folder.file("r")) } throws: { error in
            "\(error)".contains("sample \"sampleA\" has no spot files") && "\(error)".contains("r/sampleA")
        }
        #expect { try StudyFolder.discover(at: folder.file("missing")) } throws: { error in
            (error as? SIMSError)?.kind == .fileNotFound
        }
    }
}
