/// A spreadsheet cell address such as `B7`: column letters (A = 1, Z = 26, AA = 27 …) and a 1-based row.
public struct CellReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 1-based column (A = 1).
    public var column: Int
    /// 1-based row.
    public var row: Int

    /// Creates a reference from 1-based column and row.
    public init(column: Int, row: Int) { self.column = column; self.row = row }

    /// Parses an A1-style reference (`B7`, `aa12`, `$C$3`); `nil` when it is not one.
    public init?(_ text: String) {
        var column = 0, row = 0
        var seenDigit = false, seenLetter = false
        for scalar in text.unicodeScalars where scalar != "$" {
            switch scalar.value {
            case 65...90, 97...122:
                guard !seenDigit else { return nil }
                column = column * 26 + Int((scalar.value & ~0x20) - 64)
                guard column <= 16_384 else { return nil }
                seenLetter = true
            case 48...57:
                row = row * 10 + Int(scalar.value - 48)
                guard row <= 1_048_576 else { return nil }
                seenDigit = true
            default: return nil
            }
        }
        guard seenLetter, seenDigit, row > 0 else { return nil }
        self.init(column: column, row: row)
    }

    /// The A1 form, e.g. `B7`.
    public var description: String {
        var letters = ""
        var c = column
        while c > 0 {
            let remainder = (c - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            c = (c - 1) / 26
        }
        return letters + String(row)
    }

    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}
