import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output byte buffer for writing exports in the instruments' exact text layout: C `printf` number
/// formats (`%g`, `%.6f`, `%.2f`, `%.6E`), tabs, and the export's line end (CRLF for IONTOF Windows exports).
public struct ExportTextBuffer: Sendable {
    /// A line terminator.
    public enum LineEnd: String, Sendable {
        /// `\r\n`, as IONTOF SurfaceLab (Windows) writes.
        case crlf = "\r\n"
        /// `\n`.
        case lf = "\n"
    }

    /// C `printf` number formats used by IONTOF exports.
    public enum NumberFormat: Sendable, Equatable {
        /// `%g` with `significant` digits (printf default 6): `1.29092e+13`, `1.4666`, `0`.
        case general(significant: Int)
        /// `%.Nf`: `900.594410` for N = 6.
        case fixed(decimals: Int)
        /// `%.NE`: `0.000000E+00` for N = 6.
        case scientific(decimals: Int)
        /// An integer (`%.0f` of the rounded value): `989876`.
        case integer

        /// `%g` with 6 significant digits.
        public static let g = NumberFormat.general(significant: 6)
    }

    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// The line end used by ``endLine()``.
    public var lineEnd: LineEnd

    /// Creates an empty buffer.
    public init(lineEnd: LineEnd = .crlf, reservingCapacity capacity: Int = 0) {
        self.lineEnd = lineEnd
        bytes.reserveCapacity(capacity)
    }

    /// Appends UTF-8 text.
    public mutating func write(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends one byte.
    public mutating func write(byte: UInt8) { bytes.append(byte) }

    /// Appends a tab.
    public mutating func tab() { bytes.append(0x09) }

    /// Ends the line.
    public mutating func endLine() {
        if lineEnd == .crlf { bytes.append(0x0D) }
        bytes.append(0x0A)
    }

    /// Appends `value` in `format`; non-finite values are written as C does: `nan`, `inf`, `-inf`.
    public mutating func write(_ value: Double, _ format: NumberFormat) {
        if !value.isFinite {
            write(value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf"))
            return
        }
        if case .integer = format, abs(value) < 1e15, value == value.rounded() {
            write(integer: Int64(value))
            return
        }
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        let written: Int = withUnsafeMutableBytes(of: &scratch) { raw in
            let pointer = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            let n: Int32
            switch format {
            case .general(let significant):
                n = withVaList([Int32(significant), value]) { vsnprintf(pointer, 64, "%.*g", $0) }
            case .fixed(let decimals):
                n = withVaList([Int32(decimals), value]) { vsnprintf(pointer, 64, "%.*f", $0) }
            case .scientific(let decimals):
                n = withVaList([Int32(decimals), value]) { vsnprintf(pointer, 64, "%.*E", $0) }
            case .integer:
                n = withVaList([value]) { vsnprintf(pointer, 64, "%.0f", $0) }
            }
            guard n >= 0 && n < 64 else { return -1 }
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: raw.baseAddress, count: Int(n)))
            return Int(n)
        }
        if written < 0 {
            // Larger than the scratch buffer (e.g. %f of 1e300): fall back to Foundation formatting.
            write(String(format: "%.17g", value))
        }
    }

    /// Appends a decimal integer.
    public mutating func write(integer value: Int64) {
        if value == 0 { bytes.append(UInt8(ascii: "0")); return }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count: Int = withUnsafeMutableBytes(of: &digits) { raw in
            var i = 24
            while magnitude > 0 {
                i -= 1
                raw[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            return 24 - i
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeBytes(of: &digits) { raw in bytes.append(contentsOf: raw[(24 - count)...]) }
    }

    /// The bytes as `Data`.
    public var data: Data { Data(bytes) }
}
