import Foundation
import SIMSCore

/// The IONTOF SurfaceLab depth-profile ASCII export:
///
/// ```
/// # Profile Smoothing is Disabled
/// #<TAB><TAB><TAB><TAB>total<TAB>^118SnI_3-SnI_3-<TAB>…<TAB>I+ / ( Pb+ )<TAB>          ← ion names
/// #<TAB><TAB><TAB><TAB>N/A<TAB>N/A<TAB>1378.6757<TAB>…<TAB>                              ← masses (u), optional
/// #Data Point #<TAB>Sputter Time (s)<TAB>Dose (ions)<TAB>Fluence (ions/cm^2)<TAB>Intensity<TAB>…<TAB>
/// 1<TAB>0<TAB>2.75044e+06<TAB>1.10017e+11<TAB>513225<TAB>4401.8<TAB>…<TAB>
/// ```
///
/// CRLF, a trailing tab on every line, `%g` numbers, `inf` in ratio columns. Columns are found by title:
/// `Data Point`, `Sputter Time (s)` (required), `Dose (ions)`, `Fluence (ions/cm^2)` (optional); every other
/// column is an intensity column named by the ion-names line: `total` → ``DepthProfile/Column/Kind/total``,
/// `A / ( B )` → ``DepthProfile/Column/Kind/ratio``, others → ``DepthProfile/Column/Kind/intensity``.
/// Masses come from the masses line (`N/A` → `nil`).
///
/// SurfaceLab often ends a profile with rows where every intensity is zero (the cycle after the last
/// acquired one). With ``Options/dropTrailingZeroRows`` (default) they are removed and the number removed is
/// recorded in the metadata under ``droppedRowsKey``.
public enum IONTOFDepthProfileFormat {
    /// Reading options.
    public struct Options: Sendable, Equatable {
        /// Remove trailing rows whose intensity and total columns are all zero (ratio columns ignored).
        public var dropTrailingZeroRows = true
        /// The defaults.
        public init(dropTrailingZeroRows: Bool = true) { self.dropTrailingZeroRows = dropTrailingZeroRows }
    }

    /// Metadata key under which the reader records how many trailing all-zero rows it removed.
    public static let droppedRowsKey = "SIMSKit.droppedTrailingZeroRows"

    static let expectedShape = "an IONTOF depth-profile export: '#' header lines ending with '#Data Point …<TAB>Sputter Time (s)…', then tab-separated numeric rows"

    /// Reads the depth profile at `path`.
    public static func read(from path: String, options: Options = Options()) throws(SIMSError) -> DepthProfile {
        try FileBytes(contentsOf: path).withText { text throws(SIMSError) in try parse(text, options: options) }
    }

    /// Reads a depth profile held in memory; `source` names it in messages.
    public static func decode(_ data: Data, source: String = "<memory>", options: Options = Options()) throws(SIMSError) -> DepthProfile {
        try FileBytes(data: data, path: source).withText { text throws(SIMSError) in try parse(text, options: options) }
    }

    /// Parses the bytes of a depth-profile export.
    public static func parse(_ text: ByteText, options: Options = Options()) throws(SIMSError) -> DepthProfile {
        guard !text.isBlank else { throw text.error("file is empty", line: nil, expected: expectedShape, kind: .empty) }
        var lines = text.lines()
        var metadata = Metadata()
        var names: [String]?
        var masses: [String]?
        var titles: [String]?
        var titleLine = 0
        while titles == nil, let line = lines.next() {
            if line.isEmpty { continue }
            if text.containsBinary(line) {
                throw text.wrongKindError(expected: .depthProfile, expectedShape: expectedShape)
                    ?? text.error("binary content, not a text export", line: lines.lineNumber, found: text.string(line, limit: 40), expected: expectedShape)
            }
            guard text.base[line.lowerBound] == UInt8(ascii: "#") else {
                throw text.wrongKindError(expected: .depthProfile, expectedShape: expectedShape) ?? text.error("data before the column-title line", line: lines.lineNumber, found: text.string(line, limit: 60),
                                 expected: "a '#Data Point<TAB>Sputter Time (s)…' title line first")
            }
            let body = (line.lowerBound + 1)..<line.upperBound
            guard text.contains(0x09, in: body) else {
                if let entry = text.headerEntry(line) { metadata.append(key: entry.key, value: entry.value) }
                continue
            }
            let cells = text.fields(body, separator: 0x09).map { text.trimmedString($0) }
            if cells[0].hasPrefix("Data Point") || cells.contains(where: { $0.hasPrefix("Sputter Time") }) {
                titles = cells
                titleLine = lines.lineNumber
            } else if cells.dropFirst(4).allSatisfy({ $0.isEmpty || $0 == "N/A" || ASCIIDouble.parse($0) != nil }) && names != nil {
                masses = cells
            } else {
                names = cells
            }
        }
        guard var titles else {
            throw text.error("no column-title line", line: nil, expected: "a '#Data Point<TAB>Sputter Time (s)<TAB>…' line", kind: .truncated)
        }
        while titles.last?.isEmpty == true { titles.removeLast() }
        let dataPointColumn = titles.firstIndex { $0.hasPrefix("Data Point") }
        let timeColumn = titles.firstIndex { $0.hasPrefix("Sputter Time") }
        let doseColumn = titles.firstIndex { $0.hasPrefix("Dose") }
        let fluenceColumn = titles.firstIndex { $0.hasPrefix("Fluence") }
        guard let timeColumn else {
            throw text.error("column titles lack 'Sputter Time (s)'", line: titleLine, found: titles.joined(separator: " | "), expected: expectedShape)
        }
        let axes = Set([dataPointColumn, timeColumn, doseColumn, fluenceColumn].compactMap { $0 })
        let intensityColumns = (0..<titles.count).filter { !axes.contains($0) }
        var kinds: [DepthProfile.Column.Kind] = []
        var columnNames: [String] = []
        var columnMasses: [Double?] = []
        for column in intensityColumns {
            let name = names.flatMap { column < $0.count && !$0[column].isEmpty ? $0[column] : nil } ?? "\(titles[column]) \(column + 1)"
            columnNames.append(name)
            kinds.append(name == "total" ? .total : (name.contains(" / ") ? .ratio : .intensity))
            let massText = masses.flatMap { column < $0.count ? $0[column] : nil } ?? ""
            columnMasses.append(ASCIIDouble.parse(massText).flatMap { $0.isFinite ? $0 : nil })
        }

        // Column-major storage: one array per title.
        let estimate = max(16, (text.count - lines.position) / max(16, titles.count * 8))
        var storage = [ContiguousArray<Double>](repeating: ContiguousArray(), count: titles.count)
        for i in storage.indices { storage[i].reserveCapacity(estimate) }
        let base = text.base
        let columnCount = titles.count
        while let line = lines.next() {
            if line.isEmpty { continue }
            if base[line.lowerBound] == UInt8(ascii: "#") { continue }
            var position = line.lowerBound
            let end = line.upperBound
            for column in 0..<columnCount {
                guard position < end || column == 0 else {
                    throw text.error("row has \(column) columns", line: lines.lineNumber, found: text.string(line, limit: 60),
                                     expected: "\(columnCount) tab-separated columns like the title line", kind: .truncated)
                }
                guard let scan = ASCIIDouble.scan(base, from: position, limit: end) else {
                    var cellEnd = position
                    while cellEnd < end && base[cellEnd] != 0x09 { cellEnd += 1 }
                    if text.containsBinary(line) {
                        throw text.error("binary content, not a text export", line: lines.lineNumber, found: text.string(line, limit: 40), expected: expectedShape)
                    }
                    throw text.error("not a number in column \(column + 1) (\"\(column < columnCount ? titles[column] : "")\")", line: lines.lineNumber,
                                     found: text.string(position..<cellEnd, limit: 60), expected: "a number such as 1.29092e+13 or inf")
                }
                var next = scan.end
                while next < end && base[next] == 0x20 { next += 1 }
                guard next == end || base[next] == 0x09 else {
                    var cellEnd = position
                    while cellEnd < end && base[cellEnd] != 0x09 { cellEnd += 1 }
                    throw text.error("not a number in column \(column + 1) (\"\(titles[column])\")", line: lines.lineNumber,
                                     found: text.string(position..<cellEnd, limit: 60), expected: "a number such as 1.29092e+13 or inf")
                }
                storage[column].append(scan.value)
                position = next + 1
                if next == end && column + 1 < columnCount {
                    throw text.error("row has \(column + 1) columns", line: lines.lineNumber, found: text.string(line, limit: 60),
                                     expected: "\(columnCount) tab-separated columns like the title line", kind: .truncated)
                }
            }
        }
        let rowCount = storage[timeColumn].count
        guard rowCount > 0 else {
            throw text.error("no data rows after the column titles", line: titleLine, expected: "at least one row of numbers", kind: .truncated)
        }
        // Axis columns and ion intensities must be finite numbers; only ratio columns may hold inf/nan.
        var positionOfColumn = [Int?](repeating: nil, count: columnCount)  // O(1) lookup: linear in the column count
        for (position, column) in intensityColumns.enumerated() { positionOfColumn[column] = position }
        for (column, values) in storage.enumerated() {
            let position = positionOfColumn[column]
            if let position, kinds[position] == .ratio { continue }
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                let name = position.map { columnNames[$0] } ?? titles[column]
                throw text.error("non-finite value in column \"\(name)\"", line: titleLine + 1 + bad, found: "\(values[bad])",
                                 expected: "finite numbers (only ratio columns may hold inf)")
            }
            if let position, let bad = values.firstIndex(where: { $0 < 0 }) {
                throw text.error("negative count in column \"\(columnNames[position])\"", line: titleLine + 1 + bad, found: "\(values[bad])",
                                 expected: "ion intensities ≥ 0")
            }
        }
        var keep = rowCount
        if options.dropTrailingZeroRows {
            let checked = intensityColumns.enumerated().filter { kinds[$0.offset] != .ratio }.map(\.element)
            while keep > 1 && checked.allSatisfy({ storage[$0][keep - 1] == 0 }) { keep -= 1 }
            if keep < rowCount {
                metadata[droppedRowsKey] = String(rowCount - keep)
                for i in storage.indices { storage[i].removeLast(rowCount - keep) }
            }
        }
        let columns = intensityColumns.enumerated().map { offset, column in
            DepthProfile.Column(name: columnNames[offset], mass: columnMasses[offset], kind: kinds[offset], values: storage[column])
        }
        let dataPoint = dataPointColumn.map { storage[$0] } ?? ContiguousArray((1...keep).map(Double.init))
        return try DepthProfile(
            dataPoint: dataPoint, sputterTime: storage[timeColumn], dose: doseColumn.map { storage[$0] },
            fluence: fluenceColumn.map { storage[$0] }, columns: columns, metadata: metadata, source: text.source)
    }
}
