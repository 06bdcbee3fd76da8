import Foundation
import SIMSCore

/// The IONTOF SurfaceLab ion-image ASCII export: one file per ion per measurement,
/// named `<measurement> (<id>) - <ion>.txt` (see ``IONTOFImageFileName``):
///
/// ```
/// # Ion: Li-
/// # Image Size: 128 x 128 pixels
/// # Field of View: 500 x 500 µm
/// x y intensity
/// 0 0 12
/// 1 0 7
/// …
/// ```
///
/// `#` comment lines carry size, field of view (µm) and ion; one non-numeric title line; then one
/// `x y intensity` row per pixel, x fastest, 0-based, every pixel present. Separators may be spaces or tabs.
/// The layout is inferred from the paper's image script (no public sample export exists; see
/// `docs/formats.md`). When the header gives no size, it is inferred from the largest x and y.
public enum IONTOFImageFormat {
    static let expectedShape = "an IONTOF ion-image export: '# key: value' lines, one title line, then 'x y intensity' rows for every pixel"

    /// Reads the image at `path`; the ion comes from the header, else from the file name.
    public static func read(from path: String) throws(SIMSError) -> IonImage {
        try FileBytes(contentsOf: path).withText { text throws(SIMSError) in try parse(text) }
    }

    /// Reads an image held in memory; `source` names it in messages (and supplies the ion when the header lacks it).
    public static func decode(_ data: Data, source: String = "<memory>") throws(SIMSError) -> IonImage {
        try FileBytes(data: data, path: source).withText { text throws(SIMSError) in try parse(text) }
    }

    /// Parses the bytes of an ion-image export.
    public static func parse(_ text: ByteText) throws(SIMSError) -> IonImage {
        guard !text.isBlank else { throw text.error("file is empty", line: nil, expected: expectedShape, kind: .empty) }
        var lines = text.lines()
        var metadata = Metadata()
        var width: Int?
        var height: Int?
        var fieldOfView: Double?
        var ion: String?
        var sawTitle = false
        var xs = ContiguousArray<Int32>()
        var ys = ContiguousArray<Int32>()
        var values = ContiguousArray<Double>()
        let estimate = max(16, text.count / 12)
        xs.reserveCapacity(estimate); ys.reserveCapacity(estimate); values.reserveCapacity(estimate)
        let base = text.base
        var firstDataLine = 0
        while let line = lines.next() {
            let start = text.firstNonBlank(in: line)
            if start == line.upperBound { continue }
            if base[start] == UInt8(ascii: "#") {
                guard let entry = text.headerEntry(start..<line.upperBound) else { continue }
                metadata.append(key: entry.key, value: entry.value)
                let key = entry.key.lowercased()
                if key.contains("size") || key.contains("pixels") {
                    let numbers = integers(in: entry.value)
                    if numbers.count >= 1 { width = numbers[0]; height = numbers.count >= 2 ? numbers[1] : numbers[0] }
                } else if key.contains("field of view") || key.contains("fov") {
                    fieldOfView = ASCIIDouble.parse(entry.value.split(separator: " ").first ?? "").flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
                } else if key == "ion" || key == "peak" || key == "mass interval" || key == "interval" {
                    ion = entry.value
                }
                continue
            }
            if text.containsBinary(line) {
                throw text.error("binary content, not a text export", line: lines.lineNumber, found: text.string(line, limit: 40), expected: expectedShape)
            }
            // x y intensity, separated by any run of spaces or tabs.
            var position = start
            var row = (0.0, 0.0, 0.0)
            var ok = true
            for k in 0..<3 {
                while position < line.upperBound && (base[position] == 0x20 || base[position] == 0x09) { position += 1 }
                guard let scan = ASCIIDouble.scan(base, from: position, limit: line.upperBound),
                      scan.end == line.upperBound || base[scan.end] == 0x20 || base[scan.end] == 0x09 else { ok = false; break }
                if k == 0 { row.0 = scan.value } else if k == 1 { row.1 = scan.value } else { row.2 = scan.value }
                position = scan.end
            }
            if ok && text.firstNonBlank(in: position..<line.upperBound) != line.upperBound { ok = false }
            if !ok {
                if !sawTitle && values.isEmpty { sawTitle = true; continue }
                throw text.error("not an 'x y intensity' row", line: lines.lineNumber, found: text.string(line, limit: 60),
                                 expected: "three numbers: 0-based x, 0-based y, intensity")
            }
            guard row.0 >= 0, row.1 >= 0, row.0 == row.0.rounded(), row.1 == row.1.rounded(), row.0 < 1e6, row.1 < 1e6 else {
                throw text.error("invalid pixel coordinates", line: lines.lineNumber, found: text.string(line, limit: 60),
                                 expected: "0-based integer x and y")
            }
            guard row.2.isFinite else {
                throw text.error("non-finite intensity", line: lines.lineNumber, found: text.string(line, limit: 60), expected: "a finite count")
            }
            if values.isEmpty { firstDataLine = lines.lineNumber }
            xs.append(Int32(row.0)); ys.append(Int32(row.1)); values.append(row.2)
        }
        guard !values.isEmpty else {
            throw text.error("no pixel rows", line: nil, expected: "'x y intensity' rows after the title line", kind: .truncated)
        }
        let inferredWidth = Int(xs.max()!) + 1
        let inferredHeight = Int(ys.max()!) + 1
        let w = width ?? inferredWidth
        let h = height ?? inferredHeight
        guard w > 0, h > 0, w <= 1 << 15, h <= 1 << 15 else {
            throw text.error("invalid image size", line: nil, found: "\(w) x \(h)", expected: "1…32768 pixels per side")
        }
        guard values.count == w * h else {
            throw text.error("image has \(values.count) pixel rows", line: nil, found: "\(values.count) rows",
                             expected: "\(w * h) rows (\(w) x \(h) pixels, every pixel present)", kind: .truncated)
        }
        var counts = ContiguousArray<Double>(repeating: 0, count: w * h)
        var seen = [Bool](repeating: false, count: w * h)
        for k in 0..<values.count {
            let x = Int(xs[k]), y = Int(ys[k])
            guard x < w, y < h else {
                throw text.error("pixel outside the image", line: firstDataLine + k, found: "x \(x), y \(y)", expected: "x < \(w), y < \(h)")
            }
            let index = y * w + x
            guard !seen[index] else {
                throw text.error("pixel given twice", line: firstDataLine + k, found: "x \(x), y \(y)", expected: "each pixel once")
            }
            seen[index] = true
            counts[index] = values[k]
        }
        let name = ion ?? IONTOFImageFileName(parsing: text.source)?.ion ?? "unknown"
        return IonImage(width: w, height: h, counts: counts, ion: name, fieldOfViewMicrometers: fieldOfView, metadata: metadata)
    }

    /// The integers in `text` (`128 x 128 pixels` → [128, 128]).
    static func integers(in text: String) -> [Int] {
        text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }
}
