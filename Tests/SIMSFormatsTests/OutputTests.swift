import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("Outputs")
struct OutputTests {
    @Test func csvQuotesAndFormatsDeterministically() {
        var table = CSVTable(header: ["name", "value", "n"])
        table.append([.text("a,b"), .number(0.1), .integer(3)])
        table.append([.text("say \"hi\""), .number(.nan), .empty])
        table.append([.text("x"), .number(2.0), .optional(nil)])
        #expect(table.text == "name,value,n\n\"a,b\",0.1,3\n\"say \"\"hi\"\"\",,\nx,2,\n")
    }

    @Test func csvNumbersMatchSwiftsShortestRoundTripText() {
        // The byte writer must give exactly the text of `"\(value)"` (and integers below 10¹⁵ without ".0").
        let values: [Double] = [0.1, -0.000123456789012345678, 1e-300, 5e-324, .greatestFiniteMagnitude, 123456.789,
                                1e15, -1e15, 999_999_999_999_999, -0.0, 2.5, 1.0 / 3.0, 6.02214076e23]
        for value in values {
            let expected = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
            #expect(CSVTable.format(value) == expected, "\(value)")
        }
        var table = CSVTable(header: ["i"])
        for value in [Int.min, Int.max, 0, -7] { table.append([.integer(value)]) }
        #expect(table.text == "i\n-9223372036854775808\n9223372036854775807\n0\n-7\n")
    }

    @Test func csvRowsAndBlocksRoundTrip() {
        let header = ["text", "x"]
        var first = CSVTable(header: header), second = CSVTable(header: header)
        first.append([.text("a,b"), .number(1.5)])
        first.append([.text("line\r\nbreak"), .empty])
        second.append([.text("say \"hi\""), .integer(2)])
        let joined = CSVTable(header: header, concatenating: [first, CSVTable(header: header), second])
        #expect(joined.rowCount == 3)
        #expect(joined.rows == [["\"a,b\"", "1.5"], ["\"line\r\nbreak\"", ""], ["\"say \"\"hi\"\"\"", "2"]])
        #expect(joined.text == "text,x\n\"a,b\",1.5\n\"line\r\nbreak\",\n\"say \"\"hi\"\"\",2\n")
        #expect(joined.bytes == Array(joined.text.utf8))
    }

    @Test func atomicWriteReplacesAndLeavesNoTemporaryFiles() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("sub/out.txt")
        try AtomicFile.write("first", to: path)
        try AtomicFile.write("second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("sub"))
        #expect(names == ["out.txt"])
    }

    /// The POSIX write loop: empty and multi-megabyte contents come back byte for byte, with the mode `Data.write`
    /// gave (0666 less the umask).
    @Test func atomicWriteKeepsEveryByte() throws {
        let folder = try TemporaryFolder()
        var generator = SystemRandomNumberGenerator()
        let large = Data((0..<3_000_001).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try AtomicFile.write(large, to: folder.file("large.bin"))
        try AtomicFile.write(Data(), to: folder.file("empty.bin"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("large.bin"))) == large)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("empty.bin"))).isEmpty)
        let mask = umask(0o022); umask(mask)
        let mode = try FileManager.default.attributesOfItem(atPath: folder.file("large.bin"))[.posixPermissions] as? Int
        #expect(mode == 0o666 & ~Int(mask))
        try AtomicFile.makeDurable([folder.file("large.bin"), folder.file("empty.bin")])
    }

    @Test func failedWritesAndSyncsNameTheFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("a file, not a folder", to: "blocker")
        #expect { try AtomicFile.write("x", to: folder.file("blocker/out.txt")) } throws: { error in
            (error as? SIMSError)?.kind == .writeFailed && (error as? SIMSError)?.file == folder.file("blocker/out.txt")
        }
        let readOnly = folder.file("read-only")
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
        chmod(readOnly, 0o555)
        defer { chmod(readOnly, 0o755) }
        if access(readOnly, W_OK) != 0 {  // root may write anyway
            #expect { try AtomicFile.write("x", to: readOnly + "/out.txt") } throws: { error in
                (error as? SIMSError)?.kind == .writeFailed && (error as? SIMSError)?.file == readOnly + "/out.txt"
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: readOnly).isEmpty)
        }
        #expect { try AtomicFile.makeDurable([folder.file("blocker"), folder.file("missing.csv")]) } throws: { error in
            (error as? SIMSError)?.kind == .writeFailed && (error as? SIMSError)?.file == folder.file("missing.csv")
        }
    }
}
