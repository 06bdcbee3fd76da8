/// A small, fast JSON text builder for the API's large numeric payloads (Foundation's encoder spends most of
/// its time on boxing; these responses hold up to a few hundred thousand numbers).
///
/// Numbers: integral values within ±2⁵³ are written as integers, other finite values with Swift's shortest
/// round-trip representation, non-finite values as `null`.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func number(_ value: Double) {
        if !value.isFinite { raw("null"); return }
        if value == value.rounded(), abs(value) < 9.0e15 { raw(String(Int64(value))); return }
        raw(value.description)
    }

    mutating func string(_ value: String) {
        bytes.append(0x22)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": raw("\\\"")
            case "\\": raw("\\\\")
            case "\n": raw("\\n")
            case "\r": raw("\\r")
            case "\t": raw("\\t")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    bytes.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        bytes.append(0x22)
    }

    mutating func numbers<C: Collection>(_ values: C) where C.Element == Double {
        bytes.append(0x5B)
        var first = true
        for v in values {
            if !first { bytes.append(0x2C) }
            first = false
            number(v)
        }
        bytes.append(0x5D)
    }

    mutating func strings(_ values: [String]) {
        bytes.append(0x5B)
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            string(v)
        }
        bytes.append(0x5D)
    }

    /// `"key":` (the caller writes the value and separators).
    mutating func key(_ name: String) { string(name); bytes.append(0x3A) }
}
