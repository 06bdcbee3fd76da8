import Foundation
import SIMSCore

/// The IONTOF SurfaceLab mass interval list ("peak list") export:
///
/// ```
/// No.<TAB>Center Mass (u)<TAB>Lower Mass (u)<TAB>Upper Mass (u)<TAB>Assignment<TAB>Description<TAB>…<TAB>Area<TAB>…
/// 1<TAB><TAB>nan<TAB>nan<TAB>(null)<TAB>total<TAB>…
/// 2<TAB>62.934613<TAB>62.922839<TAB>62.945232<TAB>Cu-<TAB>(null)<TAB>…
/// ```
///
/// Tab separated, CRLF, possibly padded with NUL bytes. Cells may be `nan`, `inf`, `-NAN(IND)`, `(null)` or
/// empty (all read as NaN in numeric columns). A row with description or assignment `total` and no finite
/// masses is the total-ion pseudo-peak and goes to ``PeakList/totalRow``. Unassigned peaks are all named
/// `(null)`: peaks are identified by row (`No.`), never by name. Every other numeric column (`Area`,
/// `Uncorrected Area`, `Mass Deviation (ppm)` …) is kept in ``Peak/values`` under its title.
public enum IONTOFIntervalListFormat {
    /// Titles of the columns with a fixed meaning.
    public enum Title {
        /// Row number.
        public static let number = "No."
        /// Centre mass in u.
        public static let center = "Center Mass (u)"
        /// Lower bound in u.
        public static let lower = "Lower Mass (u)"
        /// Upper bound in u.
        public static let upper = "Upper Mass (u)"
        /// Assignment (IONTOF notation).
        public static let assignment = "Assignment"
        /// Description text.
        public static let description = "Description"
    }

    static let expectedShape = "an IONTOF mass interval list: a tab-separated title line with 'Lower Mass (u)' and 'Upper Mass (u)', then one row per peak"

    /// Reads the interval list at `path`.
    public static func read(from path: String) throws(SIMSError) -> PeakList {
        try FileBytes(contentsOf: path).withText { text throws(SIMSError) in try parse(text) }
    }

    /// Reads an interval list held in memory; `source` names it in messages.
    public static func decode(_ data: Data, source: String = "<memory>") throws(SIMSError) -> PeakList {
        try FileBytes(data: data, path: source).withText { text throws(SIMSError) in try parse(text) }
    }

    /// `true` when `titles` (trimmed) are those of an IONTOF interval list.
    static func recognises(_ titles: [String]) -> Bool {
        titles.contains(Title.lower) && titles.contains(Title.upper)
    }

    /// Parses the bytes of an interval list.
    public static func parse(_ text: ByteText) throws(SIMSError) -> PeakList {
        guard !text.isBlank else { throw text.error("file is empty", line: nil, expected: expectedShape, kind: .empty) }
        var lines = text.lines()
        var titleRange: Range<Int>?
        while let line = lines.next() {
            if text.firstNonBlank(in: line) == line.upperBound { continue }
            if text.containsBinary(line) {
                throw text.wrongKindError(expected: .intervalList, expectedShape: expectedShape)
                    ?? text.error("binary content, not a text export", line: lines.lineNumber, found: text.string(line, limit: 40), expected: expectedShape)
            }
            titleRange = line
            break
        }
        guard let titleRange else { throw text.error("no title line", line: nil, expected: expectedShape, kind: .empty) }
        let titleLine = lines.lineNumber
        let titles = text.fields(titleRange, separator: 0x09).map { text.trimmedString($0) }
        guard let lowerColumn = titles.firstIndex(of: Title.lower), let upperColumn = titles.firstIndex(of: Title.upper) else {
            throw text.wrongKindError(expected: .intervalList, expectedShape: expectedShape) ?? text.error("column titles lack 'Lower Mass (u)' or 'Upper Mass (u)'", line: titleLine,
                             found: text.string(titleRange, limit: 80), expected: expectedShape)
        }
        let numberColumn = titles.firstIndex(of: Title.number)
        let centerColumn = titles.firstIndex(of: Title.center)
        let assignmentColumn = titles.firstIndex(of: Title.assignment)
        let descriptionColumn = titles.firstIndex(of: Title.description)
        let fixed: Set<Int> = Set([numberColumn, centerColumn, lowerColumn, upperColumn, assignmentColumn, descriptionColumn].compactMap { $0 })

        var peaks: [Peak] = []
        var totalRow: Peak?
        var rowNumber = 0
        while let line = lines.next() {
            if text.firstNonBlank(in: line) == line.upperBound { continue }
            rowNumber += 1
            let cells = text.fields(line, separator: 0x09)
            // Trailing empty cells (trailing tabs) beyond the titles are harmless.
            var cellCount = cells.count
            while cellCount > titles.count && cells[cellCount - 1].isEmpty { cellCount -= 1 }
            guard cellCount <= titles.count else {
                throw text.error("row has \(cellCount) cells", line: lines.lineNumber, found: text.string(line, limit: 60),
                                 expected: "at most \(titles.count) tab-separated cells like the title line")
            }
            // SurfaceLab writes every cell of every row (empty cells as two tabs), so a row with fewer cells than
            // the title line was cut: `head -c 22241` of the example list ends in "154 175.083913 175.055081 175.1",
            // a complete-looking interval with a cut upper bound (issue #25). Whether the file ends with a line
            // break says nothing: exports without a final one are valid.
            guard cellCount >= titles.count else {
                throw text.error("row has \(cellCount) of the title line's \(titles.count) cells: the row (or the file) was cut",
                                 line: lines.lineNumber, found: text.string(line, limit: 60),
                                 expected: "\(titles.count) tab-separated cells like the title line", kind: .truncated)
            }
            func number(_ column: Int) throws(SIMSError) -> Double {
                guard column < cellCount else { return .nan }
                let cell = cells[column]
                if text.firstNonBlank(in: cell) == cell.upperBound { return .nan }
                guard let value = ASCIIDouble.parse(text.base, from: cell.lowerBound, to: cell.upperBound) else {
                    throw text.error("not a number in column \"\(titles[column])\"", line: lines.lineNumber,
                                     found: text.string(cell, limit: 60), expected: "a number, nan, inf or empty")
                }
                return value
            }
            func string(_ column: Int?) -> String {
                guard let column, column < cellCount else { return "" }
                return text.trimmedString(cells[column])
            }
            let lower = try number(lowerColumn)
            let upper = try number(upperColumn)
            let center = try centerColumn.map { c throws(SIMSError) in try number(c) } ?? .nan
            let assignment = string(assignmentColumn)
            let description = string(descriptionColumn)
            var values: [String: Double] = [:]
            for column in 0..<min(cellCount, titles.count) where !fixed.contains(column) && !titles[column].isEmpty {
                values[titles[column]] = try number(column)
            }
            var index = rowNumber
            if let numberColumn {
                let value = try number(numberColumn)
                if value.isFinite && value == value.rounded() && abs(value) < 1e9 { index = Int(value) }
            }
            let isTotal = (description.lowercased() == "total" || assignment.lowercased() == "total") && !lower.isFinite && !upper.isFinite
            if isTotal {
                // The total-ion pseudo-peak covers every mass.
                totalRow = Peak(index: index, assignment: assignment, description: description,
                                interval: MassInterval(lower: 0, upper: .greatestFiniteMagnitude, center: 0), values: values)
                continue
            }
            guard lower.isFinite, upper.isFinite, lower <= upper, lower >= 0, upper <= FormatLimits.maximumMass else {
                throw text.error("invalid interval bounds", line: lines.lineNumber,
                                 found: "lower \(text.string(cells[lowerColumn], limit: 20)), upper \(text.string(cells[upperColumn], limit: 20))",
                                 expected: "0 ≤ lower mass ≤ upper mass ≤ 10^6 (u)")
            }
            let peakCenter = center.isFinite ? center : nil
            peaks.append(Peak(index: index, assignment: assignment, description: description == "(null)" ? "" : description,
                              interval: MassInterval(lower: lower, upper: upper, center: peakCenter), values: values))
        }
        guard !peaks.isEmpty || totalRow != nil else {
            throw text.error("no interval rows after the title line", line: titleLine, expected: "at least one row", kind: .truncated)
        }
        return PeakList(peaks: peaks, totalRow: totalRow, source: text.source)
    }
}
