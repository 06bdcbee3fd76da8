import Foundation
import SIMSCore

extension IONTOFIntervalListFormat {
    /// The value columns IONTOF SurfaceLab exports after `Description`, in its order, with its number formats.
    public static let standardValueColumns: [(title: String, format: ExportTextBuffer.NumberFormat)] = [
        ("Mass Deviation (ppm)", .fixed(decimals: 6)),
        ("Explained (%)", .fixed(decimals: 2)),
        ("Resolution", .integer),
        ("Area", .fixed(decimals: 2)),
        ("Uncorrected Area", .fixed(decimals: 2)),
        ("Norm. By Reference Peak", .fixed(decimals: 2)),
        ("Norm. By Total Ion Intensity", .fixed(decimals: 2)),
        ("Norm. By Total Shots", .fixed(decimals: 2)),
        ("Norm. By Corrected Total Ion Intensity", .fixed(decimals: 2)),
        ("Norm. By Primary Ion Dose", .fixed(decimals: 2)),
        ("RSF", .scientific(decimals: 6)),
        ("Coverage (1/cm^2)", .scientific(decimals: 6)),
        ("Color", .integer),
    ]

    /// The export text of `list` in IONTOF's layout: tab separated, CRLF, title line
    /// `No.  Center Mass (u)  Lower Mass (u)  Upper Mass (u)  Assignment  Description` followed by the value
    /// columns present in the peaks (IONTOF's standard ones in its order, then others sorted by title).
    ///
    /// The total row (when present) is written first with an empty centre and `nan` bounds, as SurfaceLab does;
    /// an empty assignment or description is written `(null)`; NaN values are written `nan`.
    public static func encode(_ list: PeakList) -> Data {
        let rows = (list.totalRow.map { [$0] } ?? []) + list.peaks
        let present = Set(rows.flatMap { $0.values.keys })
        let standardTitles = Set(standardValueColumns.map(\.title))
        var columns = standardValueColumns.filter { present.contains($0.title) }
        columns += present.subtracting(standardTitles).sorted().map { ($0, ExportTextBuffer.NumberFormat.general(significant: 10)) }

        var out = ExportTextBuffer(lineEnd: .crlf, reservingCapacity: 200 * (rows.count + 1))
        out.write([Title.number, Title.center, Title.lower, Title.upper, Title.assignment, Title.description].joined(separator: "\t"))
        // SurfaceLab writes this one title with a trailing space; the reader trims it.
        for column in columns { out.tab(); out.write(column.title == "Coverage (1/cm^2)" ? "Coverage (1/cm^2) " : column.title) }
        out.endLine()
        for (row, peak) in rows.enumerated() {
            let isTotal = row == 0 && list.totalRow != nil
            out.write(integer: Int64(peak.index)); out.tab()
            if isTotal {
                out.tab(); out.write("nan"); out.tab(); out.write("nan"); out.tab()
            } else {
                out.write(peak.interval.center, .fixed(decimals: 6)); out.tab()
                out.write(peak.interval.lower, .fixed(decimals: 6)); out.tab()
                out.write(peak.interval.upper, .fixed(decimals: 6)); out.tab()
            }
            out.write(peak.assignment.isEmpty ? "(null)" : peak.assignment); out.tab()
            out.write(peak.description.isEmpty ? "(null)" : peak.description)
            for column in columns {
                out.tab()
                guard let value = peak.values[column.title] else { continue }
                // SurfaceLab quirks: "Explained (%)" is left empty when undefined, and the mass deviation
                // of an unassigned peak is written as a bare "0".
                if column.title == "Explained (%)" && value.isNaN { continue }
                if column.title == "Mass Deviation (ppm)" && peak.isUnassigned && !isTotal {
                    out.write(value, .g)
                    continue
                }
                out.write(value, column.format)
            }
            out.endLine()
        }
        return out.data
    }

    /// Writes `list` atomically as an IONTOF interval list at `path`.
    public static func write(_ list: PeakList, to path: String) throws(SIMSError) {
        try AtomicFile.write(encode(list), to: path)
    }
}

extension PlainIntervalListFormat {
    /// The list as CSV `assignment,lower,upper,description` (bounds in u with full precision), LF line ends.
    public static func encode(_ list: PeakList) -> Data {
        var table = CSVTable(header: ["assignment", "lower", "upper", "description"])
        for peak in list.peaks {
            table.append([.text(peak.assignment), .number(peak.interval.lower), .number(peak.interval.upper), .text(peak.description)])
        }
        return Data(table.text.utf8)
    }

    /// Writes `list` atomically as a plain CSV interval list at `path`.
    public static func write(_ list: PeakList, to path: String) throws(SIMSError) {
        try AtomicFile.write(encode(list), to: path)
    }
}
