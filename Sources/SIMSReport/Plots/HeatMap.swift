import Foundation

/// Ion image or any 2-D map in a perceptually uniform colour map, with a colour bar (nice ticks) and
/// optional scale bar in µm. Pixels are drawn as crisp squares (no smoothing).
public struct HeatMap: Figure {
    /// Pixels along x.
    public var width: Int
    /// Pixels along y.
    public var height: Int
    /// Values row-major, x fastest, first row at the top; NaN pixels are transparent.
    public var values: [Double]
    /// Figure title (e.g. the ion).
    public var title: String
    /// Colour-bar title with unit (e.g. `"counts"`, `"ratio to total"`).
    public var valueTitle: String
    /// Colour map.
    public var colorMap: ColorMap
    /// Value range mapped to the ends of the colour map; `nil` = data minimum to ``upperQuantile``.
    public var range: ClosedRange<Double>?
    /// Upper end of the automatic range as a quantile of the values (1 = maximum; 0.999 saturates hot pixels).
    public var upperQuantile: Double
    /// Pixel size in µm for the scale bar; `nil` = no scale bar.
    public var pixelSizeMicrometers: Double?
    /// Size and fonts.
    public var style: FigureStyle

    /// Creates a heat map. Precondition: `values.count == width × height`.
    public init(
        width: Int, height: Int, values: [Double], title: String = "", valueTitle: String = "counts",
        colorMap: ColorMap = .viridis, range: ClosedRange<Double>? = nil, upperQuantile: Double = 1,
        pixelSizeMicrometers: Double? = nil, style: FigureStyle = FigureStyle(width: 520, height: 440)
    ) {
        precondition(values.count == width * height, "HeatMap: values must hold width × height pixels")
        self.width = width; self.height = height; self.values = values; self.title = title
        self.valueTitle = valueTitle; self.colorMap = colorMap; self.range = range
        self.upperQuantile = upperQuantile; self.pixelSizeMicrometers = pixelSizeMicrometers; self.style = style
    }

    /// A heat map of an ion image (title = ion, scale bar from its field of view).
    public init(image: IonImage, valueTitle: String = "counts", colorMap: ColorMap = .viridis, upperQuantile: Double = 1,
                style: FigureStyle = FigureStyle(width: 520, height: 440)) {
        self.init(width: image.width, height: image.height, values: Array(image.counts), title: image.ion,
                  valueTitle: valueTitle, colorMap: colorMap, upperQuantile: upperQuantile,
                  pixelSizeMicrometers: image.pixelSizeMicrometers, style: style)
    }

    /// The image coloured by the map over the display range (no axes).
    public func pixels() -> PixelImage {
        let r = range ?? displayRange(values, upperQuantile: upperQuantile)
        var img = PixelImage(width: width, height: height)
        let span = r.upperBound - r.lowerBound
        for (i, v) in values.enumerated() {
            let c = v.isFinite ? colorMap.color(at: span > 0 ? (v - r.lowerBound) / span : 0) : .clear
            img[i % max(1, width), i / max(1, width)] = c
        }
        return img
    }

    public func drawing() -> Drawing {
        let font = TextStyle(size: style.fontSize)
        let r = range ?? displayRange(values, upperQuantile: upperQuantile)
        let t = NiceTicks.linear(r.lowerBound, r.upperBound, target: max(4, Int(style.height / 60)))
        let ticks = t.ticks.filter { $0 >= r.lowerBound - t.step * 1e-9 && $0 <= r.upperBound + t.step * 1e-9 }
        let labels = NiceTicks.labels(ticks, step: t.step)
        let labelW = labels.map { font.width(of: $0) }.max() ?? 0
        let panelWidth = 16 + 6 + labelW + 8 + style.titleFontSize * 1.2 + 8
        let layout = ImageLayout(style: style, title: title, pixelsWide: width, pixelsHigh: height, panelWidth: panelWidth)
        var d = Drawing(width: style.width, height: layout.canvasHeight)
        layout.drawTitle(title, into: &d)
        d.image(pixels(), in: layout.imageRect)
        d.rect(layout.imageRect, fill: nil, stroke: Stroke(.ink, width: 1))
        layout.drawScaleBar(pixelSize: pixelSizeMicrometers, pixelsWide: width, into: &d)
        // Colour bar.
        var gradient = PixelImage(width: 1, height: 256)
        for k in 0 ..< 256 { gradient[0, 255 - k] = colorMap.color(at: (Double(k) + 0.5) / 256) }
        let bar = Rect(x: layout.panelX, y: layout.imageRect.y, width: 16, height: layout.imageRect.height)
        d.image(gradient, in: bar)
        d.rect(bar, fill: nil, stroke: Stroke(.ink, width: 1))
        let span = r.upperBound - r.lowerBound
        for (v, label) in zip(ticks, labels) {
            let y = bar.maxY - (v - r.lowerBound) / span * bar.height
            d.line(Point(bar.maxX, y), Point(bar.maxX + 4, y), Stroke(.ink, width: 1))
            var s = font; s.baseline = .middle
            d.text(label, at: Point(bar.maxX + 6, y), s)
        }
        if !valueTitle.isEmpty {
            let s = TextStyle(size: style.titleFontSize, anchor: .middle, baseline: .top, rotation: -90)
            d.text(valueTitle, at: Point(bar.maxX + 6 + labelW + 8 + style.titleFontSize * 1.0, bar.center.y), s)
        }
        return d
    }
}
