import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SIMSCore

/// A small, read-only .xlsx (Office Open XML SpreadsheetML) reader: cell values of every sheet.
///
/// Enough for parameter sheets such as the paper scripts' `Inputs_*.xlsx`: shared strings (including rich
/// text runs), inline strings, numbers, booleans, errors and formula results. Formatting, formulas
/// themselves, merged cells and dates as dates are ignored. The archive is read by ``ZIPArchive`` (zlib) and
/// the XML parts (`xl/workbook.xml`, its relationships, `xl/sharedStrings.xml`, `xl/worksheets/*.xml`)
/// with Foundation's `XMLParser` (ECMA-376 Part 1, §18.2 workbook, §18.3 worksheet, §18.4 shared strings).
///
/// ```swift
/// let book = try SpreadsheetWorkbook(path: "Inputs_ToF_spectra_analyzer.xlsx")
/// let folder = book.sheets[0]["B3"]?.text
/// ```
public struct SpreadsheetWorkbook: Sendable {
    /// The sheets in workbook order.
    public var sheets: [SpreadsheetSheet]
    /// Where the workbook came from.
    public var source: String

    /// The sheet called `name` (exact), if any.
    public func sheet(named name: String) -> SpreadsheetSheet? { sheets.first { $0.name == name } }

    /// Reads the workbook at `path`.
    /// - Throws: `SIMSError` naming the file and the part that is missing or malformed.
    public init(path: String) throws(SIMSError) {
        try self.init(data: try FileBytes(contentsOf: path).data, source: path)
    }

    /// Reads a workbook from its bytes; `source` names it in errors.
    /// - Throws: `SIMSError` naming `source` and the part that is missing or malformed.
    public init(data: Data, source: String) throws(SIMSError) {
        self.source = source
        let path = source
        let archive = try ZIPArchive(bytes: data, path: path)
        func part(_ name: String, required: Bool) throws(SIMSError) -> Data? {
            guard let data = try archive.contents(of: name) else {
                if required { throw .malformed("the workbook has no part \(name)", file: path, expected: "an .xlsx workbook") }
                return nil
            }
            return data
        }
        let shared = try part("xl/sharedStrings.xml", required: false).map { data throws(SIMSError) in
            try SharedStringsParser.parse(data, file: path)
        } ?? []
        let workbook = try WorkbookParser.parse(try part("xl/workbook.xml", required: true)!, file: path)
        let relationships = try part("xl/_rels/workbook.xml.rels", required: false).map { data throws(SIMSError) in
            try RelationshipsParser.parse(data, file: path)
        } ?? [:]
        var sheets: [SpreadsheetSheet] = []
        for (index, sheet) in workbook.enumerated() {
            var target = relationships[sheet.relationship] ?? "worksheets/sheet\(index + 1).xml"
            if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
            let data = try part(target, required: true)!
            let cells = try WorksheetParser.parse(data, sharedStrings: shared, file: path + " [" + target + "]")
            sheets.append(SpreadsheetSheet(name: sheet.name, cells: cells))
        }
        self.sheets = sheets
    }
}

/// One sheet: its cells by reference.
public struct SpreadsheetSheet: Sendable {
    /// The sheet's name as shown on its tab.
    public var name: String
    /// Non-empty cells by reference.
    public var cells: [CellReference: SpreadsheetCell]

    /// Creates a sheet.
    public init(name: String, cells: [CellReference: SpreadsheetCell]) { self.name = name; self.cells = cells }

    /// The cell at an A1 reference (`"B7"`), or `nil` when empty or not a reference.
    public subscript(_ reference: String) -> SpreadsheetCell? {
        CellReference(reference).flatMap { cells[$0] }
    }

    /// The cell at a reference.
    public subscript(_ reference: CellReference) -> SpreadsheetCell? { cells[reference] }

    /// Row numbers that hold at least one cell, ascending.
    public var rows: [Int] { Array(Set(cells.keys.map(\.row))).sorted() }
}

// MARK: - XML parts

/// Base class: collects errors with the parser's line number.
///
/// The delegate methods live here and forward to overridable hooks: protocol witnesses of a superclass
/// conformance are not replaced by subclass methods of the same name.
class SpreadsheetXMLHandler: NSObject, XMLParserDelegate {
    var failure: String?
    func start(_ parser: XMLParser, _ name: String, _ attributes: [String: String]) {}
    func end(_ parser: XMLParser, _ name: String) {}
    func characters(_ string: String) {}
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        start(parser, name, attributes)
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        end(parser, name)
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { characters(string) }
    func run(_ data: Data, file: String, part: String) throws(SIMSError) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        if !parser.parse() || failure != nil {
            throw .malformed("invalid XML in \(part): \(failure ?? parser.parserError.map { "\($0)" } ?? "unknown error")",
                             file: file, line: parser.lineNumber, expected: "well-formed SpreadsheetML")
        }
    }
}

/// `xl/sharedStrings.xml`: `<si>` items, each the concatenation of its `<t>` elements (rich text runs),
/// without phonetic runs (`<rPh>`).
final class SharedStringsParser: SpreadsheetXMLHandler {
    var strings: [String] = []
    private var current = ""
    private var inItem = false, inText = false, phoneticDepth = 0

    static func parse(_ data: Data, file: String) throws(SIMSError) -> [String] {
        let handler = SharedStringsParser()
        try handler.run(data, file: file, part: "xl/sharedStrings.xml")
        return handler.strings
    }

    override func start(_ parser: XMLParser, _ name: String, _ attributes: [String: String]) {
        switch name {
        case "si": inItem = true; current = ""
        case "rPh": phoneticDepth += 1
        case "t": inText = inItem && phoneticDepth == 0
        default: break
        }
    }
    override func end(_ parser: XMLParser, _ name: String) {
        switch name {
        case "si": strings.append(current); inItem = false
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }
    override func characters(_ string: String) { if inText { current += string } }
}

/// `xl/workbook.xml`: `<sheet name=… r:id=…>` in order.
final class WorkbookParser: SpreadsheetXMLHandler {
    var sheets: [(name: String, relationship: String)] = []
    static func parse(_ data: Data, file: String) throws(SIMSError) -> [(name: String, relationship: String)] {
        let handler = WorkbookParser()
        try handler.run(data, file: file, part: "xl/workbook.xml")
        return handler.sheets
    }
    override func start(_ parser: XMLParser, _ name: String, _ attributes: [String: String]) {
        guard name == "sheet" else { return }
        let relationship = attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value ?? ""
        sheets.append((attributes["name"] ?? "Sheet\(sheets.count + 1)", relationship))
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → target part.
final class RelationshipsParser: SpreadsheetXMLHandler {
    var targets: [String: String] = [:]
    static func parse(_ data: Data, file: String) throws(SIMSError) -> [String: String] {
        let handler = RelationshipsParser()
        try handler.run(data, file: file, part: "xl/_rels/workbook.xml.rels")
        return handler.targets
    }
    override func start(_ parser: XMLParser, _ name: String, _ attributes: [String: String]) {
        if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
    }
}

/// A worksheet: `<c r="B7" t="s"><v>12</v></c>`, inline strings `<c t="inlineStr"><is><t>…</t></is></c>`.
final class WorksheetParser: SpreadsheetXMLHandler {
    var cells: [CellReference: SpreadsheetCell] = [:]
    let sharedStrings: [String]
    private var reference: CellReference?
    private var type = ""
    private var value = ""
    private var inValue = false, inInlineText = false
    private var nextColumn = 1, currentRow = 0

    init(sharedStrings: [String]) { self.sharedStrings = sharedStrings }

    static func parse(_ data: Data, sharedStrings: [String], file: String) throws(SIMSError) -> [CellReference: SpreadsheetCell] {
        let handler = WorksheetParser(sharedStrings: sharedStrings)
        try handler.run(data, file: file, part: "worksheet")
        return handler.cells
    }

    override func start(_ parser: XMLParser, _ name: String, _ attributes: [String: String]) {
        switch name {
        case "row":
            currentRow = attributes["r"].flatMap { Int($0) } ?? currentRow + 1
            nextColumn = 1
        case "c":
            if let r = attributes["r"] {
                guard let parsed = CellReference(r) else { failure = "cell reference \"\(r)\" is not of the form B7"; parser.abortParsing(); return }
                reference = parsed
            } else {
                reference = CellReference(column: nextColumn, row: max(currentRow, 1))
            }
            type = attributes["t"] ?? "n"
            value = ""
        case "v": inValue = true
        case "t": if type == "inlineStr" { inInlineText = true }
        default: break
        }
    }

    override func end(_ parser: XMLParser, _ name: String) {
        switch name {
        case "v": inValue = false
        case "t": inInlineText = false
        case "c":
            guard let reference else { return }
            nextColumn = reference.column + 1
            defer { self.reference = nil }
            if value.isEmpty && type != "inlineStr" && type != "str" { return }
            switch type {
            case "s":
                guard let index = Int(value.trimmingSpaces()), sharedStrings.indices.contains(index) else {
                    failure = "cell \(reference) points to shared string \(value), the workbook has \(sharedStrings.count)"
                    parser.abortParsing(); return
                }
                cells[reference] = .text(sharedStrings[index])
            case "str", "inlineStr": cells[reference] = .text(value)
            case "b": cells[reference] = .boolean(value.trimmingSpaces() == "1")
            case "e": cells[reference] = .error(value)
            default:
                guard let number = Double(value.trimmingSpaces()) else {
                    failure = "cell \(reference) should hold a number, found \"\(value)\""
                    parser.abortParsing(); return
                }
                cells[reference] = .number(number)
            }
        default: break
        }
    }

    override func characters(_ string: String) {
        if inValue || inInlineText { value += string }
    }
}
