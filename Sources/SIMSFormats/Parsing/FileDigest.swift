import Crypto
import Foundation
import SIMSCore

/// The SHA-256 fingerprint of a file's contents (NIST FIPS 180-4) and its size: how `provenance.json`
/// identifies every input, and how two inputs with identical bytes are recognised.
///
/// Computed by swift-crypto (BoringSSL), which uses the CPU's SHA extensions where present (≈ 1.4 GB/s per
/// core on the build machine, see `docs/performance.md`). Readers hash the bytes they have just read
/// (``FileBytes/digest``), so an input is read from disk once for parsing and fingerprinting together.
///
/// ```swift
/// let digest = try FileDigest(contentsOf: "spot1.txt")
/// print(digest.sha256)   // 64 lowercase hex digits
/// ```
public struct FileDigest: Sendable, Hashable, Codable {
    /// Size of the contents in bytes.
    public var bytes: Int
    /// SHA-256 of the contents as 64 lowercase hex digits.
    public var sha256: String

    /// Creates a digest from known values.
    public init(bytes: Int, sha256: String) {
        self.bytes = bytes
        self.sha256 = sha256
    }

    /// The digest of bytes in memory.
    public init(of contents: some DataProtocol) {
        self.init(bytes: contents.count, sha256: Self.hex(SHA256.hash(data: contents)))
    }

    /// The digest of raw memory.
    public init(of buffer: UnsafeRawBufferPointer) {
        var hasher = SHA256()
        hasher.update(bufferPointer: buffer)
        self.init(bytes: buffer.count, sha256: Self.hex(hasher.finalize()))
    }

    /// Reads and hashes the file at `path` (memory-mapped).
    /// - Throws: ``SIMSError`` `fileNotFound` / `unreadable` naming the file.
    public init(contentsOf path: String) throws(SIMSError) {
        self = try FileBytes(contentsOf: path).digest
    }

    /// The SHA-256 of `contents` as 64 lowercase hex digits.
    public static func sha256Hex(_ contents: some DataProtocol) -> String {
        hex(SHA256.hash(data: contents))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension FileBytes {
    /// The SHA-256 and size of these bytes (hashed from memory: no second read of the file).
    public var digest: FileDigest {
        data.withUnsafeBytes { FileDigest(of: $0) }
    }
}

extension FileBytes {
    /// Reads the file at `path` once and returns what `parse` makes of its bytes together with their digest:
    /// parsing and fingerprinting share the one read (for `provenance.json` without a second pass).
    public static func parse<R>(contentsOf path: String, _ parse: (ByteText) throws(SIMSError) -> R) throws(SIMSError) -> (value: R, digest: FileDigest) {
        let bytes = try FileBytes(contentsOf: path)
        let digest = bytes.digest
        return (try bytes.withText(parse), digest)
    }
}
