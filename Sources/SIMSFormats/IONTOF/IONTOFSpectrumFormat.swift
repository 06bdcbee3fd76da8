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
                throw text.error("binary content, not a text export", line: lines.lineNumber, found: text.string(line, limit: 40), expected: expectedShape)
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
            throw text.error(
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

        let base = text.base
        var values = (0.0, 0.0, 0.0)
        while let line = lines.next() {
            if line.isEmpty { continue }
            var position = line.lowerBound
            let end = line.upperBound
            var column = 0
            while column <= lastNeeded {
                if column != massColumn && column != intensityColumn && column != channelColumn {
                    // A column the spectrum does not use: skip its cell unparsed.
                    var next = position
                    while next < end && base[next] != separator { next += 1 }
                    column += 1
                    position = next + 1
                    if next == end {
                        throw text.error(
                            "row has \(column) columns", line: lines.lineNumber, found: text.string(line, limit: 60),
                            expected: "at least \(lastNeeded + 1) columns (\(titles.joined(separator: ", ")))", kind: .truncated)
                    }
                    continue
                }
                guard let scan = ASCIIDouble.scan(base, from: position, limit: end) else {
                    throw rowError(text, line: lines.lineNumber, row: line, at: position, column: column, titles: titles, separator: separator)
                }
                var next = scan.end
                while next < end && base[next] == 0x20 { next += 1 }
                guard next == end || base[next] == separator else {
                    throw rowError(text, line: lines.lineNumber, row: line, at: position, column: column, titles: titles, separator: separator)
                }
                if column == massColumn { values.0 = scan.value }
                else if column == intensityColumn { values.1 = scan.value }
                else if column == channelColumn { values.2 = scan.value }
                column += 1
                position = next + 1
                if next == end && column <= lastNeeded {
                    throw text.error(
                        "row has \(column) columns", line: lines.lineNumber, found: text.string(line, limit: 60),
                        expected: "at least \(lastNeeded + 1) columns (\(titles.joined(separator: ", ")))", kind: .truncated)
                }
            }
            guard values.0.isFinite && values.1.isFinite else {
                let which = values.0.isFinite ? 1 : 0
                throw text.error(
                    "non-finite value in column \"\(columnNames[which])\"", line: lines.lineNumber,
                    found: text.string(line, limit: 60), expected: "finite numbers for m/z and Intensity")
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
