import Foundation
import SIMSTestSupport
import Testing
@testable import SIMSReport

@Suite("SHA-256 (FIPS 180-4)")
struct SHA256Tests {
    // NIST FIPS 180-4 / CSRC example values.
    @Test("Known-answer vectors")
    func vectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("Two-block message and one million 'a'")
    func longer() {
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var h = SHA256()
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0 ..< 1000 { h.update(chunk) }  // incremental, crosses block boundaries
        #expect(SHA256.hexString(h.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("A one-byte change of an input file changes its hash; size is recorded")
    func fileHash() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("# header\n1\t2.5\t30\n", to: "spot1.txt")
        let before = try Provenance.Input(hashing: path)
        #expect(before.bytes == 18 && before.sha256 == SHA256.hex(Array("# header\n1\t2.5\t30\n".utf8)))
        try folder.write("# header\n1\t2.5\t31\n", to: "spot1.txt")
        let after = try Provenance.Input(hashing: path)
        #expect(after.bytes == before.bytes && after.sha256 != before.sha256)
        #expect(throws: SIMSError.self) { try Provenance.Input(hashing: folder.file("missing.txt")) }
    }
}
