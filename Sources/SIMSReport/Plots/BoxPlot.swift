import Foundation

/// Box plot with every data point shown (jittered, deterministic) and optional violins, one box per group
/// (sample). The paper asks for spread, not single spectra: n = 5–10 spots per sample.
///
/// Box: quartiles (``Quantiles``), line: median, whiskers: Tukey 1.5 IQR, diamond: mean; violin: Gaussian KDE
/// with Silverman bandwidth (``KernelDensity``), width proportional to density, cut at the data range.
/// A group with fewer than ``minimumCountForBox`` points shows its points only: quartiles of one or two
/// values draw a box that suggests a spread that was never measured.
public struct BoxPlot: Figure {
    /// The fewest points a group needs for a box, whiskers, median and violin.
    public static let minimumCountForBox = 3

    /// Groups in drawing order: name and values.
    public var groups: [(name: String, values: [Double])]
    /// Title of the value axis including the unit.
    public var yTitle: String
    /// Title of the group axis.
    public var xTitle: String
    /// Figure title.
    public var title: String
    /// Whether to draw violins behind the boxes.
    public var showsViolin: Bool
    /// Value-axis scale.
    public var yScale: AxisScale
    /// Size and fonts.
    public var style: FigureStyle

    /// Creates a box plot.
    public init(
        groups: [(name: String, values: [Double])], yTitle: String, xTitle: String = "", title: String = "",
        showsViolin: Bool = false, yScale: AxisScale = .linear, style: FigureStyle = FigureStyle()
    ) {
        self.groups = groups; self.yTitle = yTitle; self.xTitle = xTitle; self.title = title
        self.showsViolin = showsViolin; self.yScale = yScale; self.style = style
    }

    public func drawing() -> Drawing {
        let all = groups.flatMap(\.values)
        let range: ClosedRange<Double> = yScale == .log ? .coveringPositive(all) : .covering(all)
        let frame = PlotFrame(
            style: style, title: title, x: .categories(groups.map(\.name), title: xTitle),
            y: AxisOptions(title: yTitle, scale: yScale), yDataRange: range)
        var d = Drawing(width: style.width, height: style.height)
        frame.drawGrid(into: &d)
        let slot = frame.categoryWidth
        let half = min(40, slot * 0.3)
        for (i, group) in groups.enumerated() {
            let color = Palette.color(i)
            let cx = frame.categoryX(i)
            let values = group.values.filter { $0.isFinite && (yScale == .linear || $0 > 0) }
            guard !values.isEmpty else { continue }
            let q = Quantiles(values)
            let boxed = values.count >= BoxPlot.minimumCountForBox
            if showsViolin, boxed {
                let kde = KernelDensity(values)
                if kde.bandwidth > 0, let lo = q.sorted.first, let hi = q.sorted.last {
                    let samples = (0 ... 60).map { lo + (hi - lo) * Double($0) / 60 }
                    let dens = samples.map { kde.density(at: $0) }
                    let peak = dens.max() ?? 1
                    let vHalf = min(slot * 0.45, half * 1.4)
                    var right: [Point] = [], left: [Point] = []
                    for (v, f) in zip(samples, dens) {
                        let y = frame.yClamped(v)
                        let w = peak > 0 ? f / peak * vHalf : 0
                        right.append(Point(cx + w, y)); left.append(Point(cx - w, y))
                    }
                    d.polygon(right + left.reversed(), fill: color.opacity(0.18), stroke: Stroke(color.opacity(0.6), width: 1))
                }
            }
            // Box and whiskers.
            if boxed {
                let y1 = frame.yClamped(q.lowerQuartile), y3 = frame.yClamped(q.upperQuartile)
                let w = q.whiskers
                let ink = Stroke(.ink, width: 1.2)
                d.line(Point(cx, frame.yClamped(w.upperBound)), Point(cx, y3), ink)
                d.line(Point(cx, y1), Point(cx, frame.yClamped(w.lowerBound)), ink)
                for v in [w.lowerBound, w.upperBound] {
                    let y = frame.yClamped(v)
                    d.line(Point(cx - half * 0.4, y), Point(cx + half * 0.4, y), ink)
                }
                d.rect(Rect(x: cx - half, y: y3, width: 2 * half, height: max(0.5, y1 - y3)), fill: color.opacity(0.25), stroke: Stroke(.ink, width: 1.2))
                let ym = frame.yClamped(q.median)
                d.line(Point(cx - half, ym), Point(cx + half, ym), Stroke(.ink, width: 2))
            }
            // Points, jittered horizontally (deterministic per group).
            var jitter = DeterministicJitter(seed: UInt64(i) &* 7919 &+ UInt64(values.count))
            for v in values {
                let x = cx + jitter.next() * half * 0.8
                d.circle(Point(x, frame.yClamped(v)), radius: 3, fill: color.opacity(0.85), stroke: Stroke(.white, width: 0.6))
            }
            // Mean.
            let mean = values.reduce(0, +) / Double(values.count)
            let my = frame.yClamped(mean)
            d.polygon([Point(cx + half + 7, my - 4), Point(cx + half + 11, my), Point(cx + half + 7, my + 4), Point(cx + half + 3, my)],
                      fill: .ink, stroke: nil)
        }
        frame.drawAxes(into: &d)
        return d
    }
}
