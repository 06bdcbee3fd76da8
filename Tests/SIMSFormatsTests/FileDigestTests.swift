import Foundation
import SIMSTestSupport
import Testing
@testable import SIMSFormats

@Suite("SHA-256 of inputs (FileDigest, FIPS 180-4)")
struct FileDigestTests {
    // NIST FIPS 180-4 / CSRC example values.
    @Test("Known-answer vectors: empty, 'abc', two blocks, one million 'a'")
    func vectors() {
        #expect(FileDigest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(FileDigest.sha256Hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(FileDigest.sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = FileDigest(of: Data(repeating: 0x61, count: 1_000_000))
        #expect(million.sha256 == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" && million.bytes == 1_000_000)
    }

    @Test("A one-byte change of an input file changes its hash; size is recorded; a missing file names itself")
    func fileHash() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("# header\n1\t2.5\t30\n", to: "spot1.txt")
        let before = try FileDigest(contentsOf: path)
        #expect(before.bytes == 18 && before.sha256 == FileDigest.sha256Hex(Array("# header\n1\t2.5\t30\n".utf8)))
        try folder.write("# header\n1\t2.5\t31\n", to: "spot1.txt")
        let after = try FileDigest(contentsOf: path)
        #expect(after.bytes == before.bytes && after.sha256 != before.sha256)
        #expect(throws: SIMSError.self) { try FileDigest(contentsOf: folder.file("missing.txt")) }
        let empty = try FileDigest(contentsOf: try folder.write("", to: "empty.txt"))
        #expect(empty.bytes == 0 && empty.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("Real exports: equal to coreutils sha256sum")
    func matchesSha256sum() throws {
        for name in ["N_HEA19_Bi1_1.txt", "P_Ru_Bi1_1.txt"] {
            let path = try SharedData.path("hea-catalyst-spectra/" + name)
            let (status, output) = try ExternalTool.run(["sha256sum", path])
            try #require(status == 0)
            let expected = String(decoding: output.prefix(64), as: UTF8.self)
            #expect(try FileDigest(contentsOf: path).sha256 == expected, "\(name)")
        }
    }
}
