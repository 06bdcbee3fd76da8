import SIMSCore

/// A table written as RFC 4180 CSV (comma, CRLF-free `\n` lines, quotes where needed) that Excel and Origin read.
///
/// Numbers are formatted deterministically with Swift's shortest round-trip representation, so outputs
/// diff cleanly between runs; `nil` becomes an empty cell (never `NaN`).
public struct CSVTable: Sendable {
    /// Column titles.
    public var header: [String]
    /// Rows of already formatted cells.
    public private(set) var rows: [[String]] = []

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

        var formatted: String {
            switch self {
            case .text(let text): return CSVTable.quote(text)
            case .number(let value): return CSVTable.format(value)
            case .integer(let value): return String(value)
            case .empty: return ""
            }
        }
    }

    /// Appends a row; the cell count must match the header.
    public mutating func append(_ cells: [Cell]) {
        precondition(cells.count == header.count, "CSVTable: row has \(cells.count) cells, header has \(header.count)")
        rows.append(cells.map(\.formatted))
    }

    /// The CSV text, header first, `\n` line ends.
    public var text: String {
        var out = header.map(CSVTable.quote).joined(separator: ",") + "\n"
        for row in rows { out += row.joined(separator: ",") + "\n" }
        return out
    }

    /// Writes the table atomically to `path`.
    public func write(to path: String) throws(SIMSError) { try AtomicFile.write(text, to: path) }

    /// Deterministic number formatting: shortest round-trip form; empty for NaN/±inf.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Quotes a cell when it contains a comma, quote, or line break.
    public static func quote(_ text: String) -> String {
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
