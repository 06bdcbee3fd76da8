/// Two or three ion images overlaid as red, green and blue channels (each scaled to its own display range),
/// with a legend naming the channel ions and an optional scale bar.
public struct RGBOverlay: Figure {
    /// Pixels along x.
    public var width: Int
    /// Pixels along y.
    public var height: Int
    /// 2–3 channels (name, values row-major); the first is red, then green, then blue.
    public var channels: [(name: String, values: [Double])]
    /// Figure title.
    public var title: String
    /// Upper end of each channel's range as a quantile (1 = maximum).
    public var upperQuantile: Double
    /// Pixel size in µm for the scale bar.
    public var pixelSizeMicrometers: Double?
    /// Size and fonts.
    public var style: FigureStyle

    /// Creates an overlay. Precondition: 1–3 channels of `width × height` values.
    public init(width: Int, height: Int, channels: [(name: String, values: [Double])], title: String = "",
                upperQuantile: Double = 0.999, pixelSizeMicrometers: Double? = nil,
                style: FigureStyle = FigureStyle(width: 560, height: 440)) {
        precondition((1 ... 3).contains(channels.count) && channels.allSatisfy { $0.values.count == width * height },
                     "RGBOverlay: 1–3 channels of width × height values")
        self.width = width; self.height = height; self.channels = channels; self.title = title
        self.upperQuantile = upperQuantile; self.pixelSizeMicrometers = pixelSizeMicrometers; self.style = style
    }

    static let channelColors = [RGBA(255, 0, 0), RGBA(0, 255, 0), RGBA(0, 0, 255)]

    /// The composite (black where all channels are at their minimum).
    public func pixels() -> PixelImage {
        var img = PixelImage(width: width, height: height, fill: .black)
        for (c, channel) in channels.enumerated() {
            let r = displayRange(channel.values, upperQuantile: upperQuantile)
            let span = r.upperBound - r.lowerBound
            for (i, v) in channel.values.enumerated() {
                let t = v.isFinite && span > 0 ? min(1, max(0, (v - r.lowerBound) / span)) : 0
                img.bytes[i * 4 + c] = UInt8((t * 255).rounded())
            }
        }
        return img
    }

    public func drawing() -> Drawing {
        ImageLayout.legendFigure(style: style, title: title, image: pixels(), pixelSizeMicrometers: pixelSizeMicrometers,
                                 legend: channels.enumerated().map { LegendEntry(PlotFrame.shortened($1.name, toWidth: 160, font: TextStyle(size: style.fontSize)), RGBOverlay.channelColors[$0]) })
    }
}
