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

    @Test func atomicWriteReplacesAndLeavesNoTemporaryFiles() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("sub/out.txt")
        try AtomicFile.write("first", to: path)
        try AtomicFile.write("second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("sub"))
        #expect(names == ["out.txt"])
    }
}
