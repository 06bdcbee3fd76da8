import Foundation
import SIMSCore

/// Little-endian integers at a byte offset of a buffer whose bounds the caller has checked (``LittleEndianCursor``,
/// the ZIP directory of ``ZIPArchive``).
enum LittleEndian {
    /// The `UInt16` at `offset` (counted from the buffer's start).
    static func uint16<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at offset: Int) -> UInt16 where Bytes.Index == Int {
        let i = bytes.startIndex + offset
        return UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
    }

    /// The `UInt32` at `offset` (counted from the buffer's start).
    static func uint32<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at offset: Int) -> UInt32 where Bytes.Index == Int {
        UInt32(uint16(bytes, at: offset)) | UInt32(uint16(bytes, at: offset + 2)) << 16
    }
}

/// A bounds-checked little-endian cursor over a byte buffer (BIF6, TIFF tests, .ibd headers).
///
/// Every read checks the remaining length and throws a ``SIMSError`` naming the file and byte offset,
/// so a truncated or corrupt file never crashes the reader.
struct LittleEndianCursor {
    /// The bytes.
    let bytes: [UInt8]
    /// File name for error messages.
    let file: String
    /// Current byte offset.
    private(set) var offset: Int = 0

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// Bytes left after the cursor.
    var remaining: Int { bytes.count - offset }

    /// Throws `truncated` unless `count` more bytes are available.
    func require(_ count: Int, _ what: String) throws(SIMSError) {
        guard count >= 0, remaining >= count else {
            throw SIMSError(.truncated, "file ends inside \(what)", file: file, byteOffset: offset,
                            found: "\(remaining) bytes left", expected: "\(count) bytes")
        }
    }

    mutating func uint16(_ what: String) throws(SIMSError) -> UInt16 {
        try require(2, what)
        let value = LittleEndian.uint16(bytes, at: offset)
        offset += 2
        return value
    }

    mutating func uint32(_ what: String) throws(SIMSError) -> UInt32 {
        try require(4, what)
        let value = LittleEndian.uint32(bytes, at: offset)
        offset += 4
        return value
    }

    mutating func float32(_ what: String) throws(SIMSError) -> Float {
        Float(bitPattern: try uint32(what))
    }

    mutating func skip(_ count: Int, _ what: String) throws(SIMSError) {
        try require(count, what)
        offset += count
    }
}

/// Appends little-endian values to a byte array (BIF6 and TIFF writers).
struct LittleEndianWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func uint8(_ value: UInt8) { bytes.append(value) }
    mutating func uint16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }
    mutating func uint32(_ value: UInt32) {
        for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(k)))) }
    }
    mutating func uint64(_ value: UInt64) {
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
    }
    mutating func float32(_ value: Float) { uint32(value.bitPattern) }
    mutating func float64(_ value: Double) { uint64(value.bitPattern) }
    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Overwrites 4 bytes at `offset` (patching offsets after the fact).
    mutating func patchUInt32(_ value: UInt32, at offset: Int) {
        for k in 0..<4 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
    }
}

/// Reads a whole (small or medium) file into bytes, with a ``SIMSError`` naming the file on failure.
func readAllBytes(_ path: String) throws(SIMSError) -> [UInt8] {
    try InputFile.check(path)
    guard let data = FileManager.default.contents(atPath: path) else {
        throw SIMSError(.unreadable, "cannot read file", file: path)
    }
    return [UInt8](data)
}
