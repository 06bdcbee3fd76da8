import Foundation
import SIMSCore

extension TIFF {
    /// Reads an uncompressed single-channel baseline TIFF (8/16/32-bit unsigned or 32-bit float, little- or
    /// big-endian, any number of strips): ROI masks and images written by ``TIFF/write(_:width:height:type:to:pixelSizeMicrometers:description:)``.
    public static func read(_ path: String) throws(SIMSError) -> Image {
        do { return try decode(try readAllBytes(path), file: path) } catch { throw error.inFile(path) }
    }

    /// Reads every page of a multi-page TIFF (a z-stack such as ``write(pages:width:height:type:to:pixelSizeMicrometers:description:)``
    /// writes), page 0 first.
    public static func readPages(_ path: String) throws(SIMSError) -> [Image] {
        do { return try decodePages(try readAllBytes(path), file: path) } catch { throw error.inFile(path) }
    }

    /// Decodes TIFF bytes (the first page); `file` names the source in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(SIMSError) -> Image {
        try decodePages(bytes, file: file, limit: 1)[0]
    }

    /// Decodes up to `limit` pages following the IFD chain (TIFF 6.0 §2); a loop in the chain is an error.
    public static func decodePages(_ bytes: [UInt8], file: String, limit: Int = .max) throws(SIMSError) -> [Image] {
        guard bytes.count >= 8 else { throw SIMSError(.truncated, "too short for a TIFF header", file: file, byteOffset: 0, found: "\(bytes.count) bytes", expected: "at least 8") }
        let little: Bool
        switch (bytes[0], bytes[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: throw SIMSError(.malformed, "not a TIFF file", file: file, byteOffset: 0, found: "\(bytes[0]) \(bytes[1])", expected: "II or MM")
        }
        func u16(_ at: Int) throws(SIMSError) -> Int {
            guard at >= 0, at + 2 <= bytes.count else { throw SIMSError(.truncated, "TIFF ends early", file: file, byteOffset: at) }
            return little ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : Int(bytes[at]) << 8 | Int(bytes[at + 1])
        }
        func u32(_ at: Int) throws(SIMSError) -> Int {
            guard at >= 0, at + 4 <= bytes.count else { throw SIMSError(.truncated, "TIFF ends early", file: file, byteOffset: at) }
            let b = (Int(bytes[at]), Int(bytes[at + 1]), Int(bytes[at + 2]), Int(bytes[at + 3]))
            return little ? b.0 | b.1 << 8 | b.2 << 16 | b.3 << 24 : b.0 << 24 | b.1 << 16 | b.2 << 8 | b.3
        }
        guard try u16(2) == 42 else { throw SIMSError(.unsupported, "not a classic TIFF", file: file, byteOffset: 2, expected: "42") }
        func page(at ifd: Int) throws(SIMSError) -> (image: Image, next: Int) {
            let count = try u16(ifd)
            var tags: [Int: [Int]] = [:]
            var description: String?
            var resolution: Double?
            var resolutionUnit = 2
            for k in 0..<count {
                let at = ifd + 2 + 12 * k
                let tag = try u16(at), type = try u16(at + 2), n = try u32(at + 4)
                let size = [1: 1, 2: 1, 3: 2, 4: 4, 5: 8][type] ?? 1
                let valueAt = n * size <= 4 ? at + 8 : try u32(at + 8)
                // n comes from the file (up to 2³²): the values must lie in the file before any is read.
                _ = try FormatLimits.byteRange(offset: valueAt, count: n, size: size, fileSize: bytes.count, file: file, field: "TIFF tag \(tag)")
                switch type {
                case 3: tags[tag] = try (0..<n).map { (i: Int) throws(SIMSError) -> Int in try u16(valueAt + 2 * i) }
                case 4: tags[tag] = try (0..<n).map { (i: Int) throws(SIMSError) -> Int in try u32(valueAt + 4 * i) }
                case 2 where tag == 270:
                    guard valueAt + n <= bytes.count else { throw SIMSError(.truncated, "TIFF description ends early", file: file, byteOffset: valueAt) }
                    description = String(decoding: bytes[valueAt..<(valueAt + n)].prefix { $0 != 0 }, as: UTF8.self)
                case 5 where tag == 282:
                    let denominator = try u32(valueAt + 4)
                    if denominator > 0 { resolution = Double(try u32(valueAt)) / Double(denominator) }
                default: break
                }
            }
            if let unit = tags[296]?.first { resolutionUnit = unit }
            guard let width = tags[256]?.first, let height = tags[257]?.first, width > 0, height > 0 else {
                throw SIMSError(.malformed, "TIFF has no image size", file: file, byteOffset: ifd, expected: "tags 256 and 257")
            }
            let bits = tags[258]?.first ?? 1
            let format = tags[339]?.first ?? 1
            guard (tags[259]?.first ?? 1) == 1 else { throw SIMSError(.unsupported, "compressed TIFF", file: file, expected: "uncompressed (Compression = 1)") }
            guard (tags[277]?.first ?? 1) == 1 else { throw SIMSError(.unsupported, "multi-channel TIFF", file: file, expected: "one sample per pixel") }
            let type: SampleType
            switch (bits, format) {
            case (8, 1): type = .uint8
            case (16, 1): type = .uint16
            case (32, 1): type = .uint32
            case (32, 3): type = .float32
            default: throw SIMSError(.unsupported, "TIFF sample type", file: file, found: "\(bits) bits, format \(format)", expected: "8/16/32-bit unsigned or 32-bit float")
            }
            guard let offsets = tags[273], let lengths = tags[279], offsets.count == lengths.count else {
                throw SIMSError(.malformed, "TIFF strips missing", file: file, expected: "tags 273 and 279")
            }
            let n = try FormatLimits.pixelCount(width: width, height: height, file: file, field: "the TIFF image size (tags 256, 257)")
            _ = try FormatLimits.byteRange(offset: 0, count: n, size: type.bytesPerSample, fileSize: bytes.count, file: file,
                                           field: "the \(width)×\(height) pixels of the TIFF")
            var raw: [UInt8] = []
            raw.reserveCapacity(n * type.bytesPerSample)
            for (offset, length) in zip(offsets, lengths) {
                let range = try FormatLimits.byteRange(offset: offset, count: length, size: 1, fileSize: bytes.count, file: file, field: "a TIFF strip")
                raw += bytes[range]
            }
            guard raw.count >= n * type.bytesPerSample else { throw SIMSError(.truncated, "TIFF has fewer pixels than its size", file: file, found: "\(raw.count) bytes", expected: "\(n * type.bytesPerSample)") }
            var values = ContiguousArray<Double>(repeating: 0, count: n)
            for p in 0..<n {
                let at = p * type.bytesPerSample
                switch type {
                case .uint8: values[p] = Double(raw[at])
                case .uint16: values[p] = Double(little ? Int(raw[at]) | Int(raw[at + 1]) << 8 : Int(raw[at]) << 8 | Int(raw[at + 1]))
                case .uint32, .float32:
                    let b = (UInt32(raw[at]), UInt32(raw[at + 1]), UInt32(raw[at + 2]), UInt32(raw[at + 3]))
                    let word = little ? b.0 | b.1 << 8 | b.2 << 16 | b.3 << 24 : b.0 << 24 | b.1 << 16 | b.2 << 8 | b.3
                    values[p] = type == .uint32 ? Double(word) : Double(Float(bitPattern: word))
                }
            }
            let pixelSize = resolutionUnit == 3 ? resolution.flatMap { $0 > 0 ? 1e4 / $0 : nil } : nil
            let image = Image(width: width, height: height, sampleType: type, values: values, pixelSizeMicrometers: pixelSize, description: description)
            // A missing next-IFD word after the last entry (seen in some writers) ends the chain.
            return (image, (try? u32(ifd + 2 + 12 * count)) ?? 0)
        }
        var images: [Image] = []
        var ifd = try u32(4)
        var visited: Set<Int> = []
        while ifd != 0, images.count < limit {
            guard visited.insert(ifd).inserted else {
                throw SIMSError(.malformed, "TIFF directory chain loops", file: file, byteOffset: ifd, expected: "each IFD once")
            }
            let (image, next) = try page(at: ifd)
            images.append(image)
            ifd = next
        }
        guard !images.isEmpty else { throw SIMSError(.malformed, "TIFF has no image directory", file: file, byteOffset: 4, expected: "a non-zero IFD offset") }
        return images
    }
}
