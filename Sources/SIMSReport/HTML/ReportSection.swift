/// One block of report content.
public struct ReportBlock: Sendable, Hashable, Codable {
    /// What the block is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A paragraph of text.
        case paragraph
        /// A figure file (SVG inlined, PNG embedded as a data URI) with a caption.
        case figure
        /// A table (header + rows), optionally linked to its CSV file.
        case table
        /// A highlighted warning.
        case warning
        /// A link to an output file.
        case file
        /// A compact grid of small PNG figures: ``ReportBlock/header`` = column titles, each row = a label
        /// followed by one figure path per column (empty = none).
        case figureGrid
    }

    /// The kind.
    public var kind: Kind
    /// Paragraph/warning text, or the caption of a figure/table, or a file's label.
    public var text: String
    /// Figure or file path relative to the output folder.
    public var path: String?
    /// Table header.
    public var header: [String]?
    /// Table rows.
    public var rows: [[String]]?

    /// Creates a block.
    public init(kind: Kind, text: String, path: String? = nil, header: [String]? = nil, rows: [[String]]? = nil) {
        self.kind = kind; self.text = text; self.path = path; self.header = header; self.rows = rows
    }
}

/// A section of `report.html` added by a workflow: title, then paragraphs, figures, tables, warnings and
/// file links in order.
///
/// ```swift
/// var section = ReportSection(title: "Peak areas", workflow: "spectra")
/// section.paragraph("Areas are TIC-normalized trapezoid integrals.")
/// section.figure("plots/LiF2-.svg", caption: "LiF₂⁻ per sample, every spot shown")
/// section.table("Mean ± sd", header: ["peak", "mean"], rows: rows, csv: "results/summary.csv")
/// record.add(section)
/// ```
public struct ReportSection: Sendable, Hashable, Codable {
    /// Heading.
    public var title: String
    /// The workflow that wrote it (`spectra`, `images`, `pca`, `depth`, `microstructure`, …).
    public var workflow: String
    /// Content in order.
    public var blocks: [ReportBlock]

    /// Creates an empty section.
    public init(title: String, workflow: String, blocks: [ReportBlock] = []) {
        self.title = title; self.workflow = workflow; self.blocks = blocks
    }

    /// Adds a paragraph.
    public mutating func paragraph(_ text: String) { blocks.append(ReportBlock(kind: .paragraph, text: text)) }

    /// Adds a figure file (`.svg` or `.png`, path relative to the output folder).
    public mutating func figure(_ path: String, caption: String) {
        blocks.append(ReportBlock(kind: .figure, text: caption, path: path))
    }

    /// Adds a table; `csv` links the full table file (relative path). The page shows at most
    /// ``ReportDocument/maximumTableRows`` rows.
    public mutating func table(_ caption: String, header: [String], rows: [[String]], csv: String? = nil) {
        blocks.append(ReportBlock(kind: .table, text: caption, path: csv, header: header, rows: rows))
    }

    /// Adds a warning.
    public mutating func warning(_ text: String) { blocks.append(ReportBlock(kind: .warning, text: text)) }

    /// Adds a compact grid of PNG thumbnails: one row per label with one figure per column (`""` = none).
    public mutating func figureGrid(_ caption: String, columns: [String], rows: [(label: String, paths: [String])]) {
        blocks.append(ReportBlock(kind: .figureGrid, text: caption, header: columns, rows: rows.map { [$0.label] + $0.paths }))
    }

    /// Adds a link to an output file (relative path).
    public mutating func file(_ path: String, label: String) { blocks.append(ReportBlock(kind: .file, text: label, path: path)) }
}
