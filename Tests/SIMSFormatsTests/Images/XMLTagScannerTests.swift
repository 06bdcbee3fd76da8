import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("XML tag scanner and SHA-1 (imzML)")
struct XMLTagScannerTests {
    /// One tag as plain values, for comparison.
    private struct Seen: Equatable {
        var name: String
        var isEnd: Bool
        var isEmpty: Bool
        var accession: String?
        var value: String?
    }

    private static let document = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <!-- a comment with <cvParam accession="fake"/> inside -->
        <mzML>
          <cvParam cvRef="MS" accession="MS:1000514" name="m/z array" value=""/>
          <cvParam accession = 'IMS:1000080' value="{A&amp;B&#x41;&#66;&lt;&gt;&quot;&apos;}" />
          <![CDATA[ <spectrum> not a tag ]]>
          <userParam name="x" value="a > b in quotes"/>
          <spectrum index="0">text &amp; more</spectrum>
        </mzML>
        """

    private static let expected = [
        Seen(name: "mzML", isEnd: false, isEmpty: false),
        Seen(name: "cvParam", isEnd: false, isEmpty: true, accession: "MS:1000514", value: ""),
        Seen(name: "cvParam", isEnd: false, isEmpty: true, accession: "IMS:1000080", value: "{A&BAB<>\"'}"),
        Seen(name: "userParam", isEnd: false, isEmpty: true, value: "a > b in quotes"),
        Seen(name: "spectrum", isEnd: false, isEmpty: false),
        Seen(name: "spectrum", isEnd: true, isEmpty: false),
        Seen(name: "mzML", isEnd: true, isEmpty: false),
    ]

    /// Every chunk size from tiny (tags, comments and CDATA straddle chunk borders) to larger than the file.
    @Test(arguments: [4, 7, 16, 33, 64, 1 << 20])
    func tagsAttributesAndEntitiesAcrossChunkBorders(chunkSize: Int) throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.document, to: "a.xml")
        var seen: [Seen] = []
        try XMLTagScanner.scan(file: folder.file("a.xml"), chunkSize: chunkSize) { tag in
            #expect(tag.isNamed("cvParam") == (tag.name == "cvParam"))
            seen.append(Seen(name: tag.name, isEnd: tag.isEnd, isEmpty: tag.isEmpty,
                             accession: tag.attribute("accession"), value: tag.attribute("value")))
        }
        #expect(seen == Self.expected)
    }

    @Test("an unterminated tag is a clear error with its byte offset")
    func unterminatedTag() throws {
        let folder = try TemporaryFolder()
        try folder.write("<mzML>\n<cvParam accession=\"MS:1\"", to: "b.xml")
        do {
            try XMLTagScanner.scan(file: folder.file("b.xml"), chunkSize: 8) { _ in }
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .truncated)
            #expect(error.byteOffset == 7)
        }
    }

    /// FIPS 180-4 test vector "one million a", fed in uneven pieces so blocks straddle updates.
    @Test func sha1OfAMillionAInUnevenPieces() {
        var sha = SHA1()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 997)
        var left = 1_000_000
        var size = 1
        while left > 0 {
            let n = min(size, left, piece.count)
            piece[0..<n].withUnsafeBytes { sha.update($0) }
            left -= n
            size = size * 3 % 1000 + 1
        }
        #expect(sha.finalizeHex() == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }
}
