/// A compact binary API answer: a small JSON header followed by little-endian numeric arrays that the browser
/// maps as typed arrays without parsing (`Float64Array`, `Float32Array` over the fetched `ArrayBuffer`).
///
/// Layout (docs/view.md, *Binary answers*):
///
/// | bytes | content |
/// |---|---|
/// | 0–3 | header length H (UInt32, little-endian) |
/// | 4 ..< 4 + H | header, UTF-8 JSON |
/// | … | zero padding to a multiple of 8 |
/// | payload | the arrays in the order the header lists them; each array starts at a multiple of its element size (zero padding) |
///
/// The payload starts 8-byte aligned, so every array can be viewed in place by a typed array.
struct BinaryAnswer {
    /// The JSON header (the caller describes the arrays in it).
    var header = JSONText()
    private var payload: [UInt8] = []

    init(capacity: Int = 1024) { payload.reserveCapacity(capacity) }

    /// Appends `values` as IEEE 754 binary64, little-endian (exact).
    mutating func float64(_ values: [Double]) {
        pad(to: 8)
        for v in values { append(v.bitPattern.littleEndian) }
    }

    /// Appends `values` rounded to IEEE 754 binary32, little-endian (relative error ≤ 2⁻²⁴ ≈ 6·10⁻⁸).
    mutating func float32<C: Collection>(_ values: C) where C.Element == Double {
        pad(to: 4)
        for v in values { append(Float(v).bitPattern.littleEndian) }
    }

    private mutating func pad(to alignment: Int) {
        while payload.count % alignment != 0 { payload.append(0) }
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value) { payload.append(contentsOf: $0) }
    }

    /// The whole answer.
    var bytes: [UInt8] {
        let head = header.bytes
        var out: [UInt8] = []
        out.reserveCapacity(8 + head.count + payload.count)
        withUnsafeBytes(of: UInt32(head.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: head)
        while out.count % 8 != 0 { out.append(0) }
        out.append(contentsOf: payload)
        return out
    }
}
