import Foundation

/// A software rasteriser for ``Drawing``: polygons are filled by scanline (non-zero winding) on a
/// supersampled canvas (anti-aliasing by box-filter downsampling), lines become quadrilaterals, circles
/// polygons. Upright and quarter-turn text is drawn afterwards with ``BitmapFont`` at an integer pixel size
/// so it stays crisp; text at other angles is filled as rotated glyph cells on the supersampled canvas.
struct RasterCanvas {
    let width: Int
    let height: Int
    /// Accumulation buffer, RGB(A) in 0…1, premultiplied, `width × height × 4`.
    var buffer: [Float]

    init(width: Int, height: Int, background: RGBA?) {
        self.width = width; self.height = height
        buffer = [Float](repeating: 0, count: width * height * 4)
        if let bg = background {
            let a = Float(bg.alpha) / 255
            let c = (Float(bg.red) / 255 * a, Float(bg.green) / 255 * a, Float(bg.blue) / 255 * a, a)
            buffer.withUnsafeMutableBufferPointer { buf in
                for i in stride(from: 0, to: buf.count, by: 4) {
                    buf[i] = c.0; buf[i + 1] = c.1; buf[i + 2] = c.2; buf[i + 3] = c.3
                }
            }
        }
    }

    /// Source-over blend of `color` into pixel `i` with extra coverage `coverage` (0…1).
    @inline(__always)
    mutating func blend(_ index: Int, _ color: (Float, Float, Float, Float), coverage: Float = 1) {
        let a = color.3 * coverage
        let i = index * 4
        let keep = 1 - a
        buffer[i] = color.0 * a + buffer[i] * keep
        buffer[i + 1] = color.1 * a + buffer[i + 1] * keep
        buffer[i + 2] = color.2 * a + buffer[i + 2] * keep
        buffer[i + 3] = a + buffer[i + 3] * keep
    }

    static func components(_ c: RGBA) -> (Float, Float, Float, Float) {
        (Float(c.red) / 255, Float(c.green) / 255, Float(c.blue) / 255, Float(c.alpha) / 255)
    }

    /// Fills a set of closed contours with the non-zero winding rule; pixel (x, y) is inside when its centre is.
    mutating func fill(_ contours: [[Point]], _ color: RGBA) {
        guard color.alpha > 0 else { return }
        let c = RasterCanvas.components(color)
        let alpha = c.3, keep = 1 - c.3
        var minY = Double.infinity, maxY = -Double.infinity
        var edges: [(x0: Double, y0: Double, x1: Double, y1: Double, dir: Int)] = []
        for contour in contours where contour.count >= 2 {
            for k in 0 ..< contour.count {
                let a = contour[k], b = contour[(k + 1) % contour.count]
                guard a.y != b.y, a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { continue }
                if a.y < b.y { edges.append((a.x, a.y, b.x, b.y, 1)) } else { edges.append((b.x, b.y, a.x, a.y, -1)) }
                minY = min(minY, a.y, b.y); maxY = max(maxY, a.y, b.y)
            }
        }
        guard !edges.isEmpty else { return }
        let rowStart = max(0, Int((minY - 0.5).rounded(.up)))
        let rowEnd = min(height - 1, Int((maxY - 0.5).rounded(.down)))
        guard rowStart <= rowEnd else { return }
        // Active-edge list over edges sorted by their top: each row only looks at the edges it crosses.
        edges.sort { $0.y0 < $1.y0 }
        var next = 0
        var active: [Int] = []
        var crossings: [(x: Double, dir: Int)] = []
        for row in rowStart ... rowEnd {
            let y = Double(row) + 0.5
            while next < edges.count && edges[next].y0 <= y { active.append(next); next += 1 }
            active.removeAll { edges[$0].y1 <= y }
            crossings.removeAll(keepingCapacity: true)
            for k in active {
                let e = edges[k]
                guard y >= e.y0 && y < e.y1 else { continue }
                let t = (y - e.y0) / (e.y1 - e.y0)
                crossings.append((e.x0 + t * (e.x1 - e.x0), e.dir))
            }
            guard crossings.count >= 2 else { continue }
            crossings.sort { $0.x < $1.x }
            var winding = 0
            let w = width
            buffer.withUnsafeMutableBufferPointer { buf in
                for k in 0 ..< crossings.count - 1 {
                    winding += crossings[k].dir
                    guard winding != 0 else { continue }
                    let x0 = max(0, Int((crossings[k].x - 0.5).rounded(.up)))
                    let x1 = min(w - 1, Int((crossings[k + 1].x - 0.5).rounded(.up)) - 1)
                    guard x0 <= x1 else { continue }
                    var i = (row * w + x0) * 4
                    for _ in x0 ... x1 {
                        buf[i] = c.0 * alpha + buf[i] * keep
                        buf[i + 1] = c.1 * alpha + buf[i + 1] * keep
                        buf[i + 2] = c.2 * alpha + buf[i + 2] * keep
                        buf[i + 3] = alpha + buf[i + 3] * keep
                        i += 4
                    }
                }
            }
        }
    }

    /// Strokes an open or closed polyline of width `stroke.width` (already in canvas pixels).
    mutating func stroke(_ points: [Point], _ stroke: Stroke, closed: Bool) {
        var path = points
        if closed, let first = points.first { path.append(first) }
        let segments = stroke.dash.isEmpty ? [path] : RasterCanvas.dashed(path, pattern: stroke.dash)
        let w = max(stroke.width, 0.75) / 2
        var quads: [[Point]] = []
        for seg in segments where seg.count >= 2 {
            for k in 0 ..< seg.count - 1 {
                let a = seg[k], b = seg[k + 1]
                let dx = b.x - a.x, dy = b.y - a.y
                let len = (dx * dx + dy * dy).squareRoot()
                guard len > 0 else { continue }
                let nx = -dy / len * w, ny = dx / len * w
                quads.append([Point(a.x + nx, a.y + ny), Point(b.x + nx, b.y + ny), Point(b.x - nx, b.y - ny), Point(a.x - nx, a.y - ny)])
                if w > 1.2 && k + 1 < seg.count - 1 { quads.append(RasterCanvas.circle(b, radius: w)) }
            }
        }
        // One fill call per stroke (overlapping pieces of a semi-transparent line do not darken each other);
        // all pieces oriented alike so that the non-zero rule forms their union.
        fill(quads.map(RasterCanvas.oriented), stroke.color)
    }

    static func dashed(_ path: [Point], pattern: [Double]) -> [[Point]] {
        let total = pattern.reduce(0, +)
        guard total > 0 else { return [path] }
        var out: [[Point]] = []
        var current: [Point] = []
        var index = 0, remaining = pattern[0], on = true
        if on, let first = path.first { current = [first] }
        for k in 0 ..< path.count - 1 {
            var a = path[k]
            let b = path[k + 1]
            var len = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            while len > remaining {
                let t = remaining / len
                let p = Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
                if on { current.append(p); out.append(current); current = [] } else { current = [p] }
                on.toggle()
                len -= remaining
                a = p
                index = (index + 1) % pattern.count
                remaining = pattern[index]
            }
            remaining -= len
            if on { current.append(b) }
        }
        if on && current.count >= 2 { out.append(current) }
        return out
    }

    /// The contour with positive signed area (reversed if needed).
    static func oriented(_ contour: [Point]) -> [Point] {
        var area = 0.0
        for k in 0 ..< contour.count {
            let a = contour[k], b = contour[(k + 1) % contour.count]
            area += a.x * b.y - b.x * a.y
        }
        return area < 0 ? contour.reversed() : contour
    }

    static func circle(_ center: Point, radius: Double) -> [Point] {
        let n = max(12, min(96, Int(radius * 2)))
        return (0 ..< n).map { k in
            let t = Double(k) / Double(n) * 2 * Double.pi
            return Point(center.x + radius * cos(t), center.y + radius * sin(t))
        }
    }

    /// Draws `image` over `rect` (canvas pixels), nearest neighbour.
    mutating func draw(_ image: PixelImage, in rect: Rect) {
        guard image.width > 0, image.height > 0, rect.width > 0, rect.height > 0 else { return }
        let x0 = max(0, Int((rect.x - 0.5).rounded(.up))), x1 = min(width - 1, Int((rect.maxX - 0.5).rounded(.up)) - 1)
        let y0 = max(0, Int((rect.y - 0.5).rounded(.up))), y1 = min(height - 1, Int((rect.maxY - 0.5).rounded(.up)) - 1)
        guard x0 <= x1, y0 <= y1 else { return }
        let srcW = image.width, srcH = image.height, w = width
        let xs = (x0 ... x1).map { x in min(srcW - 1, max(0, Int((Double(x) + 0.5 - rect.x) / rect.width * Double(srcW)))) }
        image.bytes.withUnsafeBufferPointer { src in
            buffer.withUnsafeMutableBufferPointer { buf in
                for y in y0 ... y1 {
                    let sy = min(srcH - 1, max(0, Int((Double(y) + 0.5 - rect.y) / rect.height * Double(srcH))))
                    var o = (y * w + x0) * 4
                    for sx in xs {
                        let s = (sy * srcW + sx) * 4
                        let a = Float(src[s + 3]) / 255, keep = 1 - a
                        buf[o] = Float(src[s]) / 255 * a + buf[o] * keep
                        buf[o + 1] = Float(src[s + 1]) / 255 * a + buf[o + 1] * keep
                        buf[o + 2] = Float(src[s + 2]) / 255 * a + buf[o + 2] * keep
                        buf[o + 3] = a + buf[o + 3] * keep
                        o += 4
                    }
                }
            }
        }
    }

    /// Glyph cells of `text` as rectangles in text space (origin at the anchor-adjusted baseline start),
    /// `cell` = size of one font pixel.
    static func glyphCells(_ text: String, cell: Double) -> [(x: Double, y: Double)] {
        var cells: [(Double, Double)] = []
        for (i, ch) in text.enumerated() {
            let cols = BitmapFont.columns(of: ch)
            for (c, bits) in cols.enumerated() where bits != 0 {
                for r in 0 ..< BitmapFont.rows where bits & (1 << r) != 0 {
                    cells.append((Double(i * BitmapFont.advance + c) * cell, Double(r - BitmapFont.capRows) * cell))
                }
            }
        }
        return cells
    }

    /// Draws text with rotation by filling rotated glyph cells (for angles that are not quarter turns).
    mutating func fillRotatedText(_ text: String, at p: Point, style: TextStyle, scale: Double) {
        let cell = style.size * scale / 10
        let w = Double(text.count * BitmapFont.advance - 1) * cell
        let dx: Double = style.anchor == .start ? 0 : style.anchor == .middle ? -w / 2 : -w
        let dy = style.baselineOffset * scale
        let t = -style.rotation * Double.pi / 180
        let (cs, sn) = (cos(t), sin(t))
        func map(_ x: Double, _ y: Double) -> Point { Point(p.x + cs * x - sn * y, p.y + sn * x + cs * y) }
        var quads: [[Point]] = []
        for (gx, gy) in RasterCanvas.glyphCells(text, cell: cell) {
            let x = gx + dx, y = gy + dy
            quads.append([map(x, y), map(x + cell, y), map(x + cell, y + cell), map(x, y + cell)])
        }
        fill(quads, style.color)
        if style.bold {
            fill(quads.map { $0.map { Point($0.x + cs * cell * 0.5, $0.y + sn * cell * 0.5) } }, style.color)
        }
    }

    /// Downsamples by `factor` (box filter) into straight-alpha 8-bit RGBA.
    func resolve(factor: Int) -> PixelImage {
        let w = width / factor, h = height / factor
        var out = PixelImage(width: w, height: h)
        let n = Float(factor * factor)
        let fullWidth = width
        buffer.withUnsafeBufferPointer { buf in
            out.bytes.withUnsafeMutableBufferPointer { dst in
                for y in 0 ..< h {
                    for x in 0 ..< w {
                        var acc: (Float, Float, Float, Float) = (0, 0, 0, 0)
                        for sy in 0 ..< factor {
                            var i = ((y * factor + sy) * fullWidth + x * factor) * 4
                            for _ in 0 ..< factor {
                                acc.0 += buf[i]; acc.1 += buf[i + 1]; acc.2 += buf[i + 2]; acc.3 += buf[i + 3]
                                i += 4
                            }
                        }
                        let a = acc.3 / n
                        let o = (y * w + x) * 4
                        if a > 0 {
                            dst[o] = UInt8(min(255, (acc.0 / n / a * 255).rounded()))
                            dst[o + 1] = UInt8(min(255, (acc.1 / n / a * 255).rounded()))
                            dst[o + 2] = UInt8(min(255, (acc.2 / n / a * 255).rounded()))
                        }
                        dst[o + 3] = UInt8(min(255, (a * 255).rounded()))
                    }
                }
            }
        }
        return out
    }
}

extension PixelImage {
    /// Draws crisp bitmap text (upright or quarter-turn) with integer glyph cells of `cell` pixels.
    mutating func drawText(_ text: String, at p: Point, style: TextStyle, cell: Int) {
        let quarter = Int((style.rotation / 90).rounded()) & 3
        let glyphW = text.count * BitmapFont.advance - 1
        let w = Double(glyphW * cell)
        let along: Double = style.anchor == .start ? 0 : style.anchor == .middle ? -w / 2 : -w
        // Baseline offset is in the same proportion as the nominal size (0.35 / 0.7 of size ≈ cap rows).
        let down = style.baseline == .baseline ? 0 : style.baseline == .middle ? Double(BitmapFont.capRows * cell) / 2 : Double(BitmapFont.capRows * cell)
        let passes = style.bold ? 2 : 1
        let c = RasterCanvas.components(style.color)
        for pass in 0 ..< passes {
            for (i, ch) in text.enumerated() {
                let cols = BitmapFont.columns(of: ch)
                for (colIndex, bits) in cols.enumerated() where bits != 0 {
                    for r in 0 ..< BitmapFont.rows where bits & (1 << r) != 0 {
                        // Text space: u along the text, v downwards from the baseline.
                        let u = along + Double((i * BitmapFont.advance + colIndex) * cell + pass)
                        let v = down + Double((r - BitmapFont.capRows) * cell)
                        let (x, y): (Double, Double)
                        switch quarter {
                        case 1: (x, y) = (p.x + v, p.y - u - Double(cell))   // reads upwards
                        case 2: (x, y) = (p.x - u - Double(cell), p.y - v - Double(cell))
                        case 3: (x, y) = (p.x - v - Double(cell), p.y + u)   // reads downwards
                        default: (x, y) = (p.x + u, p.y + v)
                        }
                        let xi = Int(x.rounded()), yi = Int(y.rounded())
                        for yy in yi ..< yi + cell where yy >= 0 && yy < height {
                            for xx in xi ..< xi + cell where xx >= 0 && xx < width {
                                blendPixel(xx, yy, c)
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    mutating func blendPixel(_ x: Int, _ y: Int, _ c: (Float, Float, Float, Float)) {
        let i = (y * width + x) * 4
        let a = c.3
        let da = Float(bytes[i + 3]) / 255
        let outA = a + da * (1 - a)
        guard outA > 0 else { return }
        for k in 0 ..< 3 {
            let src = k == 0 ? c.0 : k == 1 ? c.1 : c.2
            let dst = Float(bytes[i + k]) / 255
            bytes[i + k] = UInt8(min(255, ((src * a + dst * da * (1 - a)) / outA * 255).rounded()))
        }
        bytes[i + 3] = UInt8(min(255, (outA * 255).rounded()))
    }
}
