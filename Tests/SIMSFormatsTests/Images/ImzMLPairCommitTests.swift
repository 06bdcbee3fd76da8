import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

/// The `.imzML` + `.ibd` pair is committed in order (previous `.ibd` parked, new `.ibd`, new `.imzML`), so a run
/// killed between the two renames leaves the previous pair recoverable and the reader says how.
@Suite("imzML pair commit")
struct ImzMLPairCommitTests {
    /// Writes `set` as a pair into `folder/staged` and returns temporary copies beside `target` (as the writer
    /// leaves them before its commit).
    static func stagedPair(_ set: ImageSet, in folder: TemporaryFolder, beside target: String) throws -> (binary: String, xml: String) {
        try ImzML.write(set, to: folder.file("staged/m.imzML"))
        let binary = PathName.parent(of: target) + "/.m.ibd.1.tmp", xml = PathName.parent(of: target) + "/.m.imzML.1.tmp"
        try FileManager.default.copyItem(atPath: folder.file("staged/m.ibd"), toPath: binary)
        try FileManager.default.copyItem(atPath: folder.file("staged/m.imzML"), toPath: xml)
        try FileManager.default.removeItem(atPath: folder.file("staged"))
        return (binary, xml)
    }

    @Test("killed between the .ibd and the .imzML rename: the reader names the parked previous .ibd; renaming it back restores the previous pair")
    func killedBetweenRenames() throws {
        let folder = try TemporaryFolder()
        let target = folder.file("out/m.imzML"), binaryPath = folder.file("out/m.ibd")
        let previous = try ImzMLWriterTests.sampleSet()
        try ImzML.write(previous, to: target)
        let staged = try Self.stagedPair(try ImzMLWriterTests.sampleSet(fractional: true), in: folder, beside: target)

        try ImzML.commitPair(binary: staged.binary, xml: staged.xml, to: target, binaryPath: binaryPath, stopAfterBinary: true)
        let parked = try #require(ImzML.parkedBinaries(of: binaryPath).first)
        #expect(ImzML.parkedBinaries(of: binaryPath).count == 1)
        do {
            _ = try ImzML.open(target)
            Issue.record("a mixed pair opened")
        } catch {
            #expect(error.description.contains("killed between") && error.description.contains(parked), "\(error.description)")
        }
        // The user's way back: the previous pair, unchanged.
        #expect(rename(parked, binaryPath) == 0)
        let restored = try ImzML.open(target).storedImageSet()
        #expect(restored.image(of: "Li-")?.counts == previous.image(of: "Li-")?.counts)
        #expect(restored.image(of: "F-")?.counts == previous.image(of: "F-")?.counts)
    }

    @Test("a complete commit leaves no parked file and removes those of killed runs; a mismatch without one keeps the plain message")
    func completeCommitCleansUp() throws {
        let folder = try TemporaryFolder()
        let target = folder.file("out/m.imzML"), binaryPath = folder.file("out/m.ibd")
        try ImzML.write(try ImzMLWriterTests.sampleSet(), to: target)
        let staged = try Self.stagedPair(try ImzMLWriterTests.sampleSet(fractional: true), in: folder, beside: target)
        try ImzML.commitPair(binary: staged.binary, xml: staged.xml, to: target, binaryPath: binaryPath, stopAfterBinary: true)
        #expect(ImzML.parkedBinaries(of: binaryPath).count == 1)

        let next = try ImzMLWriterTests.sampleSet(fractional: true)
        try ImzML.write(next, to: target)
        #expect(ImzML.parkedBinaries(of: binaryPath).isEmpty)
        #expect(try ImzML.open(target).storedImageSet().image(of: "Li-")?.counts == next.image(of: "Li-")?.counts)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out")).sorted() == [".m.imzML.1.tmp", "m.ibd", "m.imzML"])

        // Another pair's .ibd put in place by hand: no parked file, the plain message.
        try ImzML.write(try ImzMLWriterTests.sampleSet(), to: folder.file("other/m.imzML"))
        try FileManager.default.removeItem(atPath: binaryPath)
        try FileManager.default.copyItem(atPath: folder.file("other/m.ibd"), toPath: binaryPath)
        #expect { _ = try ImzML.open(target) } throws: { error in
            (error as? SIMSError)?.description.contains("UUIDs differ") == true && (error as? SIMSError)?.description.contains("killed") == false
        }
    }
}
