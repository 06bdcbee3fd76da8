import Foundation

/// The axes of a 2-D plot: computes margins from the tick labels, draws grid, axes, ticks, labels, titles and
/// legend, and maps data to drawing coordinates. Shared by every x–y plot type.
struct PlotFrame {
    enum XAxis {
        case numeric(AxisOptions, dataRange: ClosedRange<Double>)
        case categories([String], title: String)
    }

    let style: FigureStyle
    private(set) var plot: Rect = Rect(x: 0, y: 0, width: 1, height: 1)
    private(set) var xDomain: ClosedRange<Double> = 0 ... 1
    private(set) var yDomain: ClosedRange<Double> = 0 ... 1
    let xScale: AxisScale
    let yScale: AxisScale
    private var xTicks: [(value: Double, label: String)] = []
    private var yTicks: [(value: Double, label: String)] = []
    private var categories: [String] = []
    private var categoryStride = 1
    private var categoryRotation = 0.0
    private let xTitle: String
    private let yTitle: String
    private let title: String
    private let legend: [LegendEntry]

    init(style: FigureStyle, title: String, x: XAxis, y: AxisOptions, yDataRange: ClosedRange<Double>, legend: [LegendEntry] = [], rightExtra: Double = 0) {
        self.style = style
        self.title = title
        self.legend = legend
        self.yTitle = y.title
        self.yScale = y.scale
        let font = TextStyle(size: style.fontSize)

        // y ticks
        let top = 10 + (title.isEmpty ? 0 : style.headingFontSize * 1.2 + 8)
        let estimatedPlotHeight = style.height - top - 70
        (yDomain, yTicks) = PlotFrame.ticks(options: y, data: yDataRange, target: max(3, Int(estimatedPlotHeight / 45)))
        let yLabelWidth = yTicks.map { font.width(of: $0.label) }.max() ?? 0
        let left = 8 + (y.title.isEmpty ? 0 : style.titleFontSize * 1.2 + 6) + yLabelWidth + 8

        // legend
        let legendLabels = legend.map { PlotFrame.shortened($0.label, toWidth: 180, font: font) }
        let legendWidth = legend.isEmpty ? 0 : 22 + (legendLabels.map { font.width(of: $0) }.max() ?? 0) + 8
        let right = 16 + legendWidth + rightExtra
        let plotWidth = max(40, style.width - left - right)

        // x axis
        var bottomLabelHeight = style.fontSize
        switch x {
        case let .numeric(options, dataRange):
            xTitle = options.title
            xScale = options.scale
            var target = max(2, Int(plotWidth / 70))
            (xDomain, xTicks) = PlotFrame.ticks(options: options, data: dataRange, target: target)
            let widest = xTicks.map { font.width(of: $0.label) }.max() ?? 0
            let fit = max(2, Int(plotWidth / (widest + 16)))
            if fit < target && options.scale == .linear {
                target = fit
                (xDomain, xTicks) = PlotFrame.ticks(options: options, data: dataRange, target: target)
            }
        case let .categories(names, title):
            xTitle = title
            xScale = .linear
            xDomain = 0 ... Double(max(1, names.count))
            let per = plotWidth / Double(max(1, names.count))
            var widest = names.map { font.width(of: $0) }.max() ?? 0
            categories = names
            if widest > per - 6 {
                // Vertical labels, thinned when they would still collide (line pitch ≈ 1.2 × font size). Labels
                // longer than a third of the figure's height lose their middle, never their distinguishing end.
                categoryRotation = 90
                categoryStride = max(1, Int(ceil(style.fontSize * 1.2 / per)))
                let room = style.height / 3
                if widest > room {
                    categories = names.map { PlotFrame.shortened($0, toWidth: room, font: font) }
                    widest = categories.map { font.width(of: $0) }.max() ?? 0
                }
                bottomLabelHeight = widest
            }
        }
        let bottom = 8 + bottomLabelHeight + 8 + (xTitle.isEmpty ? 0 : style.titleFontSize * 1.2 + 6) + 4
        plot = Rect(x: left, y: top, width: plotWidth, height: max(40, style.height - top - bottom))
    }

    /// `text` (plain or ``TextMarkup``) shortened in the middle with `…` until it is at most `width` wide, so
    /// labels that share a long prefix (`sample A/spot 1`, `sample A/spot 2`) stay distinct. The kept characters
    /// keep their markup (a shortened list of ions is still typeset).
    static func shortened(_ text: String, toWidth width: Double, font: TextStyle) -> String {
        guard font.width(of: text) > width else { return text }
        let count = TextMarkup.plain(text).count
        var keep = count - 1
        while keep > 2 {
            let head = (keep + 1) / 2, tail = keep - head
            let candidate = TextMarkup.keeping(head: head, tail: tail, of: text)
            if font.width(of: candidate) <= width { return candidate }
            keep -= max(1, keep / 10)
        }
        return TextMarkup.keeping(head: 1, tail: 1, of: text)
    }

    static func ticks(options: AxisOptions, data: ClosedRange<Double>, target: Int) -> (ClosedRange<Double>, [(Double, String)]) {
        switch options.scale {
        case .linear where options.categories != nil:
            let names = options.categories ?? []
            return (0.5 ... Double(names.count) + 0.5, names.enumerated().map { (Double($0 + 1), $1) })
        case .linear:
            var lo = options.range?.lowerBound ?? data.lowerBound
            var hi = options.range?.upperBound ?? data.upperBound
            if options.range == nil && options.includesZero { lo = min(lo, 0); hi = max(hi, 0) }
            let t = NiceTicks.linear(lo, hi, target: target)
            let domain = options.range ?? t.domain
            let ticks = t.ticks.filter { $0 >= domain.lowerBound - t.step * 1e-9 && $0 <= domain.upperBound + t.step * 1e-9 }
            return (domain, Array(zip(ticks, NiceTicks.labels(ticks, step: t.step))))
        case .log:
            let t = NiceTicks.log(options.range?.lowerBound ?? data.lowerBound, options.range?.upperBound ?? data.upperBound)
            let domain = options.range ?? t.domain
            let ticks = t.ticks.filter { $0 >= domain.lowerBound * (1 - 1e-9) && $0 <= domain.upperBound * (1 + 1e-9) }
            return (domain, Array(zip(ticks, NiceTicks.logLabels(ticks))))
        }
    }

    /// Drawing x of data value `v` (`nil` for non-positive values on a log axis).
    func x(_ v: Double) -> Double? {
        guard let t = PlotFrame.fraction(v, xDomain, xScale) else { return nil }
        return plot.x + t * plot.width
    }

    /// Drawing y of data value `v` (`nil` for non-positive values on a log axis).
    func y(_ v: Double) -> Double? {
        guard let t = PlotFrame.fraction(v, yDomain, yScale) else { return nil }
        return plot.maxY - t * plot.height
    }

    /// Drawing y of `v`, clamped to the plot area.
    func yClamped(_ v: Double) -> Double {
        guard let y = y(v) else { return plot.maxY }
        return min(plot.maxY, max(plot.y, y))
    }

    /// Centre x of category `i`.
    func categoryX(_ i: Int) -> Double {
        plot.x + (Double(i) + 0.5) * plot.width / Double(max(1, categories.count))
    }

    /// Width of one category slot.
    var categoryWidth: Double { plot.width / Double(max(1, categories.count)) }

    static func fraction(_ v: Double, _ d: ClosedRange<Double>, _ scale: AxisScale) -> Double? {
        guard v.isFinite else { return nil }
        switch scale {
        case .linear:
            let span = d.upperBound - d.lowerBound
            return span == 0 ? 0.5 : (v - d.lowerBound) / span
        case .log:
            guard v > 0, d.lowerBound > 0 else { return nil }
            let span = log10(d.upperBound) - log10(d.lowerBound)
            return span == 0 ? 0.5 : (log10(v) - log10(d.lowerBound)) / span
        }
    }

    /// Draws background grid (call before the marks).
    func drawGrid(into d: inout Drawing) {
        for tick in yTicks {
            guard let y = y(tick.value) else { continue }
            d.line(Point(plot.x, y), Point(plot.maxX, y), Stroke(.grid, width: 1))
        }
    }

    /// Draws axes, ticks, labels, titles and legend (call after the marks).
    func drawAxes(into d: inout Drawing) {
        let font = TextStyle(size: style.fontSize)
        let axis = Stroke(.ink, width: 1)
        d.line(Point(plot.x, plot.y), Point(plot.x, plot.maxY), axis)
        d.line(Point(plot.x, plot.maxY), Point(plot.maxX, plot.maxY), axis)
        for tick in yTicks {
            guard let y = y(tick.value) else { continue }
            d.line(Point(plot.x - 4, y), Point(plot.x, y), axis)
            var s = font; s.anchor = .end; s.baseline = .middle
            d.text(tick.label, at: Point(plot.x - 7, y), s)
        }
        let labelTop = plot.maxY + 8
        if categories.isEmpty {
            for tick in xTicks {
                guard let x = x(tick.value) else { continue }
                d.line(Point(x, plot.maxY), Point(x, plot.maxY + 4), axis)
                var s = font; s.anchor = .middle; s.baseline = .top
                d.text(tick.label, at: Point(x, labelTop), s)
            }
        } else {
            for (i, name) in categories.enumerated() {
                let x = categoryX(i)
                d.line(Point(x, plot.maxY), Point(x, plot.maxY + 4), axis)
                guard i % categoryStride == 0 else { continue }
                var s = font
                if categoryRotation != 0 {
                    s.anchor = .end; s.baseline = .middle; s.rotation = categoryRotation
                    d.text(name, at: Point(x, labelTop + 2), s)
                } else {
                    s.anchor = .middle; s.baseline = .top
                    d.text(name, at: Point(x, labelTop), s)
                }
            }
        }
        let titleStyle = TextStyle(size: style.titleFontSize, anchor: .middle, baseline: .baseline)
        if !xTitle.isEmpty {
            d.text(xTitle, at: Point(plot.x + plot.width / 2, style.height - 8), titleStyle)
        }
        if !yTitle.isEmpty {
            var s = titleStyle; s.rotation = 90; s.baseline = .top
            d.text(yTitle, at: Point(8, plot.y + plot.height / 2), s)
        }
        if !title.isEmpty {
            d.text(title, at: Point(style.width / 2, 10), TextStyle(size: style.headingFontSize, anchor: .middle, baseline: .top, bold: true))
        }
        drawLegend(into: &d)
    }

    private func drawLegend(into d: inout Drawing) {
        guard !legend.isEmpty else { return }
        let x = plot.maxX + 14
        var y = plot.y + 4
        let pitch = style.fontSize * 1.5
        for entry in legend {
            d.rect(Rect(x: x, y: y, width: 12, height: 12), fill: entry.color, stroke: nil)
            var s = TextStyle(size: style.fontSize); s.baseline = .middle
            d.text(PlotFrame.shortened(entry.label, toWidth: 180, font: s), at: Point(x + 18, y + 6), s)
            y += pitch
            if y > plot.maxY - pitch { break }
        }
    }

    /// Clips the segment a–b to the plot rectangle (Liang–Barsky); `nil` when entirely outside.
    func clip(_ a: Point, _ b: Point) -> (Point, Point)? {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        let checks = [(-dx, a.x - plot.x), (dx, plot.maxX - a.x), (-dy, a.y - plot.y), (dy, plot.maxY - a.y)]
        for (p, q) in checks {
            if p == 0 { if q < 0 { return nil } } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil }; if r > t0 { t0 = r } } else { if r < t0 { return nil }; if r < t1 { t1 = r } }
            }
        }
        return (Point(a.x + t0 * dx, a.y + t0 * dy), Point(a.x + t1 * dx, a.y + t1 * dy))
    }

    /// Splits a polyline into pieces inside the plot rectangle.
    func clipPolyline(_ points: [Point]) -> [[Point]] {
        var out: [[Point]] = []
        var current: [Point] = []
        for k in 0 ..< max(0, points.count - 1) {
            guard let (a, b) = clip(points[k], points[k + 1]) else {
                if current.count >= 2 { out.append(current) }
                current = []
                continue
            }
            if current.isEmpty { current = [a, b] } else if current.last == a { current.append(b) } else {
                if current.count >= 2 { out.append(current) }
                current = [a, b]
            }
            if b != points[k + 1] { out.append(current); current = [] }
        }
        if current.count >= 2 { out.append(current) }
        return out
    }
}

extension ClosedRange<Double> {
    /// The smallest range containing all finite `values` (`0…1` when there are none).
    static func covering(_ values: some Sequence<Double>) -> ClosedRange<Double> {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite { lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
        return lo <= hi ? lo ... hi : 0 ... 1
    }

    /// The smallest range containing all finite, positive `values` (for log axes).
    static func coveringPositive(_ values: some Sequence<Double>) -> ClosedRange<Double> {
        covering(values.lazy.filter { $0 > 0 })
    }
}
