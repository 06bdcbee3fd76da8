/// Incremental SHA-1 (FIPS 180-4, §6.1) for the `IMS:1000091 ibd SHA-1` checksum imzML requires.
/// Not used for security — only to label the binary file as the imzML specification asks.
///
/// Whole 64-byte blocks are compressed straight from the caller's buffer; only a partial block is copied.
struct SHA1 {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0)
    private var block = [UInt8](repeating: 0, count: 64)
    private var blockFill = 0
    private var length: UInt64 = 0

    mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    mutating func update(_ raw: UnsafeRawBufferPointer) {
        length &+= UInt64(raw.count)
        var offset = 0
        if blockFill > 0 {
            let take = min(64 - blockFill, raw.count)
            for k in 0..<take { block[blockFill + k] = raw[k] }
            blockFill += take
            offset = take
            guard blockFill == 64 else { return }
            let full = block
            full.withUnsafeBytes { compress($0.baseAddress!) }
            blockFill = 0
        }
        while raw.count - offset >= 64 {
            compress(raw.baseAddress! + offset)
            offset += 64
        }
        for k in offset..<raw.count { block[k - offset] = raw[k] }
        blockFill = raw.count - offset
    }

    /// The digest as 40 lowercase hexadecimal digits.
    mutating func finalizeHex() -> String {
        let bitLength = length &* 8
        var padding: [UInt8] = [0x80]
        let fill = (blockFill + 1) % 64
        padding += [UInt8](repeating: 0, count: fill <= 56 ? 56 - fill : 120 - fill)
        for k in (0..<8).reversed() { padding.append(UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(k)))) }
        padding.withUnsafeBytes { update($0) }
        let words = [state.0, state.1, state.2, state.3, state.4]
        let digits = Array("0123456789abcdef")
        var out = ""
        for word in words {
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((word >> UInt32(shift)) & 0xF)]) }
        }
        return out
    }

    /// One compression round over the 64 bytes at `bytes` (big-endian words).
    private mutating func compress(_ bytes: UnsafeRawPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            for t in 0..<16 {
                w[t] = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self))
            }
            for t in 16..<80 {
                let x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
                w[t] = x << 1 | x >> 31
            }
            var (a, b, c, d, e) = state
            for t in 0..<20 {
                let temp = (a << 5 | a >> 27) &+ ((b & c) | (~b & d)) &+ e &+ 0x5A827999 &+ w[t]
                e = d; d = c; c = b << 30 | b >> 2; b = a; a = temp
            }
            for t in 20..<40 {
                let temp = (a << 5 | a >> 27) &+ (b ^ c ^ d) &+ e &+ 0x6ED9EBA1 &+ w[t]
                e = d; d = c; c = b << 30 | b >> 2; b = a; a = temp
            }
            for t in 40..<60 {
                let temp = (a << 5 | a >> 27) &+ ((b & c) | (b & d) | (c & d)) &+ e &+ 0x8F1BBCDC &+ w[t]
                e = d; d = c; c = b << 30 | b >> 2; b = a; a = temp
            }
            for t in 60..<80 {
                let temp = (a << 5 | a >> 27) &+ (b ^ c ^ d) &+ e &+ 0xCA62C1D6 &+ w[t]
                e = d; d = c; c = b << 30 | b >> 2; b = a; a = temp
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
        }
    }
}
