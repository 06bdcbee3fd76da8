import Foundation

extension Drawing {
    /// Renders the drawing to pixels. `scale` = device pixels per drawing unit (2 gives sharp figures for
    /// print and high-density screens); shapes are anti-aliased by `supersampling`² samples per pixel.
    public func rasterize(scale: Double = 2, supersampling: Int = 2) -> PixelImage {
        let ss = max(1, supersampling)
        let outW = max(1, Int((width * scale).rounded())), outH = max(1, Int((height * scale).rounded()))
        let k = scale * Double(ss)
        var canvas = RasterCanvas(width: outW * ss, height: outH * ss, background: background)
        func m(_ p: Point) -> Point { Point(p.x * k, p.y * k) }
        func scaled(_ s: Stroke) -> Stroke { Stroke(s.color, width: s.width * k, dash: s.dash.map { $0 * k }) }
        var crispText: [(String, Point, TextStyle)] = []
        for primitive in primitives {
            switch primitive {
            case let .polyline(points, stroke):
                canvas.stroke(points.map(m), scaled(stroke), closed: false)
            case let .polygon(points, fill, stroke):
                if let fill { canvas.fill([points.map(m)], fill) }
                if let stroke { canvas.stroke(points.map(m), scaled(stroke), closed: true) }
            case let .rect(r, fill, stroke):
                let pts = [Point(r.x, r.y), Point(r.maxX, r.y), Point(r.maxX, r.maxY), Point(r.x, r.maxY)].map(m)
                if let fill { canvas.fill([pts], fill) }
                if let stroke { canvas.stroke(pts, scaled(stroke), closed: true) }
            case let .circle(center, radius, fill, stroke):
                let pts = RasterCanvas.circle(m(center), radius: radius * k)
                if let fill { canvas.fill([pts], fill) }
                if let stroke { canvas.stroke(pts, scaled(stroke), closed: true) }
            case let .text(string, point, style):
                let quarter = (style.rotation / 90).rounded()
                if abs(style.rotation - quarter * 90) < 1e-9 {
                    crispText.append((string, point, style))
                } else {
                    canvas.fillRotatedText(string, at: m(point), style: style, scale: k)
                }
            case let .image(image, r):
                canvas.draw(image, in: Rect(x: r.x * k, y: r.y * k, width: r.width * k, height: r.height * k))
            }
        }
        var image = canvas.resolve(factor: ss)
        for (string, point, style) in crispText {
            let cell = max(1, Int((style.size * scale / 10).rounded()))
            image.drawText(string, at: Point(point.x * scale, point.y * scale), style: style, cell: cell)
        }
        return image
    }

    /// PNG bytes of ``rasterize(scale:supersampling:)``.
    public func png(scale: Double = 2) -> Data {
        PNGEncoder.encode(rasterize(scale: scale))
    }
}
