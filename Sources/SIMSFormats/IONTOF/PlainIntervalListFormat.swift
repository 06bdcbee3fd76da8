import Foundation
import SIMSCore

/// A user-written mass interval list: CSV or TSV with a title line naming either
/// `assignment,lower,upper` (bounds in u) or `assignment,center,width_ppm` (centre in u, full width in ppm).
///
/// ```
/// assignment,lower,upper
/// Li+,7.010,7.022
/// "C_2H-, CN-",26.00,26.02
/// ```
///
/// Titles are case-insensitive and may appear in any order; `description` is optional; `#` lines and blank
/// lines are skipped; quoted cells may contain the separator. Peaks are numbered by row (1-based).
public enum PlainIntervalListFormat {
    static let expectedShape = "a CSV/TSV list with titles 'assignment,lower,upper' or 'assignment,center,width_ppm'"

    /// Reads the list at `path`.
    public static func read(from path: String) throws(SIMSError) -> PeakList {
        try FileBytes(contentsOf: path).withText { text throws(SIMSError) in try parse(text) }
    }

    /// Reads a list held in memory; `source` names it in messages.
    public static func decode(_ data: Data, source: String = "<memory>") throws(SIMSError) -> PeakList {
        try FileBytes(data: data, path: source).withText { text throws(SIMSError) in try parse(text) }
    }

    /// Parses the bytes of a plain list.
    public static func parse(_ text: ByteText) throws(SIMSError) -> PeakList {
        guard !text.isBlank else { throw text.error("file is empty", line: nil, expected: expectedShape, kind: .empty) }
        var lines = text.lines()
        var titles: [String] = []
        var separator: UInt8 = UInt8(ascii: ",")
        var titleLine = 0
        while let line = lines.next() {
            let first = text.firstNonBlank(in: line)
            if first == line.upperBound || text.base[first] == UInt8(ascii: "#") { continue }
            if text.containsBinary(line) {
                throw text.error("binary content, not a text list", line: lines.lineNumber, found: text.string(line, limit: 40), expected: expectedShape)
            }
            separator = text.contains(0x09, in: line) ? 0x09 : (text.contains(UInt8(ascii: ","), in: line) ? UInt8(ascii: ",") : UInt8(ascii: ";"))
            titles = text.quotedFields(line, separator: separator).map { $0.lowercased() }
            titleLine = lines.lineNumber
            break
        }
        func column(_ names: String...) -> Int? { titles.firstIndex { names.contains($0) } }
        let assignmentColumn = column("assignment", "name", "ion", "peak")
        let lowerColumn = column("lower", "lower mass (u)", "lower_u", "lower (u)")
        let upperColumn = column("upper", "upper mass (u)", "upper_u", "upper (u)")
        let centerColumn = column("center", "centre", "center mass (u)", "center_u", "mass")
        let widthColumn = column("width_ppm", "width (ppm)", "ppm")
        let descriptionColumn = column("description")
        let byBounds = lowerColumn != nil && upperColumn != nil
        guard let assignmentColumn, byBounds || (centerColumn != nil && widthColumn != nil) else {
            throw text.error("column titles not recognised", line: titleLine == 0 ? nil : titleLine,
                             found: titles.joined(separator: ","), expected: expectedShape)
        }
        var peaks: [Peak] = []
        while let line = lines.next() {
            let first = text.firstNonBlank(in: line)
            if first == line.upperBound || text.base[first] == UInt8(ascii: "#") { continue }
            let cells = text.quotedFields(line, separator: separator)
            func number(_ column: Int) throws(SIMSError) -> Double {
                guard column < cells.count else {
                    throw text.error("row has \(cells.count) cells", line: lines.lineNumber, found: text.string(line, limit: 60),
                                     expected: "\(titles.count) cells like the title line", kind: .truncated)
                }
                guard let value = ASCIIDouble.parse(cells[column]), value.isFinite else {
                    throw text.error("not a finite number in column \"\(titles[column])\"", line: lines.lineNumber,
                                     found: cells[column], expected: "a number such as 7.016")
                }
                return value
            }
            let interval: MassInterval
            if byBounds {
                let lower = try number(lowerColumn!)
                let upper = try number(upperColumn!)
                guard lower <= upper, lower >= 0, upper <= FormatLimits.maximumMass else {
                    throw text.error("invalid interval bounds", line: lines.lineNumber, found: "\(lower), \(upper)",
                                     expected: "0 ≤ lower ≤ upper ≤ 10^6 (u)")
                }
                interval = MassInterval(lower: lower, upper: upper)
            } else {
                let center = try number(centerColumn!)
                let width = try number(widthColumn!)
                guard center > 0, center <= FormatLimits.maximumMass, width > 0, width < 1e6 else {
                    throw text.error("invalid centre or width", line: lines.lineNumber, found: "\(center), \(width)",
                                     expected: "0 < centre ≤ 10^6 u and 0 < width_ppm < 1e6")
                }
                interval = MassInterval(center: center, widthPPM: width)
            }
            let assignment = assignmentColumn < cells.count ? cells[assignmentColumn] : ""
            let description = descriptionColumn.flatMap { $0 < cells.count ? cells[$0] : nil } ?? ""
            peaks.append(Peak(index: peaks.count + 1, assignment: assignment, description: description, interval: interval))
        }
        guard !peaks.isEmpty else {
            throw text.error("no interval rows after the title line", line: titleLine, expected: "at least one row", kind: .truncated)
        }
        return PeakList(peaks: peaks, source: text.source)
    }
}
