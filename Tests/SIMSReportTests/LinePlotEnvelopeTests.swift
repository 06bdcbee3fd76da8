import Foundation
import Testing
@testable import SIMSReport

/// Dense series (more than two points per device column) are filled min/max outlines instead of stroked
/// zigzags (`LinePlot+Envelope.swift`): the same pixels, far fewer vertices.
@Suite("Line plot envelopes of dense series")
struct LinePlotEnvelopeTests {
    /// A synthetic spectrum: 20 000 points over 0–200 u, a Gaussian peak at every nominal mass with heights
    /// spanning four decades, on a noisy baseline (log axis), as in the spectrum overview.
    static func spectrum() -> LinePlot.Series {
        var jitter = DeterministicJitter(seed: 7)
        let x = (0 ..< 20_000).map { Double($0) * 0.01 }
        let y = x.map { m -> Double in
            let nominal = m.rounded(), height = pow(10, 1 + 3 * abs(sin(nominal * 0.37)))
            return 2 + 3 * abs(jitter.next()) + height * exp(-pow(m - nominal, 2) / 0.002)
        }
        return LinePlot.Series(name: "spectrum", x: x, y: y, color: RGBA(hex: 0x0072B2))
    }

    /// The frame `LinePlot.drawing()` uses for `series` (log y, no legend, default style).
    static func frame(_ series: LinePlot.Series) -> PlotFrame {
        PlotFrame(style: FigureStyle(), title: "t", x: .numeric(AxisOptions(title: "m/z (u)"), dataRange: .covering(series.x)),
                  y: AxisOptions(title: "counts", scale: .log), yDataRange: .coveringPositive(series.y))
    }

    /// What a reader sees of a series, rendered at 2 px per unit (as commands write PNGs): per device column the
    /// topmost and bottommost inked row (`nil` for a blank column), and the number of inked pixels.
    static func ink(_ d: Drawing) throws -> (extents: [ClosedRange<Int>?], pixels: Int) {
        let image = try DecodedPNG(d.png(scale: 2)), c = image.channels
        var extents = [ClosedRange<Int>?](repeating: nil, count: image.width), pixels = 0
        for y in 0 ..< image.height {
            for x in 0 ..< image.width {
                let p = c * (y * image.width + x)
                guard image.raw[p] < 160 || image.raw[p + 1] < 160 || image.raw[p + 2] < 160 else { continue }
                pixels += 1
                if let e = extents[x] { extents[x] = min(e.lowerBound, y) ... max(e.upperBound, y) } else { extents[x] = y ... y }
            }
        }
        return (extents, pixels)
    }

    /// The fraction of device columns whose inked extent (top or bottom) is more than 2 px beyond the other
    /// drawing's extent in the same or a neighbouring column (or blank in one drawing only), both ways, and the
    /// ratio of inked pixels (b ÷ a).
    static func compare(_ a: Drawing, _ b: Drawing) throws -> (columns: Double, area: Double) {
        let ia = try ink(a), ib = try ink(b)
        func beyond(_ e: [ClosedRange<Int>?], _ f: [ClosedRange<Int>?], _ x: Int) -> Bool {
            guard let mine = e[x] else { return false }
            let near = (max(0, x - 1) ... min(f.count - 1, x + 1)).compactMap { f[$0] }
            guard let top = near.map(\.lowerBound).min(), let bottom = near.map(\.upperBound).max() else { return true }
            return mine.lowerBound < top - 2 || mine.upperBound > bottom + 2
        }
        var differing = 0, inked = 0
        for x in ia.extents.indices where ia.extents[x] != nil || ib.extents[x] != nil {
            inked += 1
            if beyond(ia.extents, ib.extents, x) || beyond(ib.extents, ia.extents, x) { differing += 1 }
        }
        return (Double(differing) / Double(max(1, inked)), Double(ib.pixels) / Double(max(1, ia.pixels)))
    }

    @Test("A dense series is drawn as filled outlines covering the pixels its stroked min/max zigzag covers")
    func sameAsZigzag() throws {
        let series = Self.spectrum(), frame = Self.frame(series), width = 1.0
        let columns = Int(frame.plot.width * LinePlot.columnsPerUnit)
        try #require(LinePlot.isDense(series, columns: columns))
        let canvas = Drawing(width: FigureStyle().width, height: FigureStyle().height)
        var zigzag = canvas, filled = canvas, unpenned = canvas
        for piece in LinePlot.split(LinePlot.decimate(series, frame: frame, columns: columns)) {
            for clipped in frame.clipPolyline(piece) { zigzag.polyline(clipped, Stroke(series.color!, width: width)) }
        }
        let outlines = LinePlot.envelopes(series, frame: frame, columns: columns, lineWidth: width)
        for outline in outlines { filled.polygon(outline, fill: series.color!) }
        for outline in LinePlot.envelopes(series, frame: frame, columns: columns, lineWidth: 0) { unpenned.polygon(outline, fill: series.color!) }
        let vertices = outlines.map(\.count).reduce(0, +)
        #expect(outlines.count == 1 && vertices <= 2 * columns + 4, "\(outlines.count) outlines, \(vertices) vertices")
        let same = try Self.compare(zigzag, filled), withoutPen = try Self.compare(zigzag, unpenned)
        #expect(same.columns < 0.02, "\(same.columns * 100) % of columns differ from the stroked zigzag by > 2 px")
        // The outline also fills the zigzag's see-through gaps between neighbouring strokes: a little more ink.
        #expect(same.area > 0.95 && same.area < 1.3, "inked pixels: \(same.area) × the zigzag's")
        // The pen matters: without it thin peaks and the top and bottom lose half a line width of ink.
        #expect(withoutPen.columns > 5 * same.columns && withoutPen.area < 0.9 * same.area, "fill only: \(withoutPen)")
    }

    @Test("Columns with no drawable value split the outline; peaks keep their height")
    func gapsAndPeaks() throws {
        var series = Self.spectrum()
        for k in 8_000 ..< 9_000 { series.y[k] = 0 }  // 80–90 u: nothing on a log axis
        let frame = Self.frame(series)
        let columns = Int(frame.plot.width * LinePlot.columnsPerUnit)
        let outlines = LinePlot.envelopes(series, frame: frame, columns: columns, lineWidth: 0)
        try #require(outlines.count == 2)
        let gap = (frame.x(80)! + 0.5) ..< (frame.x(90)! - 0.5)  // vertices sit at column centres (0.5 units apart)
        for outline in outlines { #expect(!outline.contains { gap.contains($0.x) }) }
        // The outline reaches the tallest peak and the lowest point, plus half a line width.
        let positive = series.y.indices.filter { series.y[$0] > 0 }
        let hi = positive.max { series.y[$0] < series.y[$1] }!, lo = positive.min { series.y[$0] < series.y[$1] }!
        for width in [0.0, 2.0] {
            let ys = LinePlot.envelopes(series, frame: frame, columns: columns, lineWidth: width).flatMap { $0 }.map(\.y)
            #expect(abs(ys.min()! - max(frame.plot.y, frame.y(series.y[hi])! - width / 2)) < 1e-9)
            #expect(abs(ys.max()! - min(frame.plot.maxY, frame.y(series.y[lo])! + width / 2)) < 1e-9)
        }
    }

    @Test("A dense series is one filled <polygon> in the SVG and the PNG shows it")
    func inFigure() throws {
        let plot = LinePlot(series: [Self.spectrum()], xAxis: AxisOptions(title: "m/z (u)"), yAxis: AxisOptions(title: "counts", scale: .log))
        let svg = plot.drawing().svg()
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 1)
        #expect(svg.contains("fill=\"#0072b2\"") && !svg.contains("stroke=\"#0072b2\""))
        #expect(XMLCheck.parse(svg).ok)
        let png = try DecodedPNG(plot.data(as: .png, pngScale: 1))
        let blue = stride(from: 0, to: png.raw.count, by: png.channels).filter { png.raw[$0] == 0 && png.raw[$0 + 1] == 0x72 && png.raw[$0 + 2] == 0xB2 }
        #expect(blue.count > 5_000)
    }

    @Test("Sparse series are still stroked through every point")
    func sparseStroked() {
        let x = (0 ..< 50).map(Double.init)
        let plot = LinePlot(series: [.init(name: "a", x: x, y: x.map { $0 * $0 })], xAxis: AxisOptions(title: "x"), yAxis: AxisOptions(title: "y"))
        let d = plot.drawing()
        #expect(d.primitives.contains { if case let .polyline(points, _) = $0 { return points.count == 50 } else { return false } })
        #expect(!d.primitives.contains { if case .polygon = $0 { return true } else { return false } })
    }
}
