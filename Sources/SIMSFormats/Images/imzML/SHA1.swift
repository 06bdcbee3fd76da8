/// Incremental SHA-1 (FIPS 180-4) for the `IMS:1000091 ibd SHA-1` checksum imzML requires.
/// Not used for security — only to label the binary file as the imzML specification asks.
struct SHA1 {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0)
    private var block = [UInt8](repeating: 0, count: 64)
    private var blockFill = 0
    private var length: UInt64 = 0

    mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        for byte in bytes {
            block[blockFill] = byte
            blockFill += 1
            if blockFill == 64 { compress(); blockFill = 0 }
        }
        length &+= UInt64(bytes.count)
    }

    mutating func update(_ raw: UnsafeRawBufferPointer) {
        for byte in raw {
            block[blockFill] = byte
            blockFill += 1
            if blockFill == 64 { compress(); blockFill = 0 }
        }
        length &+= UInt64(raw.count)
    }

    /// The digest as 40 lowercase hexadecimal digits.
    mutating func finalizeHex() -> String {
        let bitLength = length &* 8
        var padding: [UInt8] = [0x80]
        let fill = (blockFill + 1) % 64
        padding += [UInt8](repeating: 0, count: fill <= 56 ? 56 - fill : 120 - fill)
        for k in (0..<8).reversed() { padding.append(UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(k)))) }
        let saved = length
        update(padding)
        length = saved
        let words = [state.0, state.1, state.2, state.3, state.4]
        let digits = Array("0123456789abcdef")
        var out = ""
        for word in words {
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((word >> UInt32(shift)) & 0xF)]) }
        }
        return out
    }

    private mutating func compress() {
        var w = [UInt32](repeating: 0, count: 80)
        for t in 0..<16 {
            w[t] = UInt32(block[4 * t]) << 24 | UInt32(block[4 * t + 1]) << 16 | UInt32(block[4 * t + 2]) << 8 | UInt32(block[4 * t + 3])
        }
        for t in 16..<80 {
            let x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
            w[t] = x << 1 | x >> 31
        }
        var (a, b, c, d, e) = state
        for t in 0..<80 {
            let f: UInt32, k: UInt32
            switch t {
            case 0..<20: f = (b & c) | (~b & d); k = 0x5A827999
            case 20..<40: f = b ^ c ^ d; k = 0x6ED9EBA1
            case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC
            default: f = b ^ c ^ d; k = 0xCA62C1D6
            }
            let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[t]
            e = d; d = c; c = b << 30 | b >> 2; b = a; a = temp
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }
}
