import Foundation
import SIMSCore

/// The bytes of one input file, read once (memory-mapped where the system allows) for byte-level parsing.
public struct FileBytes: Sendable {
    /// The file contents.
    public let data: Data
    /// The path as given, used in error messages.
    public let path: String

    /// Reads `path`; throws ``SIMSError`` (`fileNotFound`, `unreadable`) naming the file. Only regular files are
    /// read (``InputFile``): a FIFO or device is an error, not a hang.
    public init(contentsOf path: String) throws(SIMSError) {
        try InputFile.check(path)
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw SIMSError(.unreadable, "cannot read file: \(error.localizedDescription)", file: path)
        }
        self.path = path
    }

    /// Wraps bytes already in memory (`path` names them in messages).
    public init(data: Data, path: String) {
        self.data = data
        self.path = path
    }

    /// Runs `body` over the bytes as a ``ByteText``, propagating its typed error.
    public func withText<R>(_ body: (ByteText) throws(SIMSError) -> R) throws(SIMSError) -> R {
        let result: Result<R, SIMSError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            // An empty Data may have no base address: give the parser a valid one-byte buffer instead.
            if bytes.isEmpty {
                var zero: UInt8 = 0
                return withUnsafePointer(to: &zero) { pointer in
                    Result { () throws(SIMSError) -> R in try body(ByteText(base: pointer, count: 0, source: path)) }
                }
            }
            return Result { () throws(SIMSError) -> R in try body(ByteText(base: bytes.baseAddress!, count: bytes.count, source: path)) }
        }
        return try result.get()
    }
}
