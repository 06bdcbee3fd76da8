import Foundation
import SIMSCore

/// The IONTOF SurfaceLab spectrum ASCII export:
///
/// ```
/// # Binning: 200 channels
/// # Deadtime Correction: on
/// Channel<TAB>m/z<TAB>Intensity
/// 100<TAB>0.000202<TAB>2
/// ```
///
/// Any number of `# key: value` header lines (kept as ``Spectrum/metadata``), one tab-separated title line,
/// then one row per (binned) channel. Columns are found by title: `m/z` (u) and `Intensity` (counts) are
/// required, `Channel` is optional, other columns are ignored. CRLF or LF line ends.
public enum IONTOFSpectrumFormat {
    /// What the reader expects, for error messages.
    static let expectedShape = "an IONTOF spectrum export: '# key: value' lines, a tab-separated title line with m/z and Intensity, then numeric rows"

    /// Reads the spectrum export at `path`.
    public static func read(from path: String) throws(SIMSError) -> Spectrum {
        try FileBytes(contentsOf: path).withText { text throws(SIMSError) in try parse(text) }
    }

    /// Reads a spectrum export held in memory; `source` names it in messages.
    public static func decode(_ data: Data, source: String = "<memory>") throws(SIMSError) -> Spectrum {
        try FileBytes(data: data, path: source).withText { text throws(SIMSError) in try parse(text) }
    }

    /// Parses the bytes of a spectrum export.
    public static func parse(_ text: ByteText) throws(SIMSError) -> Spectrum {
        guard !text.isBlank else {
            throw text.error("file is empty", line: nil, expected: expectedShape, kind: .empty)
        }
        var lines = text.lines()
        var metadata = Metadata()
        var titleLine: Range<Int>?
        while let line = lines.next() {
            if line.isEmpty { continue }
            if text.containsBinary(line) {
                throw text.wrongKindError(expected: .spectrum, expectedShape: expectedShape)
                    ?? text.error("binary content, not a text export", line: lines.lineNumber, found: text.string(line, limit: 40), expected: expectedShape)
            }
            if text.base[line.lowerBound] == UInt8(ascii: "#") {
                if let entry = text.headerEntry(line) { metadata.append(key: entry.key, value: entry.value) }
                continue
            }
            titleLine = line
            break
        }
        guard let titleLine else {
            throw text.error("no column-title line after the header", line: lines.lineNumber, expected: "a title line such as 'Channel<TAB>m/z<TAB>Intensity'", kind: .truncated)
        }
        let titleLineNumber = lines.lineNumber
        let separator: UInt8 = text.contains(0x09, in: titleLine) ? 0x09 : UInt8(ascii: ",")
        let titles = text.fields(titleLine, separator: separator).map { text.trimmedString($0).lowercased() }
        let massColumn = titles.firstIndex { $0 == "m/z" || $0 == "mass (u)" || $0 == "mass" }
        let intensityColumn = titles.firstIndex { $0.hasPrefix("intensity") || $0 == "counts" }
        let channelColumn = titles.firstIndex { $0 == "channel" }
        guard let massColumn, let intensityColumn else {
            throw text.wrongKindError(expected: .spectrum, expectedShape: expectedShape) ?? text.error(
                "column titles lack \(massColumn == nil ? "m/z" : "Intensity")", line: titleLineNumber,
                found: text.string(titleLine, limit: 80), expected: "tab-separated titles including 'm/z' and 'Intensity'")
        }
        let columnNames = ["m/z", "Intensity", "Channel"]
        let wanted = [massColumn, intensityColumn, channelColumn ?? -1]
        let lastNeeded = wanted.max()!

        // Rows are ~20 bytes; reserving avoids regrowth on large files.
        let estimate = max(16, (text.count - lines.position) / 18)
        var mass = ContiguousArray<Double>()
        var intensity = ContiguousArray<Double>()
        var channel = ContiguousArray<Double>()
        mass.reserveCapacity(estimate)
        intensity.reserveCapacity(estimate)
        if channelColumn != nil { channel.reserveCapacity(estimate) }

        // Hot loop: one pass over the bytes, no line splitting. Cells end at the separator, rows at CR, LF or CRLF.
        let base = text.base
        let count = text.count
        var p = lines.position
        var lineNumber = lines.lineNumber
        var values = (0.0, 0.0, 0.0)
        func rowRange(_ start: Int) -> Range<Int> {
            var end = start
            while end < count && base[end] != 0x0A && base[end] != 0x0D { end += 1 }
            return start..<end
        }
        while p < count {
            let first = base[p]
            if first == 0x0A || first == 0x0D {
                // Empty line (or the LF of a lone-CR/CRLF pair already counted below).
                p += 1
                if first == 0x0D && p < count && base[p] == 0x0A { p += 1 }
                lineNumber += 1
                continue
            }
            lineNumber += 1
            let rowStart = p
            var column = 0
            while true {
                var next: Int
                if column != massColumn && column != intensityColumn && column != channelColumn {
                    // A column the spectrum does not use: skip its cell unparsed.
                    next = p
                    while next < count, base[next] != separator, base[next] != 0x0A, base[next] != 0x0D { next += 1 }
                } else {
                    guard let scan = ASCIIDouble.scan(base, from: p, limit: count) else {
                        throw rowError(text, line: lineNumber, row: rowRange(rowStart), at: p, column: column, titles: titles, separator: separator)
                    }
                    next = scan.end
                    while next < count && base[next] == 0x20 { next += 1 }
                    if column == massColumn { values.0 = scan.value }
                    else if column == intensityColumn { values.1 = scan.value }
                    else { values.2 = scan.value }
                }
                let atEnd = next == count || base[next] == 0x0A || base[next] == 0x0D
                if !atEnd && base[next] != separator {
                    throw rowError(text, line: lineNumber, row: rowRange(rowStart), at: p, column: column, titles: titles, separator: separator)
                }
                if column == lastNeeded {
                    // Done with the needed cells: skip any further columns to the end of the row.
                    p = next
                    if !atEnd {
                        while p < count && base[p] != 0x0A && base[p] != 0x0D { p += 1 }
                    }
                    break
                }
                if atEnd {
                    throw text.error(
                        "row has \(column + 1) columns", line: lineNumber, found: text.string(rowRange(rowStart), limit: 60),
                        expected: "at least \(lastNeeded + 1) columns (\(titles.joined(separator: ", ")))", kind: .truncated)
                }
                column += 1
                p = next + 1
            }
            // Consume the row's line end (CRLF, LF or a lone CR).
            if p < count {
                if base[p] == 0x0D { p += 1; if p < count && base[p] == 0x0A { p += 1 } } else { p += 1 }
            }
            guard values.0.isFinite && values.1.isFinite else {
                let which = values.0.isFinite ? 1 : 0
                throw text.error(
                    "non-finite value in column \"\(columnNames[which])\"", line: lineNumber,
                    found: text.string(rowRange(rowStart), limit: 60), expected: "finite numbers for m/z and Intensity")
            }
            // Counts cannot be negative; m/z ascends along the time-of-flight axis (peak finding, integration and
            // every other command rely on both: issue #25).
            guard values.1 >= 0, values.0 >= (mass.last ?? -.infinity), values.0 <= FormatLimits.maximumMass else {
                throw text.error(
                    values.1 < 0 ? "negative count in column \"\(columnNames[1])\"" : values.0 > FormatLimits.maximumMass
                        ? "m/z beyond \(Int(FormatLimits.maximumMass)) u" : "m/z does not ascend (the rows are out of order)",
                    line: lineNumber, found: text.string(rowRange(rowStart), limit: 60),
                    expected: values.1 < 0 ? "counts ≥ 0" : "m/z ascending from row to row, at most 10^6 u")
            }
            mass.append(values.0)
            intensity.append(values.1)
            if channelColumn != nil { channel.append(values.2) }
        }
        guard !mass.isEmpty else {
            throw text.error("no data rows after the column titles", line: titleLineNumber, expected: "at least one row of numbers", kind: .truncated)
        }
        return Spectrum(mass: mass, intensity: intensity, channel: channelColumn == nil ? nil : channel, metadata: metadata, source: text.source)
    }

    /// The error for a cell that is not a number: names line, column title, found cell and expectation.
    static func rowError(
        _ text: ByteText, line: Int, row: Range<Int>, at position: Int, column: Int, titles: [String], separator: UInt8
    ) -> SIMSError {
        var cellEnd = position
        while cellEnd < row.upperBound && text.base[cellEnd] != separator { cellEnd += 1 }
        let cell = text.string(position..<cellEnd, limit: 60)
        let title = column < titles.count ? titles[column] : "column \(column + 1)"
        if text.containsBinary(row) {
            return text.error("binary content, not a text export", line: line, found: text.string(row, limit: 40), expected: expectedShape)
        }
        return text.error("not a number in column \"\(title)\"", line: line, found: cell, expected: "a number such as 12, 0.000202 or 1.5e+06")
    }
}
