import Foundation
import SIMSCore

/// A table written as RFC 4180 CSV (comma, CRLF-free `\n` lines, quotes where needed) that Excel and Origin read.
///
/// Numbers are formatted deterministically with Swift's shortest round-trip representation, so outputs
/// diff cleanly between runs; `nil` becomes an empty cell (never `NaN`).
///
/// Rows are formatted into one UTF-8 byte buffer as they are appended, with no `String` per cell: the results
/// tables of a study reach 10⁵–10⁶ cells, and per-cell strings, `joined` and `Character`-wise quoting were ≈ 28 %
/// of `sims spectra`'s CPU time (docs/performance.md, "Whole workflows").
public struct CSVTable: Sendable {
    /// Column titles.
    public var header: [String]
    /// The formatted rows, each ended by `\n` (the sink the number formatting writes into).
    private var body = ByteSink(bytes: [])
    /// The number of rows appended.
    public private(set) var rowCount = 0

    /// Creates an empty table with the given titles.
    public init(header: [String]) { self.header = header }

    /// One cell value.
    public enum Cell: Sendable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
        /// Text, quoted when needed.
        case text(String)
        /// A number; non-finite values are written as empty cells.
        case number(Double)
        /// An integer.
        case integer(Int)
        /// An empty cell.
        case empty

        /// A number cell, or empty for `nil`.
        public static func optional(_ value: Double?) -> Cell { value.map { .number($0) } ?? .empty }
        public init(stringLiteral value: String) { self = .text(value) }
        public init(floatLiteral value: Double) { self = .number(value) }
        public init(integerLiteral value: Int) { self = .integer(value) }
    }

    /// Appends a row; the cell count must match the header.
    public mutating func append(_ cells: [Cell]) {
        precondition(cells.count == header.count, "CSVTable: row has \(cells.count) cells, header has \(header.count)")
        for (i, cell) in cells.enumerated() {
            if i > 0 { body.bytes.append(UInt8(ascii: ",")) }
            switch cell {
            case .text(let text): CSVTable.appendQuoted(text, to: &body.bytes)
            case .number(let value): CSVTable.append(value, to: &body)
            case .integer(let value): CSVTable.append(Int64(value), to: &body.bytes)
            case .empty: break
            }
        }
        body.bytes.append(UInt8(ascii: "\n"))
        rowCount += 1
    }

    /// Appends the rows of `other`, a table with the same columns (e.g. a block formatted on another core).
    public mutating func append(contentsOf other: CSVTable) {
        precondition(other.header.count == header.count, "CSVTable: appended table has \(other.header.count) columns, this one \(header.count)")
        body.bytes.append(contentsOf: other.body.bytes)
        rowCount += other.rowCount
    }

    /// A table made of `blocks` in order, each formatted independently (e.g. one per core with `concurrentMap`).
    public init(header: [String], concatenating blocks: [CSVTable]) {
        self.header = header
        body.bytes.reserveCapacity(blocks.reduce(0) { $0 + $1.body.bytes.count })
        for block in blocks { append(contentsOf: block) }
    }

    /// The rows as formatted (and, where needed, quoted) cell texts, in order.
    public var rows: [[String]] {
        var rows: [[String]] = []
        rows.reserveCapacity(rowCount)
        var row: [String] = []
        var start = 0, quoted = false
        let body = self.body.bytes
        for (i, byte) in body.enumerated() {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            guard !quoted, byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") else { continue }
            row.append(String(decoding: body[start..<i], as: UTF8.self))
            start = i + 1
            if byte == UInt8(ascii: "\n") { rows.append(row); row = [] }
        }
        return rows
    }

    /// The CSV as UTF-8 bytes, header first, `\n` line ends.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.bytes.count + 16 * header.count + 1)
        for (i, title) in header.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            CSVTable.appendQuoted(title, to: &out)
        }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: body.bytes)
        return out
    }

    /// The CSV text, header first, `\n` line ends.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes the table atomically to `path`.
    public func write(to path: String) throws(SIMSError) { try AtomicFile.write(Data(bytes), to: path) }

    /// Deterministic number formatting: shortest round-trip form; empty for NaN/±inf.
    public static func format(_ value: Double) -> String {
        var sink = ByteSink(bytes: [])
        append(value, to: &sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    /// Quotes a cell when it contains a comma, quote, or line break.
    public static func quote(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension CSVTable {
    /// Receives the shortest round-trip digits of a `Double` from the standard library's `write(to:)` without an
    /// intermediate `String` (`_writeASCII` is the stream hook the standard library's float printing calls; a
    /// stream without it would get the same text through `write(_:)`).
    struct ByteSink: TextOutputStream {
        var bytes: [UInt8]
        mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }
        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
    }

    /// Appends `value`: integral values below 10¹⁵ in magnitude as integers (`2`, not `2.0`), others in Swift's
    /// shortest round-trip form, nothing for NaN/±inf.
    static func append(_ value: Double, to sink: inout ByteSink) {
        guard value.isFinite else { return }
        if value == value.rounded(), abs(value) < 1e15 { return append(Int64(value), to: &sink.bytes) }
        value.write(to: &sink)
    }

    /// Appends the decimal digits of `value`.
    static func append(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch: UInt64.max has 20 digits
        withUnsafeMutableBytes(of: &digits) { scratch in
            var i = scratch.count
            repeat {
                i -= 1
                scratch[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: scratch[i...])
        }
    }

    /// Appends `text`, in double quotes with quotes doubled when it contains a comma, quote, or line break.
    static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsQuotes else { return bytes.append(contentsOf: text.utf8) }
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
