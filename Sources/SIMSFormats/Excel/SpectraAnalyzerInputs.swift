import Foundation
import SIMSCore

/// The settings sheet of the paper's spectra script, `Inputs_ToF_spectra_analyzer.xlsx`
/// (Lombardo et al., JVST A 41, 053207 (2023); teolombardo/User-friendly-scripts-for-experimental-battery-researchers).
///
/// Sheet 1, column A holds parameter names, column B their values:
///
/// | row | name (A) | value (B) |
/// |---|---|---|
/// | 3 | Results path | the folder with the exported spectra (its description reads "Path containing the readable ToF-SIMS spectra") |
/// | 4 | Mass interval list | path of the interval list file, with extension |
/// | 5 | Important ion fragments | comma-separated assignments (IONTOF notation) |
/// | 6 | Custom normalization peak | one assignment, or empty |
///
/// Rows are found by their name in column A (case-insensitive), falling back to rows 3–6. Paths are
/// Windows paths of the author's machine; ``intervalListPath(under:)`` maps them to a study root.
public struct SpectraAnalyzerInputs: Sendable, Equatable {
    /// Folder with the spectra, as written in the sheet.
    public var spectraFolder: String?
    /// Mass interval list path, as written in the sheet.
    public var intervalList: String?
    /// Assignments to plot with priority (trimmed, empty entries dropped).
    public var importantPeaks: [String]
    /// The reference ("custom normalization") peak, if any.
    public var referencePeak: String?

    /// Creates settings.
    public init(spectraFolder: String? = nil, intervalList: String? = nil, importantPeaks: [String] = [], referencePeak: String? = nil) {
        self.spectraFolder = spectraFolder
        self.intervalList = intervalList
        self.importantPeaks = importantPeaks
        self.referencePeak = referencePeak
    }

    /// Reads the sheet at `path`.
    public init(path: String) throws(SIMSError) {
        let book = try SpreadsheetWorkbook(path: path)
        guard let sheet = book.sheets.first else { throw .malformed("the workbook has no sheet", file: path) }
        func value(named names: [String], defaultRow: Int) -> String? {
            let row = sheet.rows.first { row in
                guard let label = sheet[CellReference(column: 1, row: row)]?.text.trimmingSpaces().lowercased(),
                      sheet[CellReference(column: 2, row: row)] != nil else { return false }  // section titles have no value
                return names.contains { label.hasPrefix($0) }
            } ?? defaultRow
            let text = sheet[CellReference(column: 2, row: row)]?.text.trimmingSpaces() ?? ""
            return text.isEmpty ? nil : text
        }
        spectraFolder = value(named: ["results path", "path"], defaultRow: 3)
        intervalList = value(named: ["mass interval list"], defaultRow: 4)
        importantPeaks = (value(named: ["important"], defaultRow: 5) ?? "")
            .split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        referencePeak = value(named: ["custom normalization", "normalization"], defaultRow: 6)
    }

    /// The last component of a Windows or POSIX path (`D:\a\b\list.TXT` → `list.TXT`).
    public static func fileName(of path: String) -> String {
        String(path.split(whereSeparator: { $0 == "\\" || $0 == "/" }).last ?? Substring(path))
    }

    /// Maps the sheet's interval list to a file under `root`: the path relative to the spectra folder when
    /// the list lies inside it, else a file of the same name directly in `root` or one level below
    /// (compared case-insensitively, as Windows does). `nil` when none exists.
    public func intervalListPath(under root: String) -> String? {
        guard let list = intervalList else { return nil }
        let separators: (Character) -> Bool = { $0 == "\\" || $0 == "/" }
        if let folder = spectraFolder {
            let folderParts = folder.split(whereSeparator: separators).map { $0.lowercased() }
            let listParts = list.split(whereSeparator: separators)
            if listParts.count > folderParts.count,
               zip(folderParts, listParts).allSatisfy({ $0 == $1.lowercased() }) {
                let candidate = ([root] + listParts.dropFirst(folderParts.count).map(String.init)).joined(separator: "/")
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
        }
        let name = Self.fileName(of: list).lowercased()
        for folder in [root] + ((try? FileManager.default.contentsOfDirectory(atPath: root))?.sorted().map { root + "/" + $0 } ?? []) {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            if let match = entries.sorted().first(where: { $0.lowercased() == name }) { return folder + "/" + match }
        }
        return nil
    }
}
