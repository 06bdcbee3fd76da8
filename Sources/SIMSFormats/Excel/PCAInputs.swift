import Foundation
import SIMSCore

/// The settings sheet of the paper's PCA script, `Inputs_ToF - PCA.xlsx` (Lombardo et al., JVST A 41, 053207
/// (2023); teolombardo/User-friendly-scripts-for-experimental-battery-researchers).
///
/// Sheet 1, column A parameter names, column B values:
///
/// | row | name (A) | value (B) |
/// |---|---|---|
/// | 3 | Results path | folder with the exported spectra |
/// | 4 | Mass interval list | path of the interval list file |
/// | 5 | Minimum mass to be analyzed | m/z (u) — unused by interval-based PCA |
/// | 6 | Maximum m/z to be analyzed | m/z (u) — unused by interval-based PCA |
/// | 7 | Step | m/z step (u) — unused by interval-based PCA |
/// | 8 | Number of PCA components | ≥ 1: a count; < 1: a target explained-variance fraction |
///
/// The script reads "Step" and "Number of PCA components" from the same cell (B8) and swaps minimum and maximum
/// mass; SIMSKit reads each row by its name (see `docs/differences.md`).
public struct PCAInputs: Sendable, Equatable {
    /// Folder with the spectra, as written in the sheet.
    public var spectraFolder: String?
    /// Mass interval list path, as written in the sheet.
    public var intervalList: String?
    /// Minimum m/z (u).
    public var minimumMass: Double?
    /// Maximum m/z (u).
    public var maximumMass: Double?
    /// m/z step (u).
    public var step: Double?
    /// Number of components (≥ 1) or explained-variance target (< 1).
    public var components: Double?

    /// Reads the sheet at `path`.
    public init(path: String) throws(SIMSError) {
        let book = try SpreadsheetWorkbook(path: path)
        guard let sheet = book.sheets.first else { throw .malformed("the workbook has no sheet", file: path) }
        func row(named prefixes: [String], defaultRow: Int) -> Int {
            // Section titles (e.g. "Mass interval list, principal peaks, …") have no value in column B: skip them.
            sheet.rows.first { row in
                guard let label = sheet[CellReference(column: 1, row: row)]?.text.trimmingSpaces().lowercased(),
                      sheet[CellReference(column: 2, row: row)] != nil else { return false }
                return prefixes.contains { label.hasPrefix($0) }
            } ?? defaultRow
        }
        func text(_ row: Int) -> String? {
            let value = sheet[CellReference(column: 2, row: row)]?.text.trimmingSpaces() ?? ""
            return value.isEmpty ? nil : value
        }
        func number(_ row: Int, _ name: String) throws(SIMSError) -> Double? {
            guard let value = text(row) else { return nil }
            guard let number = Double(value.replacingOccurrences(of: ",", with: ".")), number.isFinite else {
                throw .malformed("\"\(name)\" is not a number", file: path, line: row, found: value, expected: "a number in cell B\(row)")
            }
            return number
        }
        spectraFolder = text(row(named: ["results path"], defaultRow: 3))
        intervalList = text(row(named: ["mass interval list"], defaultRow: 4))
        minimumMass = try number(row(named: ["minimum"], defaultRow: 5), "Minimum mass")
        maximumMass = try number(row(named: ["maximum"], defaultRow: 6), "Maximum m/z")
        step = try number(row(named: ["step"], defaultRow: 7), "Step")
        components = try number(row(named: ["number of pca components"], defaultRow: 8), "Number of PCA components")
    }

    /// The interval list mapped to a file under `root` (same rules as ``SpectraAnalyzerInputs/intervalListPath(under:)``).
    public func intervalListPath(under root: String) -> String? {
        SpectraAnalyzerInputs(spectraFolder: spectraFolder, intervalList: intervalList).intervalListPath(under: root)
    }
}
