import CSIMSZlib
import Foundation
@testable import SIMSReport

/// A minimal, independent PNG reader for tests: checks the signature and every chunk's CRC (bitwise CRC-32,
/// not zlib's table), inflates IDAT with zlib and undoes filters 0 (none) and 1 (SUB).
struct DecodedPNG {
    var width = 0, height = 0, bitDepth = 0, colorType = 0
    var chunkTypes: [String] = []
    var raw: [UInt8] = []      // unfiltered scanline bytes
    /// Bytes per pixel of the decoded rows (3 for RGB, 4 for RGBA).
    var channels: Int { colorType == 6 ? 4 : colorType == 2 ? 3 : colorType == 4 ? 2 : 1 }

    static func crc32Bitwise(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0 ..< 8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    enum Failure: Error { case signature, truncated, crc(String), inflate(Int32), filter(UInt8) }

    init(_ data: Data) throws {
        let b = [UInt8](data)
        guard b.count >= 8, Array(b[0 ..< 8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { throw Failure.signature }
        var i = 8
        var idat: [UInt8] = []
        func be(_ k: Int) -> Int { Int(b[k]) << 24 | Int(b[k + 1]) << 16 | Int(b[k + 2]) << 8 | Int(b[k + 3]) }
        while i + 12 <= b.count {
            let length = be(i)
            guard i + 12 + length <= b.count else { throw Failure.truncated }
            let typeAndData = Array(b[i + 4 ..< i + 8 + length])
            let type = String(decoding: typeAndData[0 ..< 4], as: UTF8.self)
            let stored = UInt32(be(i + 8 + length))
            guard DecodedPNG.crc32Bitwise(typeAndData) == stored else { throw Failure.crc(type) }
            chunkTypes.append(type)
            let payload = Array(typeAndData[4...])
            if type == "IHDR" {
                width = Int(payload[0]) << 24 | Int(payload[1]) << 16 | Int(payload[2]) << 8 | Int(payload[3])
                height = Int(payload[4]) << 24 | Int(payload[5]) << 16 | Int(payload[6]) << 8 | Int(payload[7])
                bitDepth = Int(payload[8]); colorType = Int(payload[9])
            } else if type == "IDAT" {
                idat += payload
            }
            i += 12 + length
        }
        let rowBytes = width * channels * bitDepth / 8
        var out = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        var outLength = uLong(out.count)
        let status = out.withUnsafeMutableBufferPointer { dst in
            idat.withUnsafeBufferPointer { src in uncompress(dst.baseAddress, &outLength, src.baseAddress, uLong(idat.count)) }
        }
        guard status == Z_OK, Int(outLength) == out.count else { throw Failure.inflate(status) }
        for row in 0 ..< height {
            let start = row * (rowBytes + 1)
            var line = Array(out[start + 1 ..< start + 1 + rowBytes])
            switch out[start] {
            case 0: break
            case 1:  // SUB: each byte adds the byte one pixel to its left
                let bpp = max(1, channels * bitDepth / 8)
                for k in bpp ..< max(bpp, line.count) { line[k] = line[k] &+ line[k - bpp] }
            default: throw Failure.filter(out[start])
            }
            raw += line
        }
    }
}
