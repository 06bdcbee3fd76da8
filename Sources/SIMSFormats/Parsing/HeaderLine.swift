import SIMSCore

extension ByteText {
    /// Decodes a comment header line `# key: value` (or `#key:value`) in `range` into a metadata entry.
    ///
    /// A line without a colon (`# Profile Smoothing is Disabled`) becomes an entry with that text as key and
    /// an empty value. Returns `nil` when the line does not start with `#` or holds nothing after it.
    public func headerEntry(_ range: Range<Int>) -> Metadata.Entry? {
        guard range.lowerBound < range.upperBound, base[range.lowerBound] == UInt8(ascii: "#") else { return nil }
        let body = (range.lowerBound + 1)..<range.upperBound
        var colon: Int?
        for i in body where base[i] == UInt8(ascii: ":") { colon = i; break }
        if let colon {
            let key = trimmedString(body.lowerBound..<colon)
            guard !key.isEmpty else { return nil }
            return Metadata.Entry(key: key, value: trimmedString((colon + 1)..<body.upperBound))
        }
        let key = trimmedString(body)
        return key.isEmpty ? nil : Metadata.Entry(key: key, value: "")
    }

    /// Splits `range` at `separator` into field ranges (for header lines; allocates an array).
    public func fields(_ range: Range<Int>, separator: UInt8) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        for i in range where base[i] == separator {
            result.append(start..<i)
            start = i + 1
        }
        result.append(start..<range.upperBound)
        return result
    }

    /// `true` when `range` holds `byte`.
    public func contains(_ byte: UInt8, in range: Range<Int>) -> Bool {
        for i in range where base[i] == byte { return true }
        return false
    }

    /// Index of the first byte in `range` that is not a space or tab, or `range.upperBound`.
    public func firstNonBlank(in range: Range<Int>) -> Int {
        var i = range.lowerBound
        while i < range.upperBound && (base[i] == 0x20 || base[i] == 0x09) { i += 1 }
        return i
    }
}
