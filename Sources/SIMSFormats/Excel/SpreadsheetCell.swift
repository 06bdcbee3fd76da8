/// The value of one spreadsheet cell, as stored in an .xlsx sheet.
public enum SpreadsheetCell: Sendable, Hashable {
    /// Text (shared, inline or formula string).
    case text(String)
    /// A number (dates are numbers too, in Excel's serial form).
    case number(Double)
    /// A boolean.
    case boolean(Bool)
    /// An error value such as `#N/A`.
    case error(String)

    /// The cell as text: numbers in shortest form (`3` rather than `3.0` for integers).
    public var text: String {
        switch self {
        case .text(let text): return text
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return "\(value)"
        case .boolean(let value): return value ? "TRUE" : "FALSE"
        case .error(let value): return value
        }
    }

    /// The cell as a number: numbers, and text that parses as a number; `nil` otherwise.
    public var number: Double? {
        switch self {
        case .number(let value): return value
        case .text(let text): return Double(text.trimmingSpaces())
        case .boolean, .error: return nil
        }
    }
}
