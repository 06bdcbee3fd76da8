import SIMSCore

/// The bounds every reader applies to numbers that come from a file (header fields, offsets, lengths,
/// dimensions) before using them, stated once (docs/reliability.md). Arithmetic on such numbers is checked, and a
/// value out of bounds is a ``SIMSError`` naming the file and the field; memory is sized only from values that
/// passed these checks, and every byte count is bounded by the real size of the file that holds the bytes.
public enum FormatLimits {
    /// Pixels (voxels) of one image: 2³¹ (e.g. 46 340²; IONTOF rasters reach 4096² = 2²⁴).
    public static let maximumPixels = 1 << 31
    /// Largest m/z in u (ToF-SIMS spectra end below 10⁴ u; imzML from other instruments below 10⁵ u).
    public static let maximumMass = 1e6
    /// Largest count in one channel or pixel (an IONTOF export never exceeds 2⁵³, where doubles stop being exact).
    public static let maximumCount = 9_007_199_254_740_992.0

    /// `width × height × depth`, checked against overflow and ``maximumPixels``.
    /// - Throws: ``SIMSError`` naming `file` and `field` when a dimension is not positive or the product is too large.
    public static func pixelCount(width: Int, height: Int, depth: Int = 1, file: String, field: String) throws(SIMSError) -> Int {
        guard width > 0, height > 0, depth > 0 else {
            throw SIMSError(.malformed, "\(field) is not a positive size", file: file, found: "\(width)×\(height)" + (depth > 1 ? "×\(depth)" : ""),
                            expected: "positive dimensions")
        }
        let (area, overflowA) = width.multipliedReportingOverflow(by: height)
        let (volume, overflowB) = area.multipliedReportingOverflow(by: depth)
        guard !overflowA, !overflowB, volume <= maximumPixels else {
            throw SIMSError(.malformed, "\(field) is too large", file: file, found: "\(width)×\(height)" + (depth > 1 ? "×\(depth)" : ""),
                            expected: "at most 2^31 pixels")
        }
        return volume
    }

    /// The byte range of `count` values of `size` bytes at `offset`, checked against overflow and the real size of
    /// the file (`fileSize`).
    /// - Throws: ``SIMSError`` (`truncated` or `malformed`) naming `file` and `field`.
    public static func byteRange(offset: Int, count: Int, size: Int, fileSize: Int, file: String, field: String) throws(SIMSError) -> Range<Int> {
        guard offset >= 0, count >= 0 else {
            throw SIMSError(.malformed, "\(field) has a negative offset or length", file: file, found: "offset \(offset), length \(count)",
                            expected: "non-negative integers")
        }
        let (bytes, overflowA) = count.multipliedReportingOverflow(by: size)
        let (end, overflowB) = offset.addingReportingOverflow(bytes)
        guard !overflowA, !overflowB, end <= fileSize else {
            throw SIMSError(.truncated, "\(field) lies outside the file", file: file, byteOffset: offset,
                            found: "\(count) × \(size) bytes at offset \(offset) in a file of \(fileSize) bytes",
                            expected: "a range within the file")
        }
        return offset..<end
    }
}
