import Crypto
import Foundation
import SIMSCore

extension ImzML {
    /// Prefix of SIMSKit's `userParam` names that record channels (`simskit:channel`).
    static let channelParamName = "simskit:channel"

    /// Opens an imzML file: parses the XML index and checks the .ibd (same base name, `.ibd`).
    ///
    /// - Throws: ``SIMSError`` when the XML or .ibd is missing, the UUIDs differ, a spectrum lacks a position or
    ///   an array, an array uses compression or an unknown number type, or an array lies outside the .ibd.
    public static func open(_ path: String) throws(SIMSError) -> ImzML {
        let base = (path as NSString).deletingPathExtension
        let candidates = [base + ".ibd", base + ".IBD"]
        guard let binaryPath = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw SIMSError(.fileNotFound, "the .ibd file beside the imzML is missing", file: path, expected: "\(base).ibd")
        }
        var parser = IndexBuilder(file: path)
        try XMLTagScanner.scan(file: path) { (tag) throws(SIMSError) in try parser.handle(tag) }
        let binary = try BinaryFile(path: binaryPath)
        defer { binary.close() }
        return try parser.finish(binaryPath: binaryPath, binary: binary)
    }
}

/// Accumulates the imzML index while tags stream past.
private struct IndexBuilder {
    /// cvParams (accession → value) and userParams collected for a context.
    struct Params {
        var cv: [String: String] = [:]
        var refs: [String] = []
    }

    let file: String
    var groups: [String: Params] = [:]
    var currentGroup: String?
    var global = Params()
    var storage: ImzML.Storage?
    var uuidText: String?
    var channels: [(index: Int, channel: ImzML.Channel)] = []
    var inSpectrum = false
    var spectrumIndex = 0
    var spectrumParams = Params()
    var arrayParams: Params?
    var arrays: [Params] = []
    var spectra: [ImzML.SpectrumEntry] = []
    var maxX = 0, maxY = 0

    init(file: String) { self.file = file }

    mutating func handle(_ tag: XMLTagScanner.Tag) throws(SIMSError) {
        if tag.isNamed("cvParam") {
            guard let accession = tag.attribute("accession") else { return }
            let value = tag.attribute("value") ?? ""
            if let group = currentGroup { groups[group]?.cv[accession] = value }
            else if arrayParams != nil { arrayParams!.cv[accession] = value }
            else if inSpectrum { spectrumParams.cv[accession] = value }
            else {
                global.cv[accession] = value
                if accession == "IMS:1000030" { storage = .continuous }
                if accession == "IMS:1000031" { storage = .processed }
                if accession == "IMS:1000080" { uuidText = value }
            }
        } else if tag.isNamed("referenceableParamGroupRef") {
            guard let ref = tag.attribute("ref") else { return }
            if arrayParams != nil { arrayParams!.refs.append(ref) } else if inSpectrum { spectrumParams.refs.append(ref) }
        } else if tag.isNamed("binaryDataArray") {
            if tag.isEnd {
                if let params = arrayParams { arrays.append(params) }
                arrayParams = nil
            } else {
                arrayParams = Params()
                if tag.isEmpty { arrays.append(arrayParams!); arrayParams = nil }
            }
        } else if tag.isNamed("spectrum") {
            if tag.isEnd {
                try finishSpectrum()
            } else {
                inSpectrum = true
                spectrumParams = Params()
                arrays = []
                if tag.isEmpty { try finishSpectrum() }
            }
        } else if tag.isNamed("referenceableParamGroup") {
            if tag.isEnd { currentGroup = nil } else if !tag.isEmpty {
                currentGroup = tag.attribute("id")
                if let id = currentGroup { groups[id] = Params() }
            }
        } else if tag.isNamed("userParam") {
            if tag.attribute("name") == ImzML.channelParamName, let value = tag.attribute("value") {
                channels.append((channels.count, try Self.parseChannel(value, file: file)))
            }
        }
    }

    /// SIMSKit channel: `lower center upper name` (masses in u; `- - -` for the total).
    static func parseChannel(_ value: String, file: String) throws(SIMSError) -> ImzML.Channel {
        let parts = value.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4 else {
            throw SIMSError(.malformed, "SIMSKit channel parameter has the wrong layout", file: file, found: value, expected: "lower center upper name")
        }
        let name = String(parts[3])
        if parts[0] == "-" { return ImzML.Channel(ion: name, interval: nil) }
        guard let lower = Double(parts[0]), let center = Double(parts[1]), let upper = Double(parts[2]),
              lower.isFinite, upper.isFinite, center.isFinite, lower <= upper else {
            throw SIMSError(.malformed, "SIMSKit channel parameter has invalid masses", file: file, found: value, expected: "finite lower <= upper")
        }
        return ImzML.Channel(ion: name, interval: MassInterval(lower: lower, upper: upper, center: center))
    }

    /// The value of `accession` in `params`, its referenced groups, in that order.
    func lookup(_ accession: String, in params: Params) -> String? {
        if let value = params.cv[accession] { return value }
        for ref in params.refs { if let value = groups[ref]?.cv[accession] { return value } }
        return nil
    }

    func has(_ accession: String, in params: Params) -> Bool { lookup(accession, in: params) != nil }

    mutating func finishSpectrum() throws(SIMSError) {
        defer { inSpectrum = false; spectrumIndex += 1 }
        let index = spectrumIndex
        guard let xText = lookup("IMS:1000050", in: spectrumParams), let x = Int(xText),
              let yText = lookup("IMS:1000051", in: spectrumParams), let y = Int(yText), x >= 1, y >= 1 else {
            throw SIMSError(.malformed, "spectrum \(index) has no valid position", file: file,
                            found: "x=\(lookup("IMS:1000050", in: spectrumParams) ?? "none"), y=\(lookup("IMS:1000051", in: spectrumParams) ?? "none")",
                            expected: "1-based IMS:1000050 and IMS:1000051")
        }
        var mz: ImzML.ArrayLocation?
        var intensity: ImzML.ArrayLocation?
        for array in arrays {
            let location = try self.location(of: array, spectrum: index)
            if has("MS:1000514", in: array) { mz = location } else if has("MS:1000515", in: array) { intensity = location }
        }
        guard let mz, let intensity else {
            throw SIMSError(.malformed, "spectrum \(index) lacks an m/z or intensity array", file: file, expected: "MS:1000514 and MS:1000515 arrays")
        }
        spectra.append(ImzML.SpectrumEntry(x: x, y: y, mz: mz, intensity: intensity))
        maxX = max(maxX, x)
        maxY = max(maxY, y)
    }

    func location(of array: Params, spectrum: Int) throws(SIMSError) -> ImzML.ArrayLocation {
        if has("MS:1000574", in: array) || has("MS:1000572", in: array) {
            throw SIMSError(.unsupported, "spectrum \(spectrum) has a compressed binary array", file: file, expected: "MS:1000576 no compression")
        }
        var type: ImzML.NumberType?
        for accession in ["MS:1000521", "MS:1000523", "MS:1000519", "MS:1000522"] where has(accession, in: array) {
            type = ImzML.NumberType(accession: accession)
        }
        guard let type else {
            throw SIMSError(.unsupported, "spectrum \(spectrum) has a binary array without a supported number type", file: file,
                            expected: "32/64-bit float or 32/64-bit integer (MS:1000521/1000523/1000519/1000522)")
        }
        guard let offset = lookup("IMS:1000102", in: array).flatMap({ Int($0) }), offset >= 0,
              let length = lookup("IMS:1000103", in: array).flatMap({ Int($0) }), length >= 0 else {
            throw SIMSError(.malformed, "spectrum \(spectrum) has a binary array without a valid external offset and length", file: file,
                            found: "offset \(lookup("IMS:1000102", in: array) ?? "none"), length \(lookup("IMS:1000103", in: array) ?? "none")",
                            expected: "IMS:1000102 and IMS:1000103 non-negative integers")
        }
        let (bytes, overflow) = length.multipliedReportingOverflow(by: type.size)
        guard !overflow else {
            throw SIMSError(.malformed, "spectrum \(spectrum) has an impossible array length (IMS:1000103)", file: file,
                            found: "\(length)", expected: "a length whose bytes fit in the .ibd")
        }
        let encoded = lookup("IMS:1000104", in: array).flatMap { Int($0) } ?? bytes
        guard encoded == bytes else {
            throw SIMSError(.malformed, "spectrum \(spectrum): encoded length does not match array length × \(type.size) bytes", file: file,
                            found: "\(encoded) bytes for \(length) values", expected: "\(bytes) bytes")
        }
        return ImzML.ArrayLocation(offset: offset, length: length, encodedLength: encoded, type: type)
    }

    /// SHA-1 of the whole .ibd as lowercase hex (imzML 1.1 `IMS:1000091`), read in 4 MB pieces.
    static func sha1(of binary: BinaryFile) throws(SIMSError) -> String {
        var hasher = Insecure.SHA1()
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        var offset = 0
        while offset < binary.size {
            let read = try binary.read(into: &buffer, at: offset)
            guard read > 0 else { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<read])) }
            offset += read
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    func finish(binaryPath: String, binary: BinaryFile) throws(SIMSError) -> ImzML {
        guard let storage else {
            throw SIMSError(.malformed, "the imzML does not state its storage mode", file: file, expected: "IMS:1000030 continuous or IMS:1000031 processed")
        }
        guard let uuidText else {
            throw SIMSError(.malformed, "the imzML has no UUID", file: file, expected: "IMS:1000080 universally unique identifier")
        }
        let hex = uuidText.unicodeScalars.filter { ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) }
        let hexText = String(String.UnicodeScalarView(hex))
        guard hexText.count == 32 else {
            throw SIMSError(.malformed, "the imzML UUID is not 32 hexadecimal digits", file: file, found: uuidText, expected: "a UUID")
        }
        var uuid: [UInt8] = []
        var index = hexText.startIndex
        for _ in 0..<16 {
            let next = hexText.index(index, offsetBy: 2)
            uuid.append(UInt8(hexText[index..<next], radix: 16)!)
            index = next
        }
        var head = [UInt8](repeating: 0, count: 16)
        let read = try binary.read(into: &head, at: 0)
        guard read == 16 else {
            throw SIMSError(.truncated, "the .ibd is shorter than its 16-byte UUID", file: binaryPath, byteOffset: read)
        }
        guard head == uuid else {
            throw ImzML.mismatchError(file: file, binaryPath: binaryPath, found: head, expected: uuid)
        }
        if let stated = global.cv["IMS:1000091"], !stated.isEmpty {
            let actual = try Self.sha1(of: binary)
            guard stated.lowercased() == actual else {
                throw SIMSError(.inconsistent, "the .ibd's SHA-1 differs from the one the imzML states: the .ibd was changed or damaged", file: binaryPath,
                                found: actual, expected: "\(stated.lowercased()) (IMS:1000091)")
            }
        }
        var occupied = Set<Int>()
        for (k, entry) in spectra.enumerated() {
            for location in [entry.mz, entry.intensity] {
                _ = try FormatLimits.byteRange(offset: location.offset, count: location.encodedLength, size: 1, fileSize: binary.size,
                                               file: binaryPath, field: "the array of spectrum \(k) at (\(entry.x), \(entry.y))")
                if location.length > 0 && location.offset < 16 {
                    throw SIMSError(.malformed, "spectrum \(k) at (\(entry.x), \(entry.y)) points into the .ibd's UUID", file: binaryPath,
                                    byteOffset: location.offset, expected: "offsets ≥ 16")
                }
            }
            // Positions were checked ≥ 1; the raster is checked below, so x + y·2³² cannot collide.
            guard occupied.insert(entry.x &+ entry.y &<< 32).inserted else {
                throw SIMSError(.inconsistent, "two spectra share the pixel (\(entry.x), \(entry.y)); sims does not sum them silently", file: file,
                                found: "a second spectrum (\(k)) at (\(entry.x), \(entry.y))", expected: "one spectrum per pixel")
            }
            if storage == .continuous, entry.mz != spectra[0].mz {
                throw SIMSError(.inconsistent, "continuous imzML but spectrum \(k) has its own m/z array", file: file,
                                found: "offset \(entry.mz.offset)", expected: "offset \(spectra[0].mz.offset) like spectrum 0")
            }
        }
        let width = max(maxX, global.cv["IMS:1000042"].flatMap { Int($0) } ?? 0)
        let height = max(maxY, global.cv["IMS:1000043"].flatMap { Int($0) } ?? 0)
        if !spectra.isEmpty || width > 0 || height > 0 {
            let pixels = try FormatLimits.pixelCount(width: max(width, 1), height: max(height, 1), file: file,
                                                     field: "the raster (IMS:1000042/43 and the largest pixel position)")
            // Every image of the file is width × height doubles: a raster far larger than the spectra that fill it
            // (a damaged header, a stray pixel position) would allocate gigabytes of zeros.
            guard pixels <= 16 * spectra.count + 65_536 else {
                throw SIMSError(.malformed, "the raster is too large for its spectra", file: file,
                                found: "\(width) × \(height) pixels for \(spectra.count) spectra",
                                expected: "a raster covered mostly by spectra (IMS:1000042/43, IMS:1000050/51)")
            }
        }
        let ownChannels = channels.map(\.channel)
        let usable = storage == .continuous && !spectra.isEmpty && spectra[0].mz.length == ownChannels.count
        return ImzML(
            path: file, binaryPath: binaryPath, storage: storage, uuid: uuid, spectra: spectra,
            width: width, height: height,
            pixelSizeXMicrometers: global.cv["IMS:1000046"].flatMap(Double.init),
            pixelSizeYMicrometers: global.cv["IMS:1000047"].flatMap(Double.init),
            channels: usable ? ownChannels : [], binarySize: binary.size)
    }
}
