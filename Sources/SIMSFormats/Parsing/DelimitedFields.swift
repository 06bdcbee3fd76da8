extension ByteText {
    /// Splits `range` into cells at `separator`, honouring RFC 4180 double quotes (`"a, b"`, `""` for a quote).
    /// Cells are trimmed of surrounding spaces. For small user-written tables, not the hot path.
    public func quotedFields(_ range: Range<Int>, separator: UInt8) -> [String] {
        var cells: [String] = []
        var current: [UInt8] = []
        var inQuotes = false
        var i = range.lowerBound
        while i < range.upperBound {
            let c = base[i]
            if inQuotes {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < range.upperBound && base[i + 1] == UInt8(ascii: "\"") { current.append(c); i += 1 }
                    else { inQuotes = false }
                } else {
                    current.append(c)
                }
            } else if c == UInt8(ascii: "\"") {
                inQuotes = true
            } else if c == separator {
                cells.append(String(decoding: current, as: UTF8.self).trimmingSpaces())
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(c)
            }
            i += 1
        }
        cells.append(String(decoding: current, as: UTF8.self).trimmingSpaces())
        return cells
    }
}
