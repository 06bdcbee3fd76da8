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
        let count = text.count
        var firstDataLine = 0
        var lineNumber = 0
        var p = 0
        /// End of the line starting at `start` (its CR or LF, or the end of the text).
        func lineEnd(_ start: Int) -> Int {
            var end = start
            while end < count && base[end] != 0x0A && base[end] != 0x0D { end += 1 }
            return end
        }
        @inline(__always) func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        @inline(__always) func isLineEnd(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D }
        // Hot loop: one pass over the bytes, no line splitting (rows are ~12 bytes, so per-line calls would
        // dominate). Lines end at LF, CRLF or a lone CR.
        while p < count {
            lineNumber += 1
            let lineStart = p
            while p < count && isBlank(base[p]) { p += 1 }
            if p == count || isLineEnd(base[p]) {
                // Blank line.
            } else if base[p] == UInt8(ascii: "#") {
                let end = lineEnd(p)
                if let entry = text.headerEntry(p..<end) {
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
                }
                p = end
            } else {
                // x y intensity, separated by any run of spaces or tabs, blanks allowed around them.
                var row = (0.0, 0.0, 0.0)
                var ok = false
                if let x = ASCIIDouble.scan(base, from: p, limit: count), x.end < count, isBlank(base[x.end]) {
                    p = x.end + 1
                    while p < count && isBlank(base[p]) { p += 1 }
                    if let y = ASCIIDouble.scan(base, from: p, limit: count), y.end < count, isBlank(base[y.end]) {
                        p = y.end + 1
                        while p < count && isBlank(base[p]) { p += 1 }
                        if let value = ASCIIDouble.scan(base, from: p, limit: count) {
                            p = value.end
                            while p < count && isBlank(base[p]) { p += 1 }
                            if p == count || isLineEnd(base[p]) {
                                row = (x.value, y.value, value.value)
                                ok = true
                            }
                        }
                    }
                }
                let line = lineStart..<(ok ? p : lineEnd(lineStart))
                if !ok {
                    if text.containsBinary(line) {
                        throw text.error("binary content, not a text export", line: lineNumber, found: text.string(line, limit: 40), expected: expectedShape)
                    }
                    if !sawTitle && values.isEmpty {
                        sawTitle = true
                        p = line.upperBound
                    } else {
                        throw text.error("not an 'x y intensity' row", line: lineNumber, found: text.string(line, limit: 60),
                                         expected: "three numbers: 0-based x, 0-based y, intensity")
                    }
                } else {
                    guard row.0 >= 0, row.1 >= 0, row.0 == row.0.rounded(), row.1 == row.1.rounded(), row.0 < 1e6, row.1 < 1e6 else {
                        throw text.error("invalid pixel coordinates", line: lineNumber, found: text.string(line, limit: 60),
                                         expected: "0-based integer x and y")
                    }
                    guard row.2.isFinite, row.2 >= 0 else {
                        throw text.error(row.2.isFinite ? "negative count" : "non-finite intensity", line: lineNumber,
                                         found: text.string(line, limit: 60), expected: "a finite count ≥ 0")
                    }
                    if values.isEmpty { firstDataLine = lineNumber }
                    xs.append(Int32(row.0)); ys.append(Int32(row.1)); values.append(row.2)
                }
            }
            // Consume the line end (CRLF, LF or a lone CR).
            if p < count {
                if base[p] == 0x0D { p += 1; if p < count && base[p] == 0x0A { p += 1 } } else { p += 1 }
            }
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
