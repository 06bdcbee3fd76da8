import Foundation

extension LinePlot {
    /// The outline of a dense series to fill: per device column its highest and lowest value, widened by a
    /// square pen of side `lineWidth` (each column takes the extremes of the columns within half a line width,
    /// raised and lowered by half a line width), vertices at column centres; top edge left to right, then the
    /// bottom edge back; one outline per run of columns that hold points. Filled, it paints what the stroked
    /// polyline through every column's minimum and maximum (``decimate(_:frame:columns:)``) paints, within a
    /// device pixel, plus the see-through gaps between that zigzag's neighbouring strokes
    /// (`LinePlotEnvelopeTests`).
    ///
    /// The zigzag crosses each column from its minimum to its maximum, so its stroke is a polygon of
    /// overlapping column-high strips that cairo scan-converts edge by edge: the spectrum overview of 33
    /// samples × 8 192 bins took ≈ 0.7 s of CPU as strokes, and ≈ as much stroking this outline instead of
    /// filling it (docs/performance.md). The filled outline's edges only follow the top and the bottom of the
    /// series, and the SVG holds one `<polygon>` per series instead of thousands of `<polyline>`s.
    ///
    /// Values that cannot be drawn (non-finite, non-positive on a log axis) leave a gap only where no column
    /// within the pen's reach has one that can (the zigzag breaks at each one); points outside the x axis are
    /// left out and the outline is clamped to the plot area.
    /// - Parameters:
    ///   - s: the series (x ascending).
    ///   - frame: the plot frame mapping data to drawing units.
    ///   - columns: device columns across the plot area (plot width × pixels per drawing unit).
    ///   - lineWidth: the series' line width in drawing units (the pen).
    /// - Returns: closed outlines in drawing units.
    static func envelopes(_ s: Series, frame: PlotFrame, columns: Int, lineWidth: Double) -> [[Point]] {
        let columns = max(1, columns)
        let plot = frame.plot
        // Per column: the point with the smallest drawing y (largest value) and the one with the largest.
        var top = [Point?](repeating: nil, count: columns), bottom = [Point?](repeating: nil, count: columns)
        let n = min(s.x.count, s.y.count)
        s.x.withUnsafeBufferPointer { xs in
            s.y.withUnsafeBufferPointer { ys in
                for k in 0 ..< n {
                    guard let x = frame.x(xs[k]), let y = frame.y(ys[k]) else { continue }
                    let c = ((x - plot.x) / plot.width * Double(columns)).rounded(.down)
                    guard c >= 0, c < Double(columns) else { continue }
                    let i = Int(c), p = Point(x, y)
                    if top[i].map({ p.y < $0.y }) ?? true { top[i] = p }
                    if bottom[i].map({ p.y > $0.y }) ?? true { bottom[i] = p }
                }
            }
        }
        // A square pen of side `lineWidth`: every column takes the extremes of the columns within half a line
        // width (a running window), raised and lowered by half a line width.
        let columnWidth = plot.width / Double(columns), halfPen = 0.5 * lineWidth
        let reach = Int((halfPen / columnWidth).rounded(.up))
        let highest = Self.slidingExtreme(top.map { $0?.y }, reach: reach, by: <)
        let lowest = Self.slidingExtreme(bottom.map { $0?.y }, reach: reach, by: >)
        var shapes: [[Point]] = []
        var upper: [Point] = [], lower: [Point] = []
        func clamped(_ y: Double) -> Double { min(plot.maxY, max(plot.y, y)) }
        func close() {
            if !upper.isEmpty { shapes.append(upper + lower.reversed()) }
            upper.removeAll(keepingCapacity: true); lower.removeAll(keepingCapacity: true)
        }
        for i in 0 ..< columns {
            guard let t = highest[i], let b = lowest[i] else { close(); continue }
            let x = plot.x + (Double(i) + 0.5) * columnWidth
            upper.append(Point(x, clamped(t - halfPen))); lower.append(Point(x, clamped(b + halfPen)))
        }
        close()
        return shapes
    }

    /// For every index, the extreme (`better(a, b)`: a wins) of the non-`nil` `values` within `reach` indices
    /// on either side; `nil` where there are none. O(count × (2 reach + 1)); reach is 1–2 here.
    static func slidingExtreme(_ values: [Double?], reach: Int, by better: (Double, Double) -> Bool) -> [Double?] {
        guard reach > 0 else { return values }
        return values.indices.map { i in
            var best: Double?
            for j in max(0, i - reach) ... min(values.count - 1, i + reach) {
                if let v = values[j], best.map({ better(v, $0) }) ?? true { best = v }
            }
            return best
        }
    }
}
