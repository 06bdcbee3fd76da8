import Foundation

/// A list of candidate ions for building peak lists and assigning peaks.
///
/// Built-in: ``battery`` (Li metal/SEI, liquid-electrolyte decomposition, sulfide electrolytes, oxide
/// cathodes, garnets, binders and carbons, both polarities; see `BatteryFragments+Data.swift` for sources)
/// and ``elements(polarity:)`` (every element as a singly charged atomic ion). User libraries are CSV files
/// with the same columns (`assignment[,category[,source]]`, `#` comment lines).
public struct FragmentLibrary: Sendable, Hashable {
    /// One candidate ion.
    public struct Entry: Sendable, Hashable {
        /// The ion.
        public var ion: Ion
        /// Group, e.g. `Li metal/SEI`, `oxide cathode`.
        public var category: String
        /// Source key or free text (see the library's header).
        public var source: String

        /// Creates an entry.
        public init(ion: Ion, category: String = "", source: String = "") {
            self.ion = ion
            self.category = category
            self.source = source
        }
    }

    /// Entries in source order.
    public var entries: [Entry]
    /// Name for messages and outputs (`battery`, a file path …).
    public var name: String

    /// Creates a library from entries.
    public init(name: String, entries: [Entry]) {
        self.name = name
        self.entries = entries
    }

    /// Entries detected in `polarity`.
    public func entries(for polarity: Polarity) -> [Entry] {
        entries.filter { $0.ion.polarity == polarity }
    }

    /// The built-in battery library (both polarities).
    public static let battery: FragmentLibrary = {
        do {
            return try FragmentLibrary(csv: batteryCSV, name: "battery")
        } catch {
            preconditionFailure("built-in battery library does not parse: \(error)")
        }
    }()

    /// Every element of ``IsotopeTable`` as a singly charged atomic ion of `polarity` (`Ru+`, `Cl-`).
    public static func elements(polarity: Polarity) -> FragmentLibrary {
        let charge = polarity == .positive ? 1 : -1
        let entries = Element.all.map { element in
            Entry(ion: Ion(formula: Formula(parts: [.init(symbol: element.symbol)]), charge: charge),
                  category: "element", source: "IsotopeTable")
        }
        return FragmentLibrary(name: "elements", entries: entries)
    }

    /// A library from ion labels (`["Li+", "LiF_2-"]`).
    /// - Throws: ``SIMSError`` naming the label that does not parse.
    public init(formulas: [String], name: String = "formulas") throws(SIMSError) {
        var entries: [Entry] = []
        for label in formulas {
            let trimmed = label.trimmingSpaces()
            guard !trimmed.isEmpty else { continue }
            entries.append(Entry(ion: try Ion(parsing: trimmed), category: "", source: "user"))
        }
        self.init(name: name, entries: entries)
    }

    /// Parses library CSV text: title line `assignment[,category[,source]]`, then one ion per line;
    /// `#` lines and blank lines are skipped; leading spaces are ignored.
    /// - Throws: ``SIMSError`` naming `name` and the 1-based line of a bad row.
    public init(csv text: String, name: String) throws(SIMSError) {
        var entries: [Entry] = []
        var sawTitle = false
        for (offset, rawLine) in text.components(separatedBy: "\n").enumerated() {
            let line = rawLine.trimmingSpaces().trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.components(separatedBy: ",").map { $0.trimmingSpaces() }
            if !sawTitle {
                guard cells.first?.lowercased() == "assignment" else {
                    throw SIMSError.malformed("fragment library has no title line", file: name, line: offset + 1,
                                              found: line, expected: "assignment,category,source")
                }
                sawTitle = true
                continue
            }
            do {
                let ion = try Ion(parsing: cells[0])
                entries.append(Entry(ion: ion, category: cells.count > 1 ? cells[1] : "", source: cells.count > 2 ? cells[2] : ""))
            } catch {
                var located = error.inFile(name)
                located.line = offset + 1
                throw located
            }
        }
        self.init(name: name, entries: entries)
    }

    /// Reads a library CSV file.
    /// - Throws: ``SIMSError`` (file not found, malformed row with line number).
    public init(contentsOfFile path: String) throws(SIMSError) {
        try InputFile.check(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SIMSError(.fileNotFound, "fragment library not found", file: path)
        }
        try self.init(csv: String(decoding: data, as: UTF8.self), name: path)
    }
}
