/// The one error type of SIMSKit.
///
/// Every error says *where* (file, line or byte offset), *what was found* and *what was expected*,
/// so that a user who is not a programmer can open the file and fix it:
///
/// ```
/// spot3.txt:17: expected a number in column "Intensity", found "12,5"
/// ```
public struct SIMSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad category of an error, for callers that branch on it.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// A file or folder does not exist.
        case fileNotFound
        /// A file exists but cannot be read (permissions, I/O error).
        case unreadable
        /// A file has no content where content is required.
        case empty
        /// A file ends before a complete record was read.
        case truncated
        /// Content does not have the expected layout or values.
        case malformed
        /// A valid file of a kind or variant SIMSKit does not handle.
        case unsupported
        /// An argument or setting given by the user is not usable.
        case invalidArgument
        /// Inputs are individually valid but do not fit together (sizes, masses, samples).
        case inconsistent
        /// An output could not be written.
        case writeFailed
        /// A numerical method failed (no convergence, singular matrix).
        case numerical
    }

    /// The category of the error.
    public var kind: Kind
    /// What went wrong, in one sentence without the location.
    public var message: String
    /// The file the error concerns, as given by the user (path), if any.
    public var file: String?
    /// 1-based line number in ``file``, if known.
    public var line: Int?
    /// 0-based byte offset in ``file``, for binary formats or when no line applies.
    public var byteOffset: Int?
    /// What was found (a short excerpt of the offending content).
    public var found: String?
    /// What was expected instead.
    public var expected: String?

    /// Creates an error. Prefer the factory functions (``malformed(_:file:line:byteOffset:found:expected:)`` …).
    public init(
        _ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil,
        byteOffset: Int? = nil, found: String? = nil, expected: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.byteOffset = byteOffset
        self.found = found.map(SIMSError.excerpt)
        self.expected = expected
    }

    /// One line: `file:line: message (expected X, found "Y")`.
    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line { location += ":\(line)" } else if let byteOffset { location += " @byte \(byteOffset)" }
            location += ": "
        }
        var details: [String] = []
        if let expected { details.append("expected \(expected)") }
        if let found { details.append("found \"\(found)\"") }
        return location + message + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
    }

    /// Returns a copy that names `file`, keeping an already known file name.
    public func inFile(_ file: String) -> SIMSError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }

    /// Shortens content shown in messages to 60 printable characters; tabs, CR and LF read `\t`, `\r`, `\n`, other
    /// control characters U+FFFD.
    static func excerpt(_ text: String) -> String {
        var printable = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: printable += "\\t"
            case 0x0A: printable += "\\n"
            case 0x0D: printable += "\\r"
            case 0..<0x20, 0x7F: printable += "\u{FFFD}"
            default: printable.unicodeScalars.append(scalar)
            }
        }
        return printable.count > 60 ? String(printable.prefix(57)) + "..." : printable
    }
}

extension SIMSError {
    /// Content that does not have the expected layout or values.
    public static func malformed(
        _ message: String, file: String? = nil, line: Int? = nil, byteOffset: Int? = nil,
        found: String? = nil, expected: String? = nil
    ) -> SIMSError {
        SIMSError(.malformed, message, file: file, line: line, byteOffset: byteOffset, found: found, expected: expected)
    }

    /// A user-supplied argument or setting that cannot be used.
    public static func invalidArgument(_ message: String, found: String? = nil, expected: String? = nil) -> SIMSError {
        SIMSError(.invalidArgument, message, found: found, expected: expected)
    }

    /// Inputs that do not fit together.
    public static func inconsistent(_ message: String, file: String? = nil) -> SIMSError {
        SIMSError(.inconsistent, message, file: file)
    }
}
