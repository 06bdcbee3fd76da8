import Foundation

/// Line plot of several series (spectra, depth profiles, explained variance), optional log y, vertical
/// markers (peak positions, interfaces) and shaded bands (mean ± sd).
///
/// Long series (more than two points per device column) are drawn as the filled outline of their minimum and
/// maximum per device column, so a spectrum with 10⁵ points keeps its peaks, draws fast and the SVG stays small.
public struct LinePlot: Figure {
    /// One series.
    public struct Series: Sendable {
        /// Legend label.
        public var name: String
        /// x values (ascending for bands and decimation).
        public var x: [Double]
        /// y values, same count as `x`.
        public var y: [Double]
        /// Optional band (lower, upper), same count as `x`, drawn shaded in the series colour.
        public var band: (lower: [Double], upper: [Double])?
        /// Colour; `nil` = palette colour of the series index.
        public var color: RGBA?
        /// Creates a series.
        public init(name: String, x: [Double], y: [Double], band: (lower: [Double], upper: [Double])? = nil, color: RGBA? = nil) {
            self.name = name; self.x = x; self.y = y; self.band = band; self.color = color
        }
    }

    /// A vertical marker line with a label.
    public struct Marker: Sendable, Hashable {
        /// Position on the x axis (data units).
        public var x: Double
        /// Label drawn at the top.
        public var label: String
        /// Creates a marker.
        public init(x: Double, label: String) { self.x = x; self.label = label }
    }

    /// A shaded x range with a label (a peak's integration interval on a spectrum).
    public struct Span: Sendable, Hashable {
        /// The range on the x axis (data units).
        public var range: ClosedRange<Double>
        /// Label drawn at the top of the span (``TextMarkup``).
        public var label: String
        /// Creates a span.
        public init(_ range: ClosedRange<Double>, label: String = "") { self.range = range; self.label = label }
    }

    /// Series in drawing order.
    public var series: [Series]
    /// Shaded x ranges, drawn under the series.
    public var spans: [Span] = []
    /// Legend entries; `nil` = one per series when there are several (set it when many series share a
    /// colour, e.g. every spot of a sample).
    public var legend: [LegendEntry]?
    /// Line width of the series in drawing units.
    public var lineWidth = 1.5
    /// x axis.
    public var xAxis: AxisOptions
    /// y axis (set `.log` for intensities spanning decades).
    public var yAxis: AxisOptions
    /// Vertical markers.
    public var markers: [Marker]
    /// Whether to also draw a dot at every point (for short series such as explained variance).
    public var showsPoints: Bool
    /// Figure title.
    public var title: String
    /// Size and fonts.
    public var style: FigureStyle

    /// Creates a line plot.
    public init(
        series: [Series], xAxis: AxisOptions, yAxis: AxisOptions, markers: [Marker] = [], showsPoints: Bool = false,
        title: String = "", style: FigureStyle = FigureStyle()
    ) {
        self.series = series; self.xAxis = xAxis; self.yAxis = yAxis; self.markers = markers
        self.showsPoints = showsPoints; self.title = title; self.style = style
    }

    public func drawing() -> Drawing {
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            xs += s.x; ys += s.y
            if let band = s.band { ys += band.lower; ys += band.upper }
        }
        let yRange: ClosedRange<Double> = yAxis.scale == .log ? .coveringPositive(ys) : .covering(ys)
        let xRange: ClosedRange<Double> = xAxis.scale == .log ? .coveringPositive(xs) : .covering(xs)
        let legend = self.legend ?? (series.count > 1 ? series.enumerated().map { LegendEntry($1.name, $1.color ?? Palette.color($0)) } : [])
        let frame = PlotFrame(style: style, title: title, x: .numeric(xAxis, dataRange: xRange), y: yAxis, yDataRange: yRange, legend: legend)
        var d = Drawing(width: style.width, height: style.height)
        frame.drawGrid(into: &d)
        for span in spans {
            guard let a = frame.x(span.range.lowerBound), let b = frame.x(span.range.upperBound) else { continue }
            let lo = max(frame.plot.x, min(a, b)), hi = min(frame.plot.maxX, max(a, b))
            guard hi > lo else { continue }
            d.rect(Rect(x: lo, y: frame.plot.y, width: hi - lo, height: frame.plot.height), fill: RGBA(hex: 0x999999).opacity(0.18), stroke: nil)
            if !span.label.isEmpty {
                d.text(span.label, at: Point((lo + hi) / 2, frame.plot.y + 3), TextStyle(size: style.fontSize, anchor: .middle, baseline: .top))
            }
        }
        for (i, s) in series.enumerated() {
            let color = s.color ?? Palette.color(i)
            if let band = s.band {
                var upper: [Point] = [], lower: [Point] = []
                for k in 0 ..< min(s.x.count, band.lower.count, band.upper.count) {
                    guard let x = frame.x(s.x[k]) else { continue }
                    let xc = min(frame.plot.maxX, max(frame.plot.x, x))
                    upper.append(Point(xc, frame.yClamped(band.upper[k])))
                    lower.append(Point(xc, frame.yClamped(band.lower[k])))
                }
                d.polygon(upper + lower.reversed(), fill: color.opacity(0.2), stroke: nil)
            }
            let columns = Int(frame.plot.width * LinePlot.columnsPerUnit)
            if LinePlot.isDense(s, columns: columns) {
                for outline in LinePlot.envelopes(s, frame: frame, columns: columns, lineWidth: lineWidth) {
                    d.polygon(outline, fill: color, stroke: nil)
                }
            } else {
                for piece in LinePlot.split(LinePlot.decimate(s, frame: frame, columns: columns)) {
                    for clipped in frame.clipPolyline(piece) { d.polyline(clipped, Stroke(color, width: lineWidth)) }
                }
            }
            if showsPoints {
                let points = LinePlot.decimate(s, frame: frame, columns: columns)
                for p in points.compactMap({ $0 }) where p.x >= frame.plot.x && p.x <= frame.plot.maxX && p.y >= frame.plot.y && p.y <= frame.plot.maxY {
                    d.circle(p, radius: 3, fill: color, stroke: nil)
                }
            }
        }
        for m in markers {
            guard let x = frame.x(m.x), x >= frame.plot.x, x <= frame.plot.maxX else { continue }
            d.line(Point(x, frame.plot.y), Point(x, frame.plot.maxY), Stroke(.ink.opacity(0.7), width: 1, dash: [4, 3]))
            var s = TextStyle(size: style.fontSize * 0.9, color: .ink, anchor: .end, baseline: .top, rotation: 90)
            s.anchor = .end
            d.text(m.label, at: Point(x + 2, frame.plot.y + 2), s)
        }
        frame.drawAxes(into: &d)
        return d
    }

    /// Device columns per drawing unit the series are reduced to: PNGs are written at 2 pixels per unit, and the
    /// SVG at its nominal size (1 px per unit) needs no more.
    static let columnsPerUnit = 2.0

    /// Whether `s` has more than two points per device column: then it is drawn as its filled min/max outline
    /// (``envelopes(_:frame:columns:lineWidth:)``), which looks the same as its stroked line at a fraction of
    /// the cost; sparser series are stroked through every point.
    static func isDense(_ s: Series, columns: Int) -> Bool { min(s.x.count, s.y.count) > 2 * max(1, columns) }

    /// Drawing points of a series; `nil` separates pieces (non-finite or non-positive-on-log values).
    /// More points than `columns` → min and max per column, in x order.
    static func decimate(_ s: Series, frame: PlotFrame, columns: Int) -> [Point?] {
        let n = min(s.x.count, s.y.count)
        var out: [Point?] = []
        if n <= 2 * max(1, columns) {
            for k in 0 ..< n {
                if let x = frame.x(s.x[k]), let y = frame.y(s.y[k]) { out.append(Point(x, y)) } else { out.append(nil) }
            }
            return out
        }
        var column = Int.min
        var lo: Point? = nil, hi: Point? = nil
        func flush() {
            guard let a = lo, let b = hi else { return }
            if a.x <= b.x { out.append(a); if a != b { out.append(b) } } else { out.append(b); out.append(a) }
        }
        for k in 0 ..< n {
            guard let x = frame.x(s.x[k]), let y = frame.y(s.y[k]) else { flush(); lo = nil; hi = nil; out.append(nil); continue }
            let c = Int(((x - frame.plot.x) / frame.plot.width * Double(columns)).rounded(.down))
            if c != column { flush(); lo = nil; hi = nil; column = c }
            let p = Point(x, y)
            if lo == nil || y > lo!.y { lo = p } // larger drawing y = smaller value
            if hi == nil || y < hi!.y { hi = p }
        }
        flush()
        return out
    }

    static func split(_ points: [Point?]) -> [[Point]] {
        var out: [[Point]] = [], current: [Point] = []
        for p in points {
            if let p { current.append(p) } else { if current.count >= 2 { out.append(current) }; current = [] }
        }
        if current.count >= 2 { out.append(current) }
        return out
    }
}
