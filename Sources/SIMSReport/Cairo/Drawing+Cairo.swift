import CSIMSCairo
import Foundation

extension Drawing {
    /// Paints every primitive on a cairo context whose user space is drawing units.
    func paint(on cr: OpaquePointer, engine: TextEngine) {
        cairo_save(cr)
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE)
        set(cr, background ?? .clear)
        cairo_paint(cr)  // the whole surface: a reused raster keeps nothing of the previous figure
        cairo_set_operator(cr, CAIRO_OPERATOR_OVER)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        for primitive in primitives {
            switch primitive {
            case let .polyline(points, stroke):
                path(cr, points, closed: false)
                apply(cr, stroke)
                cairo_stroke(cr)
            case let .polygon(points, fill, stroke):
                path(cr, points, closed: true)
                fillAndStroke(cr, fill, stroke)
            case let .rect(r, fill, stroke):
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                fillAndStroke(cr, fill, stroke)
            case let .circle(center, radius, fill, stroke):
                cairo_new_path(cr)
                cairo_arc(cr, center.x, center.y, radius, 0, 2 * .pi)
                cairo_close_path(cr)
                fillAndStroke(cr, fill, stroke)
            case let .text(string, point, style):
                text(cr, string, at: point, style: style, engine: engine)
            case let .image(image, r):
                pixels(cr, image, in: r)
            }
        }
        cairo_restore(cr)
    }

    private func set(_ cr: OpaquePointer, _ color: RGBA) {
        cairo_set_source_rgba(cr, Double(color.red) / 255, Double(color.green) / 255, Double(color.blue) / 255, Double(color.alpha) / 255)
    }

    private func path(_ cr: OpaquePointer, _ points: [Point], closed: Bool) {
        cairo_new_path(cr)
        guard let first = points.first else { return }
        cairo_move_to(cr, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        if closed { cairo_close_path(cr) }
    }

    private func apply(_ cr: OpaquePointer, _ stroke: Stroke) {
        set(cr, stroke.color)
        cairo_set_line_width(cr, stroke.width)
        stroke.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
    }

    private func fillAndStroke(_ cr: OpaquePointer, _ fill: RGBA?, _ stroke: Stroke?) {
        if let fill {
            set(cr, fill)
            if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
        }
        if let stroke {
            apply(cr, stroke)
            cairo_stroke(cr)
        }
        cairo_new_path(cr)
    }

    private func text(_ cr: OpaquePointer, _ string: String, at point: Point, style: TextStyle, engine: TextEngine) {
        cairo_save(cr)
        cairo_translate(cr, point.x, point.y)
        if style.rotation != 0 { cairo_rotate(cr, -style.rotation * .pi / 180) }
        pango_cairo_update_context(cr, engine.context)
        let (layout, width, baseline) = engine.layout(string, size: style.size, bold: style.bold)
        let dx: Double = switch style.anchor {
        case .start: 0
        case .middle: -width / 2
        case .end: -width
        }
        cairo_move_to(cr, dx, style.baselineOffset - baseline)
        set(cr, style.color)
        pango_cairo_show_layout(cr, layout)
        cairo_restore(cr)
    }

    private func pixels(_ cr: OpaquePointer, _ image: PixelImage, in r: Rect) {
        guard image.width > 0, image.height > 0, let surface = image.cairoSurface() else { return }
        defer { cairo_surface_destroy(surface) }
        cairo_save(cr)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_clip(cr)
        cairo_translate(cr, r.x, r.y)
        cairo_scale(cr, r.width / Double(image.width), r.height / Double(image.height))
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST)
        cairo_paint(cr)
        cairo_restore(cr)
    }
}

extension PixelImage {
    /// A cairo ARGB32 surface (premultiplied, native byte order) with this image's pixels.
    func cairoSurface() -> OpaquePointer? {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let base = cairo_image_surface_get_data(surface) else {
            cairo_surface_destroy(surface)
            return nil
        }
        let stride = Int(cairo_image_surface_get_stride(surface))
        bytes.withUnsafeBufferPointer { src in
            for y in 0 ..< height {
                let row = UnsafeMutableRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0 ..< width {
                    let i = (y * width + x) * 4
                    let a = UInt32(src[i + 3])
                    func pm(_ c: UInt8) -> UInt32 { (UInt32(c) * a + 127) / 255 }
                    row[x] = a << 24 | pm(src[i]) << 16 | pm(src[i + 1]) << 8 | pm(src[i + 2])
                }
            }
        }
        cairo_surface_mark_dirty(surface)
        return surface
    }
}
