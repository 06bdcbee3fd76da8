import Foundation
import SIMSCore

/// A figure that can be drawn as PNG, PDF or SVG. Every plot type in SIMSReport conforms.
///
/// ```swift
/// let plot = BoxPlot(groups: [("A", [1, 2, 3]), ("B", [2, 3, 4])], yTitle: "area / TIC")
/// try AtomicFile.write(plot.svg, to: "plots/box.svg")
/// try AtomicFile.write(plot.data(as: .pdf), to: "plots/box.pdf")
/// ```
public protocol Figure: Sendable {
    /// The figure as a vector drawing.
    func drawing() -> Drawing
}

/// A file format a figure can be written in.
public enum FigureFormat: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Raster (cairo, libpng), 2 device pixels per drawing unit by default.
    case png
    /// Vector PDF (cairo), fonts embedded, text searchable.
    case pdf
    /// Editable SVG text (labels stay `<text>`).
    case svg

    /// What commands write for the figures a report shows unless told otherwise (`--figures`): PNG for slides
    /// and viewing, SVG for the report and editing.
    public static let defaults: Set<FigureFormat> = [.png, .svg]

    /// What commands write for the figures a report does not show (`plots/extra/`, e.g. the box plots of every
    /// peak that is not important) unless `--figures` names formats: SVG only. Encoding a 1280 × 840 PNG
    /// costs ~20 ms of CPU against ~1 ms for the SVG, so PNGs of hundreds of extra figures made `sims spectra`
    /// take 5–6× the CPU of `--no-plots` (measured choice: docs/performance.md).
    public static let extraDefaults: Set<FigureFormat> = [.svg]

    /// The file extension (without the dot).
    public var fileExtension: String { rawValue }

    /// Orders formats as listed (png, pdf, svg).
    public static func < (a: FigureFormat, b: FigureFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Parses a comma-separated list such as `png,pdf,svg` (any subset, any order, case-insensitive).
    /// - Throws: ``SIMSError/invalidArgument(_:)`` naming an unknown format.
    public static func list(_ text: String) throws(SIMSError) -> Set<FigureFormat> {
        var formats = Set<FigureFormat>()
        for item in text.split(separator: ",") {
            let name = item.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = FigureFormat(rawValue: name) else {
                throw .invalidArgument("unknown figure format", found: name, expected: "a comma-separated subset of png, pdf, svg")
            }
            formats.insert(format)
        }
        guard !formats.isEmpty else { throw .invalidArgument("no figure format given", found: text, expected: "a comma-separated subset of png, pdf, svg") }
        return formats
    }
}

extension Figure {
    /// The figure as a standalone SVG document.
    public var svg: String { drawing().svg() }
    /// The figure as PNG bytes at 2 device pixels per drawing unit.
    public var png: Data { drawing().png(scale: 2) }
    /// The figure as PNG bytes at `scale` device pixels per drawing unit.
    public func png(scale: Double) -> Data { drawing().png(scale: scale) }
    /// The figure as a one-page PDF.
    public var pdf: Data { drawing().pdf() }

    /// The figure's file in `format` (`pngScale` device pixels per drawing unit for PNG).
    public func data(as format: FigureFormat, pngScale: Double = 2) -> Data {
        drawing().data(as: format, pngScale: pngScale)
    }
}

extension Drawing {
    /// The drawing's file in `format` (`pngScale` device pixels per drawing unit for PNG).
    public func data(as format: FigureFormat, pngScale: Double = 2) -> Data {
        switch format {
        case .png: return png(scale: pngScale)
        case .pdf: return pdf()
        case .svg: return Data(svgBytes())
        }
    }
}

/// Size and text sizes shared by all plots.
public struct FigureStyle: Sendable, Hashable {
    /// Canvas width in drawing units (CSS px).
    public var width: Double
    /// Canvas height in drawing units.
    public var height: Double
    /// Tick-label and legend font size.
    public var fontSize: Double
    /// Axis-title font size.
    public var titleFontSize: Double
    /// Figure-title font size.
    public var headingFontSize: Double

    /// Creates a style; defaults fit a journal column at 2× raster scale.
    public init(width: Double = 640, height: Double = 420, fontSize: Double = 11, titleFontSize: Double = 12, headingFontSize: Double = 14) {
        self.width = width; self.height = height; self.fontSize = fontSize
        self.titleFontSize = titleFontSize; self.headingFontSize = headingFontSize
    }
}

/// A numeric axis: title (with unit), scale, optional fixed range.
public struct AxisOptions: Sendable, Hashable {
    /// Title including the unit, e.g. `"m/z (u)"`, `"intensity (counts)"`.
    public var title: String
    /// Linear or log.
    public var scale: AxisScale
    /// Fixed range; `nil` = from the data, widened to nice ticks.
    public var range: ClosedRange<Double>?
    /// Whether an automatic range must include 0 (bar plots).
    public var includesZero: Bool
    /// Names of the values 1, 2, 3, … for an axis of categories drawn as numbers (the scree plot's `PC1`,
    /// `PC2`, …): ticks at the whole numbers 1…n labelled with the names; `nil` = numeric ticks.
    public var categories: [String]?

    /// Creates axis options.
    public init(title: String = "", scale: AxisScale = .linear, range: ClosedRange<Double>? = nil, includesZero: Bool = false,
                categories: [String]? = nil) {
        self.title = title; self.scale = scale; self.range = range; self.includesZero = includesZero
        self.categories = categories
    }
}

/// One entry of a legend.
public struct LegendEntry: Sendable, Hashable {
    /// Label.
    public var label: String
    /// Swatch colour.
    public var color: RGBA
    /// Creates an entry.
    public init(_ label: String, _ color: RGBA) { self.label = label; self.color = color }
}
