#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fast parser of ASCII decimal numbers on raw bytes, for the hot loops of the export readers.
///
/// Accepts what C's `printf` writes (`%d`, `%f`, `%e`, `%g`: `12`, `-0.000202`, `1.29092e+13`, `1E-3`) and the
/// special values instrument exports contain: `nan`, `NaN`, `-nan`, `NAN(IND)`, `-NAN(IND)`, `1.#QNAN`,
/// `1.#IND` (MSVC), `inf`, `-inf`, `Infinity`, `1.#INF`, and `(null)` (IONTOF's missing value, read as NaN).
///
/// Numbers with at most 19 significant digits whose mantissa fits 2⁵³ and whose decimal exponent is within
/// ±22 are converted exactly with one IEEE multiplication or division (Clinger's fast path: W. D. Clinger,
/// "How to read floating point numbers accurately", PLDI 1990); every other number falls back to the C
/// library's correctly rounded `strtod`. Either way the result equals `strtod` of the same text.
public enum ASCIIDouble {
    /// Exact powers of ten representable as `Double` (10⁰ … 10²²).
    @usableFromInline static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Longest digit run (bytes) accepted on the slow path; longer runs are rejected as corrupt.
    public static let maximumLength = 400

    /// The result of scanning one number: its value and the index just past its last byte.
    public struct Scan: Sendable, Equatable {
        /// The parsed value.
        public var value: Double
        /// Index of the first byte after the number.
        public var end: Int
        /// Creates a scan result.
        @inlinable public init(value: Double, end: Int) { self.value = value; self.end = end }
    }

    /// Parses the number that starts at `start` (after optional spaces) and ends before `limit` or the first
    /// byte that cannot continue it. Returns `nil` when no number starts there.
    ///
    /// The caller checks that the byte at `end` is a separator it accepts.
    @inlinable
    public static func scan(_ bytes: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Scan? {
        var i = start
        while i < limit && bytes[i] == 0x20 { i += 1 }
        guard i < limit else { return nil }
        let numberStart = i
        var negative = false
        var c = bytes[i]
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            i += 1
            guard i < limit else { return nil }
            c = bytes[i]
        }
        // Specials start with a letter or '('.
        if c >= UInt8(ascii: "A") || c == UInt8(ascii: "(") {
            return scanSpecial(bytes, from: i, limit: limit, negative: negative)
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var droppedDigits = 0  // integer digits beyond 19 (scale up)
        var exponent = 0
        var anyDigit = false
        // Integer part.
        while i < limit {
            let d = bytes[i] &- UInt8(ascii: "0")
            guard d < 10 else { break }
            anyDigit = true
            if significantDigits < 19 {
                if mantissa != 0 || d != 0 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    significantDigits += 1
                }
            } else {
                droppedDigits += 1
            }
            i += 1
        }
        var inexact = droppedDigits > 0
        exponent += droppedDigits
        if i < limit && bytes[i] == UInt8(ascii: ".") {
            i += 1
            if i < limit && bytes[i] == UInt8(ascii: "#") {
                // MSVC specials: 1.#INF, 1.#IND, 1.#QNAN.
                return scanSpecial(bytes, from: i + 1, limit: limit, negative: negative)
            }
            while i < limit {
                let d = bytes[i] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                anyDigit = true
                if significantDigits < 19 {
                    if mantissa != 0 || d != 0 {
                        mantissa = mantissa &* 10 &+ UInt64(d)
                        significantDigits += 1
                    }
                    exponent -= 1
                } else if d != 0 {
                    inexact = true
                }
                i += 1
            }
        }
        guard anyDigit else { return nil }
        if i < limit && (bytes[i] | 0x20) == UInt8(ascii: "e") {
            var j = i + 1
            var exponentNegative = false
            if j < limit && (bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+")) {
                exponentNegative = bytes[j] == UInt8(ascii: "-")
                j += 1
            }
            var e = 0
            var exponentDigits = 0
            while j < limit {
                let d = bytes[j] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if e < 100_000 { e = e * 10 + Int(d) }
                exponentDigits += 1
                j += 1
            }
            if exponentDigits > 0 {
                exponent += exponentNegative ? -e : e
                i = j
            }
        }
        if !inexact && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            if exponent < 0 { value /= powersOfTen[-exponent] } else if exponent > 0 { value *= powersOfTen[exponent] }
            return Scan(value: negative ? -value : value, end: i)
        }
        if mantissa == 0 && !inexact { return Scan(value: negative ? -0.0 : 0.0, end: i) }
        // Absurdly long digit runs (corrupt or hostile input) are not numbers.
        guard i - numberStart <= maximumLength else { return nil }
        return Scan(value: slowParse(bytes, from: numberStart, to: i), end: i)
    }

    /// Parses exactly the bytes `start..<end` (surrounding spaces allowed) as one number; `nil` when they
    /// are not a number or hold anything else.
    @inlinable
    public static func parse(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Double? {
        guard let scan = scan(bytes, from: start, limit: end) else { return nil }
        var i = scan.end
        while i < end && (bytes[i] == 0x20 || bytes[i] == 0x0D) { i += 1 }
        return i == end ? scan.value : nil
    }

    /// Parses a whole string as one number (convenience for non-hot paths).
    public static func parse(_ text: some StringProtocol) -> Double? {
        var copy = String(text)
        return copy.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return parse(base, from: 0, to: buffer.count)
        }
    }

    /// Special values: nan, inf, infinity, NAN(IND), (null), and the MSVC forms after `1.#`.
    @usableFromInline
    static func scanSpecial(_ bytes: UnsafePointer<UInt8>, from start: Int, limit: Int, negative: Bool) -> Scan? {
        var i = start
        if i + 6 <= limit && matches(bytes, at: i, "(null)") { return Scan(value: .nan, end: i + 6) }
        if i + 3 <= limit && matches(bytes, at: i, "nan") {
            i += 3
            if i < limit && bytes[i] == UInt8(ascii: "(") {
                var j = i + 1
                while j < limit && j - i < 32 && bytes[j] != UInt8(ascii: ")") { j += 1 }
                if j < limit && bytes[j] == UInt8(ascii: ")") { i = j + 1 }
            }
            return Scan(value: negative ? -Double.nan : .nan, end: i)
        }
        if i + 4 <= limit && matches(bytes, at: i, "qnan") { return Scan(value: .nan, end: i + 4) }
        if i + 3 <= limit && matches(bytes, at: i, "ind") { return Scan(value: .nan, end: i + 3) }
        if i + 3 <= limit && matches(bytes, at: i, "inf") {
            i += 3
            if i + 5 <= limit && matches(bytes, at: i, "inity") { i += 5 }
            return Scan(value: negative ? -.infinity : .infinity, end: i)
        }
        return nil
    }

    /// Case-insensitive comparison of the bytes at `index` with the lowercase ASCII `word`.
    @usableFromInline
    static func matches(_ bytes: UnsafePointer<UInt8>, at index: Int, _ word: StaticString) -> Bool {
        let w = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount {
            var c = bytes[index + k]
            if c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") { c |= 0x20 }
            if c != w[k] { return false }
        }
        return true
    }

    /// Correctly rounded conversion by the C library (`strtod`) of `start..<end`.
    @usableFromInline
    static func slowParse(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Double {
        let length = end - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for k in 0..<length { buffer[k] = CChar(bitPattern: bytes[start + k]) }
            buffer[length] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }
}
