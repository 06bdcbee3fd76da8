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
}
