import Foundation
import SIMSTestSupport
import Testing
@testable import SIMSFormats

@Suite("Spreadsheet (.xlsx) reader and the paper's input sheets")
struct SpreadsheetTests {
    @Test("cell references")
    func references() {
        #expect(CellReference("B7") == CellReference(column: 2, row: 7))
        #expect(CellReference("aa12") == CellReference(column: 27, row: 12))
        #expect(CellReference("$C$3") == CellReference(column: 3, row: 3))
        #expect(CellReference("XFD1048576")?.column == 16_384)
        for bad in ["", "7B", "B", "12", "B0", "B-1", "B7C"] { #expect(CellReference(bad) == nil, "\(bad)") }
        #expect(CellReference(column: 28, row: 4).description == "AB4")
        #expect(CellReference(column: 26, row: 1).description == "Z1")
    }

    @Test("the paper's spectra input sheet: fields and Windows paths")
    func spectraInputs() throws {
        let path = try SharedData.path("lombardo-scripts/Inputs_ToF_spectra_analyzer.xlsx")
        let book = try SpreadsheetWorkbook(path: path)
        #expect(book.sheets.map(\.name) == ["Sheet1"])
        #expect(book.sheets[0]["A6"]?.text == "Custom normalization peak")
        // Rich-text shared string: runs are concatenated.
        #expect(book.sheets[0]["C4"]?.text == "Name of the mass interval list file with extension.")
        let inputs = try SpectraAnalyzerInputs(path: path)
        #expect(inputs.referencePeak == "SiO_2-")
        #expect(inputs.importantPeaks == ["CO_3Li-", "CO_3-", "LiF_2-", "LiF-", "C_2P-", "SiO_2-", "LiO-", "PO_2-", "C_3-", "C_4-"])
        #expect(inputs.spectraFolder?.hasSuffix("\\Extracted_spectra") == true)
        #expect(SpectraAnalyzerInputs.fileName(of: inputs.intervalList ?? "") == "MIL_Grapgite-Si_22_8_30_TL.TXT")

        // The list lies inside the spectra folder on the author's machine → same place under ROOT.
        let root = try TemporaryFolder()
        try root.write("x", to: "MIL_Grapgite-Si_22_8_30_TL.TXT")
        #expect(inputs.intervalListPath(under: root.path) == root.file("MIL_Grapgite-Si_22_8_30_TL.TXT"))
        let other = try TemporaryFolder()
        try other.write("x", to: "lists/mil_grapgite-si_22_8_30_tl.txt")
        #expect(inputs.intervalListPath(under: other.path) == other.file("lists/mil_grapgite-si_22_8_30_tl.txt"))
        #expect(inputs.intervalListPath(under: try TemporaryFolder().path) == nil)
    }

    @Test("numbers in the PCA input sheet")
    func pcaNumbers() throws {
        let book = try SpreadsheetWorkbook(path: try SharedData.path("lombardo-scripts/Inputs_ToF - PCA (example).xlsx"))
        let sheet = book.sheets[0]
        #expect(sheet["B5"] == .number(0.1))
        #expect(sheet["B6"]?.number == 149.9)
        #expect(sheet["B7"]?.number == 5e-4)
        #expect(sheet["B8"]?.text == "4")
        #expect(sheet["Z99"] == nil)
    }

    @Test("worksheet XML: inline strings, booleans, errors, formulas, cells without r")
    func worksheetVariants() throws {
        let xml = """
        <worksheet><sheetData>
        <row r="2"><c r="A2" t="inlineStr"><is><t>hello</t></is></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#N/A</v></c></row>
        <row r="3"><c><v>1.5</v></c><c t="str"><f>A1</f><v>x</v></c><c r="D3" t="s"><v>1</v></c></row>
        </sheetData></worksheet>
        """
        let cells = try WorksheetParser.parse(Data(xml.utf8), sharedStrings: ["zero", "one"], file: "t.xlsx")
        #expect(cells[CellReference("A2")!] == .text("hello"))
        #expect(cells[CellReference("B2")!] == .boolean(true))
        #expect(cells[CellReference("C2")!] == .error("#N/A"))
        #expect(cells[CellReference("A3")!] == .number(1.5))
        #expect(cells[CellReference("B3")!] == .text("x"))
        #expect(cells[CellReference("D3")!] == .text("one"))
        let bad = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row></sheetData></worksheet>"
        #expect(throws: SIMSError.self) { try WorksheetParser.parse(Data(bad.utf8), sharedStrings: [], file: "t.xlsx") }
        let number = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>12,5</v></c></row></sheetData></worksheet>"
        #expect(throws: SIMSError.self) { try WorksheetParser.parse(Data(number.utf8), sharedStrings: [], file: "t.xlsx") }
    }

    @Test("not a workbook: clear errors")
    func corrupt() throws {
        let folder = try TemporaryFolder()
        let garbage = try folder.write("this is not a zip", to: "bad.xlsx")
        do { _ = try SpreadsheetWorkbook(path: garbage); Issue.record("expected an error") } catch {
            #expect(error.file == garbage && error.kind == .malformed)
        }
        do { _ = try SpreadsheetWorkbook(path: folder.file("missing.xlsx")); Issue.record("expected an error") } catch {
            #expect(error.kind == .fileNotFound)
        }
    }

    /// ZIPArchive (which replaced ZIPFoundation, whose inflate loop never ended on a stream cut short — the two
    /// fuzzer hangs in Fuzz/regressions/xlsx): a part whose stated compressed size cuts its DEFLATE stream, a
    /// flipped byte inside a part, and a part pointing past the file are errors naming the part; the intact
    /// workbook reads the same through `init(data:source:)` as through the path.
    @Test("damaged workbooks: cut, corrupt or out-of-file parts are errors naming the part, never a hang")
    func damagedWorkbooks() throws {
        let path = try SharedData.path("lombardo-scripts/Inputs_ToF_spectra_analyzer.xlsx")
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let intact = try SpreadsheetWorkbook(data: original, source: "book.xlsx")
        #expect(intact.sheets[0]["A6"]?.text == (try SpreadsheetWorkbook(path: path)).sheets[0]["A6"]?.text)
        let archive = try ZIPArchive(bytes: original, path: "book.xlsx")
        let part = try #require(archive.parts["xl/workbook.xml"])
        #expect(part.method == 8)
        // The central directory entry of the part, to edit its sizes and offset.
        let name = Array("xl/workbook.xml".utf8)
        var entry = -1
        for offset in 0..<(original.count - 46 - name.count)
        where LittleEndian.uint32(original, at: offset) == 0x0201_4B50 && Array(original[(offset + 46)..<(offset + 46 + name.count)]) == name {
            entry = offset
        }
        try #require(entry >= 0)
        func edited(_ change: (inout Data) -> Void) -> Data { var copy = original; change(&copy); return copy }
        func put32(_ value: Int, at offset: Int, in data: inout Data) {
            for k in 0..<4 { data[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
        }
        let cut = edited { put32(part.compressedSize / 2, at: entry + 20, in: &$0) }
        let flipped = edited { data in
            let start = part.localHeaderOffset + 30 + Int(LittleEndian.uint16(data, at: part.localHeaderOffset + 26)) + Int(LittleEndian.uint16(data, at: part.localHeaderOffset + 28))
            data[start + part.compressedSize / 2] ^= 0x5A
        }
        let outside = edited { put32(original.count - 10, at: entry + 42, in: &$0) }
        for (label, bytes) in [("cut", cut), ("flipped", flipped), ("outside", outside)] {
            #expect(throws: SIMSError.self, "\(label)") { try SpreadsheetWorkbook(data: bytes, source: "book.xlsx") }
            do { _ = try SpreadsheetWorkbook(data: bytes, source: "book.xlsx") } catch {
                #expect("\(error)".contains("book.xlsx") && "\(error)".contains("xl/workbook.xml"), "\(label): \(error)")
            }
        }
        #expect(throws: SIMSError.self) { try SpreadsheetWorkbook(data: Data(original.prefix(original.count / 2)), source: "half.xlsx") }
    }
}
