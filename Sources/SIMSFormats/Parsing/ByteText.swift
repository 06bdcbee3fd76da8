import SIMSCore

/// A read-only view of a text file's bytes with helpers the readers share: line iteration without
/// allocation, header-line decoding, bounded excerpts for error messages.
///
/// Valid only inside ``FileBytes/withText(_:)``.
public struct ByteText {
    /// First byte.
    public let base: UnsafePointer<UInt8>
    /// Number of meaningful bytes (trailing NUL padding, as IONTOF writes it, is excluded).
    public let count: Int
    /// The file name used in messages.
    public let source: String

    /// Creates a view over `count` bytes at `base`; a leading UTF-8 byte-order mark (Excel "CSV UTF-8", Notepad)
    /// and trailing NUL bytes are ignored.
    public init(base: UnsafePointer<UInt8>, count: Int, source: String) {
        var n = count
        while n > 0 && base[n - 1] == 0 { n -= 1 }
        let bom = n >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        self.base = base + bom
        self.count = n - bom
        self.source = source
    }

    /// `true` when the view holds no bytes besides spaces and line breaks.
    public var isBlank: Bool {
        for i in 0..<count where !ByteText.isSpace(base[i]) { return false }
        return true
    }

    /// Space, tab, CR or LF.
    @inlinable public static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    /// A string of the bytes `range`, cut to at most `limit` bytes (for messages; never the hot path).
    public func string(_ range: Range<Int>, limit: Int = 120) -> String {
        let end = min(range.upperBound, range.lowerBound + limit)
        let buffer = UnsafeBufferPointer(start: base + range.lowerBound, count: max(0, end - range.lowerBound))
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The bytes `range` with surrounding spaces, tabs and CR removed, as a string.
    public func trimmedString(_ range: Range<Int>, limit: Int = 4096) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && ByteText.isSpace(base[lower]) { lower += 1 }
        while upper > lower && ByteText.isSpace(base[upper - 1]) { upper -= 1 }
        return string(lower..<upper, limit: limit)
    }

    /// `true` when the bytes `range` contain a NUL or other control byte that text never holds
    /// (binary input); tab, CR and LF are allowed.
    public func containsBinary(_ range: Range<Int>) -> Bool {
        for i in range {
            let c = base[i]
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D { return true }
        }
        return false
    }

    /// An error at `line` naming this file.
    public func error(
        _ message: String, line: Int?, found: String? = nil, expected: String? = nil, kind: SIMSError.Kind = .malformed
    ) -> SIMSError {
        SIMSError(kind, message, file: source, line: line, found: found, expected: expected)
    }

    /// Iterates over lines.
    public func lines() -> LineCursor { LineCursor(text: self) }
}

/// Iterates over the lines of a ``ByteText``: LF, CRLF and lone CR all end a line; the terminator is not part
/// of the line. No allocation per line.
public struct LineCursor {
    /// The text.
    public let text: ByteText
    /// Index of the next unread byte.
    public var position = 0
    /// 1-based number of the line last returned (0 before the first).
    public var lineNumber = 0

    /// Creates a cursor at the start of `text`.
    public init(text: ByteText) { self.text = text }

    /// The next line's byte range (without terminator), or `nil` at the end.
    @inlinable
    public mutating func next() -> Range<Int>? {
        let count = text.count
        guard position < count else { return nil }
        let base = text.base
        let start = position
        // memchr is vectorised: find LF, drop a CR right before it, then look for a lone CR (old Mac line end).
        let found = memchrByte(0x0A, base + start, count - start)
        var end = found.map { start + $0 } ?? count
        var next = found == nil ? count : end + 1
        if end > start && base[end - 1] == 0x0D { end -= 1 }
        if let lone = memchrByte(0x0D, base + start, end - start) {
            end = start + lone
            next = end + 1
        }
        position = next
        lineNumber += 1
        return start..<end
    }

    @usableFromInline
    func memchrByte(_ byte: Int32, _ pointer: UnsafePointer<UInt8>, _ length: Int) -> Int? {
        guard length > 0, let hit = memchr(pointer, byte, length) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(pointer)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
