import CSIMSZlib
import Foundation
import SIMSCore

/// The parts of a ZIP archive (an `.xlsx` workbook is one), read from memory: the central directory lists each
/// part's name, compression, sizes, CRC-32 and the offset of its local header (PKWARE APPNOTE.TXT 6.3.10,
/// §4.3.7 local file header, §4.3.12 central directory header, §4.3.16 end of central directory record).
///
/// Parts are inflated with zlib (raw DEFLATE, RFC 1951) from exactly the bytes the directory gives them, so a
/// truncated or inconsistent part is an error naming it. Why not ZIPFoundation (used before): on Linux its
/// inflate loop reads on past the part and never ends when the stream is cut short (two fuzzer findings,
/// docs/reliability.md) — a damaged workbook hung `sims`. ZIP64, encryption and methods other than stored
/// and DEFLATE are refused; Office writes none of them for workbooks of the sizes SIMS inputs have.
struct ZIPArchive {
    /// One part as the central directory describes it.
    struct Part {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    /// Largest part inflated (bytes): bounds memory whatever the directory claims.
    static let maximumPartSize = 1 << 30

    let bytes: Data
    let path: String
    /// Parts by name.
    let parts: [String: Part]

    /// Reads the central directory of the archive in `bytes` (`path` names it in errors).
    init(bytes: Data, path: String) throws(SIMSError) {
        self.bytes = bytes
        self.path = path
        func malformed(_ message: String) -> SIMSError {
            .malformed("not a readable ZIP archive: \(message)", file: path, expected: "an Office Open XML workbook (.xlsx)")
        }
        let count = bytes.count
        guard count >= 22 else { throw malformed("shorter than an end-of-directory record") }
        // The end-of-central-directory record: 22 bytes plus a comment of at most 65 535 bytes.
        var end = -1
        var position = count - 22
        let earliest = max(0, count - 22 - 65_535)
        while position >= earliest {
            if LittleEndian.uint32(bytes, at: position) == 0x0605_4B50 { end = position; break }
            position -= 1
        }
        guard end >= 0 else { throw malformed("no end-of-central-directory record") }
        let entries = Int(LittleEndian.uint16(bytes, at: end + 10))
        let directorySize = Int(LittleEndian.uint32(bytes, at: end + 12))
        let directoryOffset = Int(LittleEndian.uint32(bytes, at: end + 16))
        guard entries != 0xFFFF, directorySize != 0xFFFF_FFFF, directoryOffset != 0xFFFF_FFFF else {
            throw malformed("ZIP64 archives are not supported")
        }
        guard directoryOffset <= end, directorySize <= end - directoryOffset else {
            throw malformed("the central directory (offset \(directoryOffset), \(directorySize) bytes) lies outside the file")
        }
        var parts: [String: Part] = [:]
        var cursor = directoryOffset
        let directoryEnd = directoryOffset + directorySize
        for _ in 0..<entries {
            guard cursor + 46 <= directoryEnd, LittleEndian.uint32(bytes, at: cursor) == 0x0201_4B50 else {
                throw malformed("central directory entry \(parts.count + 1) is cut or has no signature")
            }
            let nameLength = Int(LittleEndian.uint16(bytes, at: cursor + 28))
            let extraLength = Int(LittleEndian.uint16(bytes, at: cursor + 30))
            let commentLength = Int(LittleEndian.uint16(bytes, at: cursor + 32))
            let next = cursor + 46 + nameLength + extraLength + commentLength
            guard next <= directoryEnd else { throw malformed("central directory entry \(parts.count + 1) runs past the directory") }
            let name = String(decoding: bytes[(bytes.startIndex + cursor + 46)..<(bytes.startIndex + cursor + 46 + nameLength)], as: UTF8.self)
            let part = Part(name: name, method: LittleEndian.uint16(bytes, at: cursor + 10), flags: LittleEndian.uint16(bytes, at: cursor + 8),
                            crc32: LittleEndian.uint32(bytes, at: cursor + 16), compressedSize: Int(LittleEndian.uint32(bytes, at: cursor + 20)),
                            uncompressedSize: Int(LittleEndian.uint32(bytes, at: cursor + 24)), localHeaderOffset: Int(LittleEndian.uint32(bytes, at: cursor + 42)))
            parts[name] = parts[name] ?? part
            cursor = next
        }
        self.parts = parts
    }

    /// The bytes of part `name`, or `nil` when the archive has no such part.
    func contents(of name: String) throws(SIMSError) -> Data? {
        guard let part = parts[name] else { return nil }
        func malformed(_ message: String) -> SIMSError {
            .malformed("part \(name) \(message)", file: path, expected: "an Office Open XML workbook (.xlsx)")
        }
        guard part.flags & 1 == 0 else { throw malformed("is encrypted") }
        guard part.compressedSize != 0xFFFF_FFFF, part.uncompressedSize != 0xFFFF_FFFF else { throw malformed("needs ZIP64, which is not supported") }
        guard part.uncompressedSize <= Self.maximumPartSize else { throw malformed("claims \(part.uncompressedSize) bytes (at most \(Self.maximumPartSize) are read)") }
        let header = part.localHeaderOffset
        guard header <= bytes.count - 30, LittleEndian.uint32(bytes, at: header) == 0x0403_4B50 else { throw malformed("has no local header at offset \(header)") }
        let start = header + 30 + Int(LittleEndian.uint16(bytes, at: header + 26)) + Int(LittleEndian.uint16(bytes, at: header + 28))
        guard start <= bytes.count, part.compressedSize <= bytes.count - start else {
            throw malformed("(\(part.compressedSize) compressed bytes at offset \(start)) runs past the end of the file")
        }
        let compressed = bytes[(bytes.startIndex + start)..<(bytes.startIndex + start + part.compressedSize)]
        let data: Data
        switch part.method {
        case 0:
            guard part.compressedSize == part.uncompressedSize else { throw malformed("is stored with two different sizes") }
            data = Data(compressed)
        case 8:
            guard let inflated = Self.inflate(compressed, size: part.uncompressedSize) else {
                throw malformed("is not a complete DEFLATE stream of \(part.uncompressedSize) bytes")
            }
            data = inflated
        default:
            throw malformed("uses compression method \(part.method) (only stored and DEFLATE are read)")
        }
        let checksum = data.withUnsafeBytes { raw in
            UInt32(truncatingIfNeeded: CSIMSZlib.crc32(0, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count)))
        }
        guard checksum == part.crc32 else { throw malformed("fails its CRC-32 check (damaged)") }
        return data
    }

    /// Raw DEFLATE (RFC 1951) of `input` into exactly `size` bytes; `nil` unless the stream ends exactly there.
    static func inflate(_ input: Data, size: Int) -> Data? {
        var output = Data(count: size + 1)  // one spare byte: a stream longer than declared does not fit
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        let status: Int32 = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(target.count)
                return CSIMSZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else { return nil }
        output.count = size
        return output
    }
}
