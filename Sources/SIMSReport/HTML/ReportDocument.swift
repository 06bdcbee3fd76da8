import Foundation

/// Everything `report.html`, `methods.md` and `provenance.json` are made of; stored as `report.json` in the
/// output folder so that `sims report DIR` can rebuild the page (figures are read from their files again).
public struct ReportDocument: Sendable, Hashable, Codable {
    /// Page title.
    public var title: String
    /// The run record.
    public var provenance: Provenance
    /// Table III with sources and derived quantities.
    public var tableIII: TableIII
    /// Workflow sections in order.
    public var sections: [ReportSection]
    /// What Table III was built from, so that `sims report DIR --config sims.toml` can rebuild it.
    public var tableIIIInputs: TableIIIInputs?
    /// The report this one is part of (relative link, e.g. `../report.html` or `../index.html`), shown at the
    /// top of the page; `nil` for a stand-alone run.
    public var parent: String?

    /// Rows shown per table on the page (the CSV has all).
    public static let maximumTableRows = 200
    /// Tables with more rows than this are collapsed (`<details>`) behind a summary line.
    public static let collapsedTableRows = 15

    /// Creates a document.
    public init(title: String, provenance: Provenance, tableIII: TableIII, sections: [ReportSection], tableIIIInputs: TableIIIInputs? = nil,
                parent: String? = nil) {
        self.title = title; self.provenance = provenance; self.tableIII = tableIII; self.sections = sections
        self.tableIIIInputs = tableIIIInputs
        self.parent = parent
    }

    /// Rebuilds Table III with another `sims.toml` (flattened `table.key`), keeping everything else; the
    /// provenance's Table III and warnings follow.
    public func replacingConfig(_ config: Metadata) -> ReportDocument {
        guard var inputs = tableIIIInputs else { return self }
        inputs.config = config
        inputs.configAcquisition = Acquisition() // the new file's [acquisition] keys arrive flattened in `config`
        var copy = self
        let oldTableWarnings = Set(tableIII.warnings)
        copy.tableIIIInputs = inputs
        copy.tableIII = TableIII(inputs)
        copy.provenance.tableIII = copy.tableIII.entries
        copy.provenance.warnings = provenance.warnings.filter { !oldTableWarnings.contains($0) } + copy.tableIII.warnings
        return copy
    }

    /// All warnings: the run's and Table III's, without duplicates, in order.
    public var warnings: [String] {
        var out: [String] = []
        for w in provenance.warnings + tableIII.warnings where !out.contains(w) { out.append(w) }
        return out
    }

    /// `methods.md` text.
    public var methodsMarkdown: String { tableIII.methodsMarkdown(commandLine: provenance.commandLine) }

    /// Deterministic JSON (sorted keys, pretty-printed, unescaped slashes).
    public static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" } // only non-finite Doubles fail; none are stored
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `report.json` text.
    public var jsonText: String { ReportDocument.json(self) }

    /// `provenance.json` text.
    public var provenanceJSON: String { ReportDocument.json(provenance) }

    /// Decodes `report.json`.
    public static func decode(_ data: Data, file: String) throws(SIMSError) -> ReportDocument {
        do { return try JSONDecoder().decode(ReportDocument.self, from: data) } catch {
            throw SIMSError(.malformed, "not a SIMSKit report.json: \(error)", file: file, expected: "the report.json written by a sims command")
        }
    }
}
