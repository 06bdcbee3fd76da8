import Foundation
import SIMSCore
import SIMSFormats

/// One reader of SIMSFormats, fed arbitrary bytes by libFuzzer (`scripts/fuzz.sh`) or by the regression test
/// over `Fuzz/regressions/<target>/`.
///
/// A reader passes when it returns a value or throws ``SIMSError``; anything else — a trap, an ASan report, a
/// hang or an allocation beyond libFuzzer's `-rss_limit_mb` — is a finding (docs/reliability.md, "Fuzzing").
enum FuzzTarget: String, CaseIterable, Sendable {
    /// `IONTOFSpectrumFormat` (SurfaceLab spectrum ASCII export).
    case spectrum
    /// `IONTOFIntervalListFormat` (SurfaceLab mass interval list).
    case intervalList = "interval-list"
    /// `PlainIntervalListFormat` (`assignment,center,width_ppm` CSV).
    case plainList = "plain-list"
    /// `IONTOFImageFormat` (one ion image as ASCII).
    case imageASCII = "image-ascii"
    /// `IONTOFDepthProfileFormat` (depth profile ASCII export).
    case depthProfile = "depth-profile"
    /// `BIF6` (IONTOF binary image file).
    case bif6
    /// `ImzML.open` plus spectrum and peak-image reads: the input is the XML, then ``FuzzTarget/ibdMarker``,
    /// then the `.ibd` bytes (written to a scratch folder: imzML is read from paths only).
    case imzML = "imzml"
    /// `TIFF.decodePages` (grayscale TIFF: masks, ion images).
    case tiff
    /// `SpreadsheetWorkbook(path:)` (.xlsx parameter sheets; the input is written to a scratch file).
    case xlsx
    /// `StudyManifest.parse` (`sims.toml`), then `CalibrationManifest.parse` (its `[quantify]` table) on the same text.
    case manifest = "sims-toml"

    /// Separates the imzML XML from its `.ibd` in one fuzz input (XML holds no NUL byte).
    static let ibdMarker: [UInt8] = Array("\u{0}IBD\u{0}".utf8)

    /// Feeds `bytes` to the reader; returns normally or throws `SIMSError`.
    func run(_ bytes: [UInt8]) throws(SIMSError) {
        let source = "fuzz-input." + rawValue
        switch self {
        case .spectrum:
            _ = try IONTOFSpectrumFormat.decode(Data(bytes), source: source)
        case .intervalList:
            _ = try IONTOFIntervalListFormat.decode(Data(bytes), source: source)
        case .plainList:
            _ = try PlainIntervalListFormat.decode(Data(bytes), source: source)
        case .imageASCII:
            _ = try IONTOFImageFormat.decode(Data(bytes), source: source)
        case .depthProfile:
            _ = try IONTOFDepthProfileFormat.decode(Data(bytes), source: source)
        case .bif6:
            _ = try BIF6.decode(bytes, file: source, measurement: "fuzz")
        case .tiff:
            _ = try TIFF.decodePages(bytes, file: source)
        case .xlsx:
            _ = try SpreadsheetWorkbook(data: Data(bytes), source: source)
        case .manifest:
            // As `StudyManifest.read`: text that is not UTF-8 is refused before parsing.
            guard let text = String(bytes: bytes, encoding: .utf8) else { return }
            defer { _ = try? CalibrationManifest.parse(text, file: source) }
            _ = try StudyManifest.parse(text, path: FuzzScratch.shared.folder + "/sims.toml")
        case .imzML:
            try Self.runImzML(bytes)
        }
    }

    /// Where ``ibdMarker`` first starts in `bytes` (a plain scan: Foundation's `firstRange(of:)` allocates per call).
    static func markerOffset(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= ibdMarker.count else { return nil }
        var start = 0
        while let zero = bytes[start...].firstIndex(of: 0), zero + ibdMarker.count <= bytes.count {
            if bytes[zero..<(zero + ibdMarker.count)].elementsEqual(ibdMarker) { return zero }
            start = zero + 1
        }
        return nil
    }

    /// imzML has only a path entry point (the index is streamed from the file and the `.ibd` read with
    /// `pread`), so the two parts are written to the scratch folder (on tmpfs when there is one) and opened.
    private static func runImzML(_ bytes: [UInt8]) throws(SIMSError) {
        let split = markerOffset(in: bytes)
        let xml = split.map { Array(bytes[..<$0]) } ?? bytes
        let ibd = split.map { Array(bytes[($0 + ibdMarker.count)...]) } ?? []
        let path = FuzzScratch.shared.write(xml, as: "input.imzML")
        _ = FuzzScratch.shared.write(ibd, as: "input.ibd")
        defer { FuzzScratch.shared.remove() }
        let file = try ImzML.open(path)
        for index in file.spectra.indices.prefix(3) { _ = try file.spectrum(at: index) }
        // Peak images allocate one value per pixel: fuzz them on small rasters (the raster limit is the reader's).
        let pixels = file.width.multipliedReportingOverflow(by: file.height)
        guard !file.spectra.isEmpty, !pixels.overflow, pixels.partialValue <= 1 << 16 else { return }
        if !file.channels.isEmpty { _ = try file.storedImageSet() }
        let interval = MassInterval(lower: 0, upper: 1_000, center: 500)
        _ = try file.peakImages([ImzML.Peak(ion: "all", interval: interval)])
    }
}

/// A per-process scratch folder for readers that only take paths.
final class FuzzScratch: @unchecked Sendable {
    static let shared = FuzzScratch()
    let folder: String

    private init() {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        folder = base + "/simsfuzz-\(getpid())"
    }

    /// Writes `bytes` to `name` in the folder; returns its path.
    func write(_ bytes: [UInt8], as name: String) -> String {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Removes the folder and what it holds.
    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
