import Foundation
import SIMSCore

/// IONTOF's binary image format BIF6: counts per mass interval per pixel.
///
/// Layout (little-endian; `../shared/data/FORMATS.md`):
/// ```
/// bytes 0–5   00 00 42 49 46 36            "\0\0BIF6"
/// uint16      number of intervals
/// uint16      width (pixels along x)
/// uint16      height (pixels along y)
/// per interval:
///   uint32    id
///   float32   lower, center, upper mass (u)
///   uint32 × width × height   counts, row-major, x fastest
/// ```
/// The format carries no ion names. SIMSKit's convention for the total-ion image: an interval whose three
/// masses are all 0 u (no real ion has mass 0). Names are supplied by the caller (``BIF6/read(_:names:)``),
/// e.g. from a mass interval list; otherwise ions are named by their centre mass (`mz 6.0151`).
public enum BIF6 {
    /// The 6-byte signature `\0\0BIF6`.
    public static let signature: [UInt8] = [0x00, 0x00, 0x42, 0x49, 0x46, 0x36]

    /// Bytes of the fixed header (signature + three uint16).
    static let headerSize = 12
    /// Bytes of an interval header (id + three float32).
    static let intervalHeaderSize = 16

    /// Name given to an unnamed interval: `mz <center, 4 decimals>` (no `/`, so it can be part of a file name).
    public static func defaultName(center: Double) -> String {
        "mz " + String(format: "%.4f", center)
    }
}

extension BIF6 {
    /// Reads a BIF6 file into an image set named after the file (without extension).
    ///
    /// - Parameters:
    ///   - path: the `.bif6` file.
    ///   - names: ion name per interval id; ids not listed are named ``defaultName(center:)``.
    /// - Throws: ``SIMSError`` with the byte offset for a wrong signature, a truncated file, sizes that
    ///   overflow, non-finite masses, or trailing bytes.
    public static func read(_ path: String, names: [Int: String] = [:]) throws(SIMSError) -> ImageSet {
        let bytes = try readAllBytes(path)
        let measurement = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try decode(bytes, file: path, measurement: measurement, names: names)
    }

    /// Decodes BIF6 bytes (see ``read(_:names:)``); `file` is used in error messages.
    public static func decode(_ bytes: [UInt8], file: String, measurement: String, names: [Int: String] = [:]) throws(SIMSError) -> ImageSet {
        var cursor = LittleEndianCursor(bytes: bytes, file: file)
        try cursor.require(6, "the BIF6 signature")
        guard Array(bytes[0..<6]) == signature else {
            throw SIMSError(.malformed, "not a BIF6 file", file: file, byteOffset: 0,
                            found: bytes[0..<6].map { String(format: "%02x", $0) }.joined(separator: " "),
                            expected: "00 00 42 49 46 36 (\"\\0\\0BIF6\")")
        }
        try cursor.skip(6, "the signature")
        let intervals = Int(try cursor.uint16("the number of intervals"))
        let width = Int(try cursor.uint16("the image width"))
        let height = Int(try cursor.uint16("the image height"))
        let pixels = width * height
        let expectedSize = headerSize + intervals * (intervalHeaderSize + 4 * pixels)
        if bytes.count < expectedSize {
            throw SIMSError(.truncated, "BIF6 file is shorter than its header announces (\(intervals) intervals of \(width)x\(height) pixels)",
                            file: file, byteOffset: bytes.count, found: "\(bytes.count) bytes", expected: "\(expectedSize) bytes")
        }
        if bytes.count > expectedSize {
            throw SIMSError(.malformed, "BIF6 file has trailing bytes after the last interval",
                            file: file, byteOffset: expectedSize, found: "\(bytes.count) bytes", expected: "\(expectedSize) bytes")
        }
        var images: [IonImage] = []
        var total: IonImage?
        for index in 0..<intervals {
            let headerOffset = cursor.offset
            let id = Int(try cursor.uint32("interval \(index + 1) id"))
            let lower = Double(try cursor.float32("interval \(index + 1) lower mass"))
            let center = Double(try cursor.float32("interval \(index + 1) center mass"))
            let upper = Double(try cursor.float32("interval \(index + 1) upper mass"))
            guard lower.isFinite, center.isFinite, upper.isFinite, lower <= upper else {
                throw SIMSError(.malformed, "interval \(index + 1) has invalid masses", file: file, byteOffset: headerOffset + 4,
                                found: "lower \(lower), center \(center), upper \(upper)", expected: "finite masses with lower <= upper")
            }
            var counts = ContiguousArray<Double>(repeating: 0, count: pixels)
            let start = cursor.offset
            bytes.withUnsafeBytes { raw in
                counts.withUnsafeMutableBufferPointer { out in
                    for p in 0..<pixels {
                        out[p] = Double(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * p, as: UInt32.self)))
                    }
                }
            }
            try cursor.skip(4 * pixels, "interval \(index + 1) counts")
            let isTotal = lower == 0 && center == 0 && upper == 0
            let name = isTotal ? "total" : (names[id] ?? defaultName(center: center))
            var image = IonImage(width: width, height: height, counts: counts, ion: name)
            image.intervalID = id
            if !isTotal { image.massInterval = MassInterval(lower: lower, upper: upper, center: center) }
            if isTotal { total = image } else { images.append(image) }
        }
        return try ImageSet(measurement: measurement, images: images, total: total)
    }

    /// Encodes an image set as BIF6 bytes.
    ///
    /// Each ion image needs a mass interval (``IonImage/massInterval``); ids are the images'
    /// ``IonImage/intervalID`` or their 1-based position. The total image, when present, is written last with
    /// masses 0/0/0 and id 0. Counts must be whole numbers in 0…4 294 967 295 (BIF6 stores uint32).
    public static func encode(_ set: ImageSet) throws(SIMSError) -> [UInt8] {
        guard set.width <= Int(UInt16.max), set.height <= Int(UInt16.max) else {
            throw .invalidArgument("image \(set.measurement) is too large for BIF6", found: "\(set.width)x\(set.height)", expected: "at most 65535x65535 pixels")
        }
        let all = set.images + (set.total.map { [$0] } ?? [])
        guard all.count <= Int(UInt16.max) else {
            throw .invalidArgument("too many images for BIF6 in \(set.measurement)", found: "\(all.count)", expected: "at most 65535")
        }
        let pixels = set.width * set.height
        var out = LittleEndianWriter(capacity: headerSize + all.count * (intervalHeaderSize + 4 * pixels))
        out.append(signature)
        out.uint16(UInt16(all.count))
        out.uint16(UInt16(set.width))
        out.uint16(UInt16(set.height))
        for (index, image) in set.images.enumerated() {
            guard let interval = image.massInterval else {
                throw .invalidArgument("image \(image.ion) of \(set.measurement) has no mass interval; BIF6 needs lower/center/upper masses (give a mass interval list)")
            }
            out.uint32(UInt32(clamping: image.intervalID ?? index + 1))
            out.float32(Float(interval.lower))
            out.float32(Float(interval.center))
            out.float32(Float(interval.upper))
            try appendCounts(image, set: set, to: &out)
        }
        if let total = set.total {
            out.uint32(0)
            out.float32(0); out.float32(0); out.float32(0)
            try appendCounts(total, set: set, to: &out)
        }
        return out.bytes
    }

    /// Writes an image set to `path` as BIF6 (atomically).
    public static func write(_ set: ImageSet, to path: String) throws(SIMSError) {
        let bytes = try encode(set)
        try AtomicFile.write(Data(bytes), to: path)
    }

    private static func appendCounts(_ image: IonImage, set: ImageSet, to out: inout LittleEndianWriter) throws(SIMSError) {
        for (p, value) in image.counts.enumerated() {
            guard value >= 0, value <= Double(UInt32.max), value == value.rounded() else {
                throw .invalidArgument("image \(image.ion) of \(set.measurement) has a count BIF6 cannot store at pixel (\(p % max(set.width, 1)), \(p / max(set.width, 1)))",
                                       found: "\(value)", expected: "a whole number in 0...4294967295")
            }
            out.uint32(UInt32(value))
        }
    }
}
