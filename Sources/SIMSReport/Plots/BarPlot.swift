/// Bar plot of one value per category (PCA scores or loadings, explained variance), positive and negative
/// bars in different colours (or one colour per bar, e.g. by sample, with a legend), optional error bars
/// (± value, e.g. one standard deviation).
public struct BarPlot: Figure {
    /// Bars in drawing order: label and value.
    public var bars: [(label: String, value: Double)]
    /// Half-lengths of error bars, one per bar (same unit as the values), or `nil`.
    public var errors: [Double]?
    /// Value-axis title with unit.
    public var yTitle: String
    /// Category-axis title.
    public var xTitle: String
    /// Figure title.
    public var title: String
    /// Colour of bars ≥ 0.
    public var positiveColor: RGBA
    /// Colour of bars < 0.
    public var negativeColor: RGBA
    /// One colour per bar (e.g. its sample's), replacing the sign colours, or `nil`.
    public var colors: [RGBA]?
    /// Legend entries (e.g. one per sample when ``colors`` group the bars); none by default.
    public var legend: [LegendEntry] = []
    /// Size and fonts.
    public var style: FigureStyle

    /// Creates a bar plot.
    public init(
        bars: [(label: String, value: Double)], errors: [Double]? = nil, yTitle: String, xTitle: String = "",
        title: String = "", positiveColor: RGBA = Palette.positive, negativeColor: RGBA = Palette.negative,
        style: FigureStyle = FigureStyle()
    ) {
        self.bars = bars; self.errors = errors; self.yTitle = yTitle; self.xTitle = xTitle; self.title = title
        self.positiveColor = positiveColor; self.negativeColor = negativeColor; self.style = style
    }

    public func drawing() -> Drawing {
        var extents: [Double] = [0]
        for (k, bar) in bars.enumerated() {
            let e = errors.flatMap { k < $0.count ? $0[k] : nil } ?? 0
            extents += [bar.value + abs(e), bar.value - abs(e)]
        }
        let frame = PlotFrame(
            style: style, title: title, x: .categories(bars.map(\.label), title: xTitle),
            y: AxisOptions(title: yTitle, includesZero: true), yDataRange: .covering(extents), legend: legend)
        var d = Drawing(width: style.width, height: style.height)
        frame.drawGrid(into: &d)
        let zero = frame.yClamped(0)
        let half = frame.categoryWidth * 0.38
        for (k, bar) in bars.enumerated() where bar.value.isFinite {
            let cx = frame.categoryX(k)
            let y = frame.yClamped(bar.value)
            d.rect(Rect(x: cx - half, y: min(y, zero), width: 2 * half, height: abs(zero - y)),
                   fill: colors.flatMap { k < $0.count ? $0[k] : nil } ?? (bar.value >= 0 ? positiveColor : negativeColor), stroke: nil)
            if let errors, k < errors.count, errors[k].isFinite, errors[k] > 0 {
                let a = frame.yClamped(bar.value - errors[k]), b = frame.yClamped(bar.value + errors[k])
                let ink = Stroke(.ink, width: 1)
                d.line(Point(cx, a), Point(cx, b), ink)
                d.line(Point(cx - half * 0.4, a), Point(cx + half * 0.4, a), ink)
                d.line(Point(cx - half * 0.4, b), Point(cx + half * 0.4, b), ink)
            }
        }
        d.line(Point(frame.plot.x, zero), Point(frame.plot.maxX, zero), Stroke(.ink, width: 1))
        frame.drawAxes(into: &d)
        return d
    }
}
