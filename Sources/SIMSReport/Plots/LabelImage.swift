/// A label image (segmented phases, clusters) in discrete colours with a legend; labels < 0 are unlabelled
/// and drawn white. Optionally shows each label's area fraction in the legend.
public struct LabelImage: Figure {
    /// Pixels along x.
    public var width: Int
    /// Pixels along y.
    public var height: Int
    /// Labels row-major, x fastest, first row at the top (0, 1, 2, … index into ``names``; < 0 = none).
    public var labels: [Int]
    /// Name of each label.
    public var names: [String]
    /// Figure title.
    public var title: String
    /// Whether the legend shows area fractions in %.
    public var showsFractions: Bool
    /// Pixel size in µm for the scale bar.
    public var pixelSizeMicrometers: Double?
    /// Size and fonts.
    public var style: FigureStyle

    /// Creates a label image. Precondition: `labels.count == width × height`.
    public init(width: Int, height: Int, labels: [Int], names: [String], title: String = "", showsFractions: Bool = true,
                pixelSizeMicrometers: Double? = nil, style: FigureStyle = FigureStyle(width: 560, height: 440)) {
        precondition(labels.count == width * height, "LabelImage: labels must hold width × height pixels")
        self.width = width; self.height = height; self.labels = labels; self.names = names; self.title = title
        self.showsFractions = showsFractions; self.pixelSizeMicrometers = pixelSizeMicrometers; self.style = style
    }

    /// The coloured labels.
    public func pixels() -> PixelImage {
        var img = PixelImage(width: width, height: height, fill: .white)
        for (i, label) in labels.enumerated() where label >= 0 {
            img[i % max(1, width), i / max(1, width)] = Palette.color(label)
        }
        return img
    }

    /// Legend text of label `k`.
    func legendText(_ k: Int) -> String {
        guard showsFractions, !labels.isEmpty else { return names[k] }
        let count = labels.reduce(0) { $0 + ($1 == k ? 1 : 0) }
        let percent = Double(count) / Double(labels.count) * 100
        return PlotFrame.shortened(names[k], toWidth: 160, font: TextStyle(size: style.fontSize)) + " (" + NiceTicks.label(percent, step: 0.1) + " %)"
    }

    public func drawing() -> Drawing {
        ImageLayout.legendFigure(style: style, title: title, image: pixels(), pixelSizeMicrometers: pixelSizeMicrometers,
                                 legend: names.indices.map { LegendEntry(legendText($0), Palette.color($0)) })
    }
}
