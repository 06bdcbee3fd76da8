import Foundation

/// Shared layout of image figures: title on top, the image (square pixels, aspect kept) on the left, a panel
/// (colour bar or legend) on the right, an optional scale bar inside the image's lower-left corner.
struct ImageLayout {
    let style: FigureStyle
    let imageRect: Rect
    let panelX: Double

    init(style: FigureStyle, title: String, pixelsWide: Int, pixelsHigh: Int, panelWidth: Double) {
        self.style = style
        let top = 10 + (title.isEmpty ? 0 : style.headingFontSize * 1.2 + 8)
        let availableW = max(40, style.width - 20 - panelWidth)
        let availableH = max(40, style.height - top - 12)
        let aspect = Double(max(1, pixelsWide)) / Double(max(1, pixelsHigh))
        var w = availableW, h = w / aspect
        if h > availableH { h = availableH; w = h * aspect }
        imageRect = Rect(x: 12 + (availableW - w) / 2, y: top, width: w, height: h)
        panelX = imageRect.maxX + 16
    }

    /// A whole image figure with a legend panel of colour swatches (label images, RGB overlays): title, framed
    /// image, scale bar, then one swatch per entry down the panel while it fits beside the image.
    static func legendFigure(style: FigureStyle, title: String, image: PixelImage, pixelSizeMicrometers: Double?,
                             legend: [LegendEntry]) -> Drawing {
        let font = TextStyle(size: style.fontSize)
        let panelWidth = 22 + (legend.map { font.width(of: $0.label) }.max() ?? 0) + 8
        let layout = ImageLayout(style: style, title: title, pixelsWide: image.width, pixelsHigh: image.height, panelWidth: panelWidth)
        var d = Drawing(width: style.width, height: layout.canvasHeight)
        layout.drawTitle(title, into: &d)
        d.image(image, in: layout.imageRect)
        d.rect(layout.imageRect, fill: nil, stroke: Stroke(.ink, width: 1))
        layout.drawScaleBar(pixelSize: pixelSizeMicrometers, pixelsWide: image.width, into: &d)
        var label = font
        label.baseline = .middle
        for (k, entry) in legend.enumerated() {
            let y = layout.imageRect.y + 4 + Double(k) * style.fontSize * 1.6
            guard y < layout.imageRect.maxY - 12 else { break }
            d.rect(Rect(x: layout.panelX, y: y, width: 12, height: 12), fill: entry.color, stroke: Stroke(.ink, width: 0.5))
            d.text(entry.label, at: Point(layout.panelX + 18, y + 6), label)
        }
        return d
    }

    /// Canvas height: the requested height, shrunk to the image when the image is wide.
    var canvasHeight: Double { min(style.height, (imageRect.maxY + 12).rounded(.up)) }

    func drawTitle(_ title: String, into d: inout Drawing) {
        guard !title.isEmpty else { return }
        d.text(title, at: Point(style.width / 2, 10), TextStyle(size: style.headingFontSize, anchor: .middle, baseline: .top, bold: true))
    }

    /// The scale-bar length: the largest 1, 2 or 5 × 10ᵏ µm not longer than a quarter of the field of view.
    static func scaleBarLength(fieldOfView: Double) -> Double {
        guard fieldOfView > 0, fieldOfView.isFinite else { return 0 }
        let target = fieldOfView / 4
        let base = pow(10, floor(log10(target)))
        for m in [5.0, 2.0, 1.0] where m * base <= target * (1 + 1e-12) { return m * base }
        return base
    }

    /// Draws a scale bar for an image `pixelsWide` pixels of `pixelSize` µm.
    func drawScaleBar(pixelSize: Double?, pixelsWide: Int, into d: inout Drawing) {
        guard let pixelSize, pixelSize > 0, pixelsWide > 0 else { return }
        let fov = pixelSize * Double(pixelsWide)
        let length = ImageLayout.scaleBarLength(fieldOfView: fov)
        guard length > 0 else { return }
        let barW = length / fov * imageRect.width
        let label = NiceTicks.label(length, step: length) + " µm"
        let font = TextStyle(size: style.fontSize, color: .white, anchor: .middle, baseline: .baseline, bold: true)
        let boxW = max(barW, font.width(of: label)) + 12
        let box = Rect(x: imageRect.x + 6, y: imageRect.maxY - 6 - (style.fontSize + 16), width: boxW, height: style.fontSize + 16)
        d.rect(box, fill: RGBA.black.opacity(0.55), stroke: nil)
        let barY = box.maxY - 6
        d.rect(Rect(x: box.x + (boxW - barW) / 2, y: barY - 3, width: barW, height: 3), fill: .white, stroke: nil)
        d.text(label, at: Point(box.x + boxW / 2, barY - 6), font)
    }
}

/// The 1 … 99.x percentile-free robust display range of image values: finite minimum to finite maximum,
/// or to the `upperQuantile` quantile when < 1 (saturating a few hot pixels).
func displayRange(_ values: some Collection<Double>, upperQuantile: Double) -> ClosedRange<Double> {
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), var hi = finite.max() else { return 0 ... 1 }
    if upperQuantile < 1 { hi = Quantiles(finite).quantile(upperQuantile) }
    if hi <= lo { hi = lo + 1 }
    return lo ... hi
}
