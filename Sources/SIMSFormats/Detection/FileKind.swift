import Foundation
import SIMSCore

/// What an input file holds, recognised from its content (never its extension).
public enum FileKind: String, Sendable, Codable, CaseIterable {
    /// IONTOF spectrum export (``IONTOFSpectrumFormat``).
    case spectrum
    /// IONTOF mass interval list (``IONTOFIntervalListFormat``).
    case intervalList = "interval-list"
    /// User-written CSV/TSV interval list (``PlainIntervalListFormat``).
    case plainIntervalList = "plain-interval-list"
    /// IONTOF depth-profile export (``IONTOFDepthProfileFormat``).
    case depthProfile = "depth-profile"
    /// IONTOF ion-image ASCII export (``IONTOFImageFormat``).
    case ionImage = "ion-image"
    /// imzML metadata (XML with `<mzML`).
    case imzML = "imzml"
    /// IONTOF BIF6 binary image (`\0\0BIF6`).
    case bif6
    /// Excel workbook (zip container with `xl/` parts).
    case xlsx
    /// Anything else.
    case unknown

    /// A short human-readable name.
    public var displayName: String {
        switch self {
        case .spectrum: return "IONTOF spectrum"
        case .intervalList: return "IONTOF mass interval list"
        case .plainIntervalList: return "mass interval list (CSV/TSV)"
        case .depthProfile: return "IONTOF depth profile"
        case .ionImage: return "IONTOF ion image (ASCII)"
        case .imzML: return "imzML"
        case .bif6: return "IONTOF BIF6 image"
        case .xlsx: return "Excel workbook (.xlsx)"
        case .unknown: return "unknown"
        }
    }

    /// How many leading bytes ``detect(_:)`` looks at.
    public static let probeLength = 8 * 1024

    /// Recognises the kind of the file at `path` from its first bytes.
    public static func detect(path: String) throws(SIMSError) -> FileKind {
        try InputFile.check(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SIMSError(.unreadable, "cannot open file", file: path)
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: probeLength)) ?? Data()
        return detect(head)
    }

    /// Recognises the kind of content that starts with `head`.
    public static func detect(_ head: Data) -> FileKind {
        let bytes = [UInt8](head)
        if bytes.starts(with: [0, 0, 0x42, 0x49, 0x46, 0x36]) { return .bif6 }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return contains(bytes, "xl/") || contains(bytes, "[Content_Types].xml") ? .xlsx : .unknown
        }
        if contains(bytes, "<mzML") { return .imzML }
        // Text kinds: anything with NUL or control bytes before trailing NUL padding is binary.
        var end = bytes.count
        while end > 0 && bytes[end - 1] == 0 { end -= 1 }
        if bytes[0..<end].contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) { return .unknown }
        let text = String(decoding: bytes[0..<end], as: UTF8.self)
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).map(String.init)
        if lines.count > 1 && end == bytes.count && bytes.count == probeLength { lines.removeLast() }  // possibly cut
        var headerKeys: [String] = []
        var firstContent: String?
        var contentLines: [String] = []
        for line in lines {
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#") {
                let body = String(trimmed.dropFirst()).trimmingSpaces()
                if body.hasPrefix("Data Point") || body.contains("Sputter Time") { return .depthProfile }
                headerKeys.append(body.lowercased())
                continue
            }
            if firstContent == nil { firstContent = line } else { contentLines.append(line) }
            if contentLines.count >= 3 { break }
        }
        guard let firstContent else { return .unknown }
        let separator: Character = firstContent.contains("\t") ? "\t" : ","
        let titles = firstContent.split(separator: separator, omittingEmptySubsequences: false).map { String($0).trimmingSpaces().lowercased() }
        if titles.contains("lower mass (u)") && titles.contains("upper mass (u)") { return .intervalList }
        if titles.contains(where: { $0 == "m/z" || $0 == "mass (u)" }) && titles.contains(where: { $0.hasPrefix("intensity") }) { return .spectrum }
        let plainTitles = firstContent.split(whereSeparator: { $0 == "," || $0 == "\t" || $0 == ";" }).map { String($0).trimmingSpaces().lowercased() }
        if plainTitles.contains(where: { ["assignment", "name", "ion", "peak"].contains($0) }),
           (plainTitles.contains("lower") && plainTitles.contains("upper")) || (plainTitles.contains(where: { $0 == "center" || $0 == "centre" }) && plainTitles.contains("width_ppm")) {
            return .plainIntervalList
        }
        // Ion image: optional '#' header, a non-numeric title line, then rows of three numbers with integer x, y.
        let titleIsText = firstContent.split(whereSeparator: { $0 == " " || $0 == "\t" }).contains { ASCIIDouble.parse($0) == nil }
        let rowsAreXYI = !contentLines.isEmpty && contentLines.allSatisfy { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { ASCIIDouble.parse($0) }
            guard fields.count == 3, let x = fields[0], let y = fields[1], fields[2] != nil else { return false }
            return x >= 0 && y >= 0 && x == x.rounded() && y == y.rounded()
        }
        if titleIsText && rowsAreXYI && (headerKeys.contains { $0.contains("size") || $0.contains("ion") } || titles.first?.hasPrefix("x") == true) {
            return .ionImage
        }
        return .unknown
    }

    static func contains(_ bytes: [UInt8], _ word: String) -> Bool {
        let pattern = Array(word.utf8)
        guard bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if Array(bytes[start..<(start + pattern.count)]) == pattern { return true }
        }
        return false
    }
}
