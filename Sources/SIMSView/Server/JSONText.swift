import Foundation

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

    /// `value` rounded to `decimals` digits after the point (0…15), written by hand (no `String` per number),
    /// trailing zeros dropped; values beyond ±9·10¹⁵ after scaling fall back to ``number(_:)``.
    mutating func number(_ value: Double, decimals: Int) {
        let decimals = min(max(decimals, 0), 15)
        let scale = JSONText.powersOfTen[JSONText.powersOfTenZero + decimals]
        let scaled = (value * scale).rounded()
        guard value.isFinite, abs(scaled) < 9.0e15 else { number(value); return }
        var n = Int64(scaled), places = decimals
        while places > 0 && n % 10 == 0 { n /= 10; places -= 1 }
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // room for 24 digits
        var m = n.magnitude, count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat { buffer[count] = UInt8(ascii: "0") + UInt8(m % 10); m /= 10; count += 1 } while m > 0 || count <= places
            for k in stride(from: count - 1, through: 0, by: -1) {
                bytes.append(buffer[k])
                if k == places && places > 0 { bytes.append(UInt8(ascii: ".")) }
            }
        }
    }

    /// `value` to `significant` significant digits (``number(_:decimals:)`` with the decimals that gives).
    mutating func number(_ value: Double, significant: Int) {
        guard value.isFinite, value != 0 else { number(value); return }
        // ⌊log10 |value|⌋ from the binary exponent and the table (a `log10` per number was a third of the
        // time of a whole-range /api/spectra answer in `perf`).
        let magnitude = abs(value)
        var exponent = Int((Double(magnitude.exponent) * 0.301029995663981195).rounded(.down))
        let p = JSONText.powersOfTen, zero = JSONText.powersOfTenZero
        guard exponent > -zero + 1, exponent < 15 else { number(value); return }
        if magnitude >= p[zero + exponent + 1] { exponent += 1 } else if magnitude < p[zero + exponent] { exponent -= 1 }
        number(value, decimals: significant - 1 - exponent)
    }

    /// 10⁻³⁰⁸ … 10¹⁶ (index ``powersOfTenZero`` = 10⁰), as the nearest doubles of the decimal literals.
    static let powersOfTen: [Double] = (-308...16).map { Double("1e\($0)")! }
    static let powersOfTenZero = 308

    mutating func numbers<C: Collection>(_ values: C) where C.Element == Double {
        array(values) { $0.number($1) }
    }

    /// An array of numbers to `decimals` decimals (``number(_:decimals:)``).
    mutating func numbers<C: Collection>(_ values: C, decimals: Int) where C.Element == Double {
        array(values) { $0.number($1, decimals: decimals) }
    }

    /// An array of numbers to `significant` significant digits (``number(_:significant:)``).
    mutating func numbers<C: Collection>(_ values: C, significant: Int) where C.Element == Double {
        array(values) { $0.number($1, significant: significant) }
    }

    /// `[a,b,…]` with each element written by `write`.
    private mutating func array<C: Collection>(_ values: C, _ write: (inout JSONText, C.Element) -> Void) {
        bytes.append(0x5B)
        var first = true
        for v in values {
            if !first { bytes.append(0x2C) }
            first = false
            write(&self, v)
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
