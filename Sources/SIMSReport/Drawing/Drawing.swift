/// How a line is drawn.
public struct Stroke: Sendable, Hashable {
    /// Colour (with opacity).
    public var color: RGBA
    /// Width in drawing units.
    public var width: Double
    /// Dash pattern (on, off, on, …) in drawing units; empty for a solid line.
    public var dash: [Double]
    /// Creates a stroke.
    public init(_ color: RGBA, width: Double = 1, dash: [Double] = []) {
        self.color = color; self.width = width; self.dash = dash
    }
}

/// Horizontal alignment of text relative to its anchor point.
public enum TextAnchor: String, Sendable, Hashable {
    /// The text starts at the point.
    case start
    /// The text is centred on the point.
    case middle
    /// The text ends at the point.
    case end
}

/// Vertical alignment of text relative to its anchor point.
public enum TextBaseline: String, Sendable, Hashable {
    /// The point is on the baseline.
    case baseline
    /// The point is at half the cap height.
    case middle
    /// The point is at the cap top.
    case top
}

/// How text looks.
public struct TextStyle: Sendable, Hashable {
    /// Font size in drawing units (DejaVu Sans: cap height ≈ 0.73 × size).
    public var size: Double
    /// Colour.
    public var color: RGBA
    /// Horizontal alignment.
    public var anchor: TextAnchor
    /// Vertical alignment.
    public var baseline: TextBaseline
    /// Rotation in degrees, counter-clockwise as seen on screen (90 = reading upwards, for y-axis titles).
    public var rotation: Double
    /// Bold face.
    public var bold: Bool

    /// Creates a style.
    public init(
        size: Double = 12, color: RGBA = .ink, anchor: TextAnchor = .start, baseline: TextBaseline = .baseline,
        rotation: Double = 0, bold: Bool = false
    ) {
        self.size = size; self.color = color; self.anchor = anchor; self.baseline = baseline
        self.rotation = rotation; self.bold = bold
    }

    /// Width of `text` (``TextMarkup``) in drawing units as Pango sets it in DejaVu Sans, the font of every
    /// back end; layout uses it to size margins, legends and label rotation.
    public func width(of text: String) -> Double {
        TextEngine.with { $0.width(of: text, size: size, bold: bold) }
    }

    /// Offset from the anchor point to the baseline, downwards.
    var baselineOffset: Double {
        switch baseline {
        case .baseline: return 0
        case .middle: return 0.365 * size
        case .top: return 0.73 * size
        }
    }
}

/// One element of a drawing.
public enum Primitive: Sendable, Hashable {
    /// An open polyline.
    case polyline([Point], Stroke)
    /// A closed polygon, filled and/or outlined.
    case polygon([Point], fill: RGBA?, stroke: Stroke?)
    /// A rectangle, filled and/or outlined.
    case rect(Rect, fill: RGBA?, stroke: Stroke?)
    /// A circle, filled and/or outlined.
    case circle(center: Point, radius: Double, fill: RGBA?, stroke: Stroke?)
    /// A single line of text in ``TextMarkup`` (plain text plus `<sub>`, `<sup>`, `<b>`, `<i>`).
    case text(String, at: Point, style: TextStyle)
    /// A pixel image stretched over a rectangle (nearest neighbour: every pixel stays a crisp square).
    case image(PixelImage, in: Rect)
}

/// A vector drawing: an ordered list of primitives on a canvas of a given size, rendered by cairo to
/// ``png(scale:)`` and ``pdf()``, and written as editable SVG text by ``svg()``.
public struct Drawing: Sendable, Hashable {
    /// Canvas width in drawing units.
    public var width: Double
    /// Canvas height in drawing units.
    public var height: Double
    /// Background colour (`nil`: transparent).
    public var background: RGBA?
    /// Primitives in painting order.
    public private(set) var primitives: [Primitive] = []

    /// Creates an empty drawing.
    public init(width: Double, height: Double, background: RGBA? = .white) {
        self.width = width; self.height = height; self.background = background
    }

    /// Appends a primitive.
    public mutating func add(_ primitive: Primitive) { primitives.append(primitive) }

    /// Appends all primitives of `other`, shifted by (`dx`, `dy`).
    public mutating func add(_ other: Drawing, dx: Double, dy: Double) {
        for p in other.primitives { primitives.append(p.shifted(dx: dx, dy: dy)) }
    }

    /// A straight line.
    public mutating func line(_ a: Point, _ b: Point, _ stroke: Stroke) { add(.polyline([a, b], stroke)) }

    /// An open polyline.
    public mutating func polyline(_ points: [Point], _ stroke: Stroke) {
        if points.count >= 2 { add(.polyline(points, stroke)) }
    }

    /// A rectangle.
    public mutating func rect(_ rect: Rect, fill: RGBA?, stroke: Stroke? = nil) { add(.rect(rect, fill: fill, stroke: stroke)) }

    /// A circle.
    public mutating func circle(_ center: Point, radius: Double, fill: RGBA?, stroke: Stroke? = nil) {
        add(.circle(center: center, radius: radius, fill: fill, stroke: stroke))
    }

    /// A polygon.
    public mutating func polygon(_ points: [Point], fill: RGBA?, stroke: Stroke? = nil) {
        if points.count >= 3 { add(.polygon(points, fill: fill, stroke: stroke)) }
    }

    /// A line of text (``TextMarkup``: ion names typeset with `<sub>`/`<sup>`).
    public mutating func text(_ string: String, at point: Point, _ style: TextStyle) {
        if !string.isEmpty { add(.text(string, at: point, style: style)) }
    }

    /// A pixel image.
    public mutating func image(_ image: PixelImage, in rect: Rect) { add(.image(image, in: rect)) }
}

extension Primitive {
    func shifted(dx: Double, dy: Double) -> Primitive {
        func s(_ p: Point) -> Point { Point(p.x + dx, p.y + dy) }
        func r(_ q: Rect) -> Rect { Rect(x: q.x + dx, y: q.y + dy, width: q.width, height: q.height) }
        switch self {
        case let .polyline(points, stroke): return .polyline(points.map(s), stroke)
        case let .polygon(points, fill, stroke): return .polygon(points.map(s), fill: fill, stroke: stroke)
        case let .rect(rect, fill, stroke): return .rect(r(rect), fill: fill, stroke: stroke)
        case let .circle(center, radius, fill, stroke): return .circle(center: s(center), radius: radius, fill: fill, stroke: stroke)
        case let .text(string, point, style): return .text(string, at: s(point), style: style)
        case let .image(image, rect): return .image(image, in: r(rect))
        }
    }
}
