import Foundation

/// Edits of valid files into the crafted inputs of reliability tests (#25): numbers a header may state but a reader
/// must not trust.
public enum CraftedBytes {
    /// `tiff` (a baseline TIFF, either byte order) with its ImageWidth and ImageLength tags (256, 257) rewritten
    /// as LONG values `width` and `height`; the pixel data are left as they are.
    public static func tiff(_ tiff: [UInt8], statingWidth width: UInt32, height: UInt32) -> [UInt8] {
        var bytes = tiff
        let little = bytes[0] == 0x49
        func u16(_ at: Int) -> Int { little ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
        func u32(_ at: Int) -> Int { little ? u16(at) | u16(at + 2) << 16 : u16(at) << 16 | u16(at + 2) }
        let ifd = u32(4)
        for k in 0..<u16(ifd) {
            let at = ifd + 2 + 12 * k
            let tag = u16(at)
            guard tag == 256 || tag == 257 else { continue }
            let value = tag == 256 ? width : height
            bytes[at + 2] = little ? 4 : 0; bytes[at + 3] = little ? 0 : 4  // type LONG
            for i in 0..<4 {
                let shift = UInt32(little ? i : 3 - i) * 8
                bytes[at + 8 + i] = UInt8(truncatingIfNeeded: value >> shift)
            }
        }
        return bytes
    }

    /// Replaces the first `old` in the UTF-8 text file at `path` by `new`; throws when `old` is not there.
    public static func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let range = text.range(of: old) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(old) not in \(path)"])
        }
        try text.replacingCharacters(in: range, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }
}
