import Foundation

/// A confidence ellipse of a bivariate normal: centre, covariance and coverage.
///
/// Points x with (x − μ)ᵀ Σ⁻¹ (x − μ) ≤ χ²₂(p); for 2 degrees of freedom χ²₂(p) = −2 ln(1 − p)
/// (5.991 for p = 0.95). Semi-axes √(χ² λᵢ) along the eigenvectors of Σ.
public struct ConfidenceEllipse: Sendable, Hashable {
    /// Centre (x, y).
    public var center: Point
    /// Covariance entries σ²ₓ, σₓᵧ, σ²ᵧ.
    public var varianceX: Double, covariance: Double, varianceY: Double
    /// Coverage probability (0.95 for a 95 % ellipse).
    public var level: Double

    /// Creates an ellipse.
    public init(center: Point, varianceX: Double, covariance: Double, varianceY: Double, level: Double = 0.95) {
        self.center = center; self.varianceX = varianceX; self.covariance = covariance
        self.varianceY = varianceY; self.level = level
    }

    /// Boundary points in data coordinates (`count` points, closed implicitly).
    public func boundary(count: Int = 72) -> [Point] {
        let chi2 = -2 * log(1 - min(max(level, 1e-9), 1 - 1e-12))
        let tr = varianceX + varianceY, det = varianceX * varianceY - covariance * covariance
        let disc = max(0, tr * tr / 4 - det).squareRoot()
        let l1 = max(0, tr / 2 + disc), l2 = max(0, tr / 2 - disc)
        // Eigenvector of l1.
        var (vx, vy) = covariance != 0 ? (l1 - varianceY, covariance) : (varianceX >= varianceY ? (1.0, 0.0) : (0.0, 1.0))
        let norm = (vx * vx + vy * vy).squareRoot()
        if norm > 0 { vx /= norm; vy /= norm }
        let a = (chi2 * l1).squareRoot(), b = (chi2 * l2).squareRoot()
        return (0 ..< count).map { k in
            let t = Double(k) / Double(count) * 2 * Double.pi
            let u = a * cos(t), v = b * sin(t)
            return Point(center.x + u * vx - v * vy, center.y + u * vy + v * vx)
        }
    }
}

/// Scatter plot of groups of points (e.g. PCA scores coloured by sample) with optional confidence ellipses.
public struct ScatterPlot: Figure {
    /// One group of points.
    public struct Group: Sendable {
        /// Legend label.
        public var name: String
        /// Points (x, y) in data units.
        public var points: [Point]
        /// Optional ellipse, drawn in the group's colour.
        public var ellipse: ConfidenceEllipse?
        /// Creates a group.
        public init(name: String, points: [Point], ellipse: ConfidenceEllipse? = nil) {
            self.name = name; self.points = points; self.ellipse = ellipse
        }
    }

    /// Groups in drawing order.
    public var groups: [Group]
    /// x axis.
    public var xAxis: AxisOptions
    /// y axis.
    public var yAxis: AxisOptions
    /// Figure title.
    public var title: String
    /// Size and fonts.
    public var style: FigureStyle

    /// Creates a scatter plot.
    public init(groups: [Group], xAxis: AxisOptions, yAxis: AxisOptions, title: String = "", style: FigureStyle = FigureStyle()) {
        self.groups = groups; self.xAxis = xAxis; self.yAxis = yAxis; self.title = title; self.style = style
    }

    public func drawing() -> Drawing {
        var xs: [Double] = [], ys: [Double] = []
        for g in groups {
            for p in g.points { xs.append(p.x); ys.append(p.y) }
            for p in g.ellipse?.boundary() ?? [] { xs.append(p.x); ys.append(p.y) }
        }
        let frame = PlotFrame(
            style: style, title: title, x: .numeric(xAxis, dataRange: .covering(xs)), y: yAxis,
            yDataRange: .covering(ys), legend: groups.enumerated().map { LegendEntry($1.name, Palette.color($0)) })
        var d = Drawing(width: style.width, height: style.height)
        frame.drawGrid(into: &d)
        for (i, g) in groups.enumerated() {
            let color = Palette.color(i)
            if let e = g.ellipse {
                let pts = e.boundary().compactMap { p -> Point? in
                    guard let x = frame.x(p.x), let y = frame.y(p.y) else { return nil }
                    return Point(x, y)
                }
                if pts.count >= 3 {
                    d.polygon(pts, fill: color.opacity(0.10), stroke: Stroke(color, width: 1.2, dash: [5, 3]))
                }
            }
            for p in g.points {
                guard let x = frame.x(p.x), let y = frame.y(p.y) else { continue }
                guard x >= frame.plot.x - 0.5, x <= frame.plot.maxX + 0.5, y >= frame.plot.y - 0.5, y <= frame.plot.maxY + 0.5 else { continue }
                d.circle(Point(x, y), radius: 3.5, fill: color.opacity(0.85), stroke: Stroke(.white, width: 0.6))
            }
        }
        frame.drawAxes(into: &d)
        return d
    }
}
