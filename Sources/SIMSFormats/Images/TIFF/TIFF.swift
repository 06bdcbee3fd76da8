import Foundation
import SIMSCore

/// Baseline TIFF 6.0 (Adobe, 1992) single-strip grayscale images: written for ion images, read back for
/// tests and ROI masks.
///
/// SIMSKit writes little-endian (`II*\0`), uncompressed, one strip, `PhotometricInterpretation = 1`
/// (BlackIsZero) and the `SampleFormat` tag (339) so that float maps open as floats in ImageJ/Fiji.
public enum TIFF {
    /// The sample type of a grayscale TIFF.
    public enum SampleType: Sendable, Equatable {
        /// 8-bit unsigned integers (masks).
        case uint8
        /// 16-bit unsigned integers (counts up to 65 535).
        case uint16
        /// 32-bit unsigned integers (larger counts).
        case uint32
        /// 32-bit IEEE floats (ratio maps).
        case float32

        var bitsPerSample: UInt16 {
            switch self { case .uint8: 8; case .uint16: 16; case .uint32, .float32: 32 }
        }
        var sampleFormat: UInt16 { self == .float32 ? 3 : 1 }
        var bytesPerSample: Int { Int(bitsPerSample) / 8 }
    }

    /// A decoded grayscale TIFF.
    public struct Image: Sendable, Equatable {
        /// Pixels along x.
        public var width: Int
        /// Pixels along y.
        public var height: Int
        /// The stored sample type.
        public var sampleType: SampleType
        /// Pixel values, row-major, x fastest.
        public var values: ContiguousArray<Double>
        /// Pixel size in µm from XResolution when the resolution unit is centimetre, if present.
        public var pixelSizeMicrometers: Double?
        /// The ImageDescription tag, if present.
        public var description: String?
    }
}

extension TIFF {
    /// Encodes a grayscale image as baseline TIFF bytes.
    ///
    /// - Parameters:
    ///   - values: pixel values row-major (x fastest), `width * height` of them.
    ///   - width: image width in pixels.
    ///   - height: image height in pixels.
    ///   - type: sample type; integer types require whole numbers within range, float32 requires finite values.
    ///   - pixelSizeMicrometers: written as XResolution/YResolution in pixels per cm (ResolutionUnit 3).
    ///   - description: the ImageDescription tag (ASCII).
    /// - Throws: ``SIMSError`` `invalidArgument` when a value does not fit the type (never clamps silently).
    public static func encode(
        _ values: ContiguousArray<Double>, width: Int, height: Int, type: SampleType,
        pixelSizeMicrometers: Double? = nil, description: String? = nil
    ) throws(SIMSError) -> [UInt8] {
        try encode(pages: [values], width: width, height: height, type: type, pixelSizeMicrometers: pixelSizeMicrometers, description: description)
    }

    /// Encodes a stack of same-size grayscale images as one multi-page baseline TIFF (one IFD per page,
    /// chained in order; TIFF 6.0 §2 "Image File Directory"), the layout ImageJ/Fiji opens as a z-stack.
    ///
    /// - Parameters:
    ///   - pages: the images, each row-major (x fastest) with `width * height` values; page 0 first.
    ///   - width: page width in pixels.
    ///   - height: page height in pixels.
    ///   - type: sample type of every page; integer types require whole numbers within range, float32 requires
    ///     finite values.
    ///   - pixelSizeMicrometers: written as XResolution/YResolution in pixels per cm (ResolutionUnit 3).
    ///   - description: ImageDescription of the first page (ASCII).
    /// - Throws: ``SIMSError`` `invalidArgument` for a value that does not fit `type`, a page of the wrong size,
    ///   no pages, or a stack over the 4 GB a classic TIFF can address.
    public static func encode(
        pages: [ContiguousArray<Double>], width: Int, height: Int, type: SampleType,
        pixelSizeMicrometers: Double? = nil, description: String? = nil
    ) throws(SIMSError) -> [UInt8] {
        guard !pages.isEmpty else { throw .invalidArgument("a TIFF needs at least one page") }
        guard width > 0, height > 0, width <= Int(UInt32.max), height <= Int(UInt32.max) else {
            throw .invalidArgument("TIFF image size must be positive", found: "\(width)x\(height)")
        }
        for (index, values) in pages.enumerated() where values.count != width * height {
            throw .invalidArgument("TIFF page \(index) does not match the image size", found: "\(values.count) values", expected: "\(width)x\(height) = \(width * height)")
        }
        let estimate = pages.count * (width * height * type.bytesPerSample + 256) + 512
        guard estimate < Int(UInt32.max) else {
            throw .invalidArgument("the stack is too large for a classic TIFF", found: "about \(estimate) bytes", expected: "under 4 GB")
        }
        var out = LittleEndianWriter(capacity: estimate)
        out.append([0x49, 0x49, 0x2A, 0x00])  // "II", 42
        out.uint32(0)  // offset of the first IFD, patched below
        var nextIFDPointer = 4  // where the offset of the next IFD goes
        for (page, values) in pages.enumerated() {
            let dataOffset = out.bytes.count
            for (index, value) in values.enumerated() {
                switch type {
                case .float32:
                    guard value.isFinite, abs(value) <= Double(Float.greatestFiniteMagnitude) else { throw badValue(value, index, width, type, page: page, of: pages.count) }
                    out.float32(Float(value))
                case .uint8, .uint16, .uint32:
                    let limit: Double = type == .uint8 ? 255 : type == .uint16 ? 65_535 : 4_294_967_295
                    guard value >= 0, value <= limit, value == value.rounded() else { throw badValue(value, index, width, type, page: page, of: pages.count) }
                    switch type {
                    case .uint8: out.uint8(UInt8(value))
                    case .uint16: out.uint16(UInt16(value))
                    default: out.uint32(UInt32(value))
                    }
                }
            }
            let dataLength = out.bytes.count - dataOffset
            // Extra data (description text, rationals) after the pixels, word aligned.
            if out.bytes.count % 2 == 1 { out.uint8(0) }
            var descriptionOffset = 0
            var descriptionBytes: [UInt8] = []
            if page == 0, let description {
                descriptionBytes = Array(description.utf8.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }) + [0]
                descriptionOffset = out.bytes.count
                out.append(descriptionBytes)
                if out.bytes.count % 2 == 1 { out.uint8(0) }
            }
            var resolutionOffset = 0
            if let size = pixelSizeMicrometers, size.isFinite, size > 0 {
                // Pixels per centimetre as a rational with denominator 1000.
                let perCentimetre = UInt32(clamping: Int((1e4 / size * 1000).rounded()))
                resolutionOffset = out.bytes.count
                out.uint32(perCentimetre); out.uint32(1000)
                out.uint32(perCentimetre); out.uint32(1000)
            }
            // IFD entries, ascending tag order.
            var entries: [(tag: UInt16, type: UInt16, count: UInt32, value: UInt32)] = [
                (256, 4, 1, UInt32(width)),
                (257, 4, 1, UInt32(height)),
                (258, 3, 1, UInt32(type.bitsPerSample)),
                (259, 3, 1, 1),
                (262, 3, 1, 1),
            ]
            if !descriptionBytes.isEmpty { entries.append((270, 2, UInt32(descriptionBytes.count), UInt32(descriptionOffset))) }
            entries += [
                (273, 4, 1, UInt32(dataOffset)),
                (277, 3, 1, 1),
                (278, 4, 1, UInt32(height)),
                (279, 4, 1, UInt32(dataLength)),
            ]
            if resolutionOffset > 0 {
                entries.append((282, 5, 1, UInt32(resolutionOffset)))
                entries.append((283, 5, 1, UInt32(resolutionOffset + 8)))
                entries.append((296, 3, 1, 3))
            }
            entries.append((339, 3, 1, UInt32(type.sampleFormat)))
            let ifdOffset = out.bytes.count
            out.patchUInt32(UInt32(ifdOffset), at: nextIFDPointer)
            out.uint16(UInt16(entries.count))
            for entry in entries {
                out.uint16(entry.tag); out.uint16(entry.type); out.uint32(entry.count)
                if entry.type == 3 && entry.count == 1 { out.uint16(UInt16(entry.value)); out.uint16(0) } else { out.uint32(entry.value) }
            }
            nextIFDPointer = out.bytes.count
            out.uint32(0)  // no further IFD unless another page follows
        }
        return out.bytes
    }

    /// Writes a grayscale TIFF atomically (see ``encode(_:width:height:type:pixelSizeMicrometers:description:)``).
    public static func write(
        _ values: ContiguousArray<Double>, width: Int, height: Int, type: SampleType, to path: String,
        pixelSizeMicrometers: Double? = nil, description: String? = nil
    ) throws(SIMSError) {
        do {
            let bytes = try encode(values, width: width, height: height, type: type, pixelSizeMicrometers: pixelSizeMicrometers, description: description)
            try AtomicFile.write(Data(bytes), to: path)
        } catch {
            throw error.inFile(path)
        }
    }

    /// Writes a multi-page grayscale TIFF atomically (see ``encode(pages:width:height:type:pixelSizeMicrometers:description:)``).
    public static func write(
        pages: [ContiguousArray<Double>], width: Int, height: Int, type: SampleType, to path: String,
        pixelSizeMicrometers: Double? = nil, description: String? = nil
    ) throws(SIMSError) {
        do {
            let bytes = try encode(pages: pages, width: width, height: height, type: type, pixelSizeMicrometers: pixelSizeMicrometers, description: description)
            try AtomicFile.write(Data(bytes), to: path)
        } catch {
            throw error.inFile(path)
        }
    }

    /// The integer sample type that holds whole-number `counts` losslessly: uint16 when all ≤ 65 535,
    /// else uint32; float32 when any count is fractional (dead-time corrected or binned data).
    public static func countsType(for counts: ContiguousArray<Double>) -> SampleType {
        var maximum = 0.0
        for value in counts {
            if value != value.rounded() || value < 0 { return .float32 }
            maximum = max(maximum, value)
        }
        return maximum <= 65_535 ? .uint16 : maximum <= 4_294_967_295 ? .uint32 : .float32
    }

    private static func badValue(_ value: Double, _ index: Int, _ width: Int, _ type: SampleType, page: Int, of pages: Int) -> SIMSError {
        let place = pages > 1 ? "page \(page), pixel" : "pixel"
        return .invalidArgument("\(place) (\(index % width), \(index / width)) does not fit a \(type) TIFF", found: "\(value)",
                         expected: type == .float32 ? "a finite number" : "a whole number in range")
    }
}
