import CSIMSCairo
import Foundation

/// Pango text layout for figures: one font map, context and reusable layout per engine. Engines are pooled and
/// checked out exclusively (Pango objects are not thread-safe), so concurrent figure rendering on several cores
/// never shares one; the pool holds at most as many engines as there were concurrent users.
///
/// The face is DejaVu Sans (Debian `fonts-dejavu-core`), sizes are absolute in drawing units, and hinting of
/// metrics is off so that a label measures the same for layout, PNG and PDF.
final class TextEngine: @unchecked Sendable {
    /// The font family of every figure.
    static let family = "DejaVu Sans"

    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    private let layout: OpaquePointer
    private var fonts: [FontKey: OpaquePointer] = [:]
    private var widths: [WidthKey: Double] = [:]

    private struct FontKey: Hashable { var size: Double; var bold: Bool }
    private struct WidthKey: Hashable { var text: String; var font: FontKey }

    private init() {
        fontMap = pango_cairo_font_map_new()
        context = pango_font_map_create_context(fontMap)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        layout = pango_layout_new(context)
    }

    deinit {
        for font in fonts.values { pango_font_description_free(font) }
        g_object_unref(UnsafeMutableRawPointer(layout))
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var idle: [TextEngine] = []

    /// Runs `body` with an engine no other thread uses meanwhile.
    static func with<T>(_ body: (TextEngine) throws -> T) rethrows -> T {
        lock.lock()
        let engine = idle.popLast() ?? TextEngine()
        lock.unlock()
        defer { lock.lock(); idle.append(engine); lock.unlock() }
        return try body(engine)
    }

    private func font(size: Double, bold: Bool) -> OpaquePointer {
        let key = FontKey(size: size, bold: bold)
        if let font = fonts[key] { return font }
        let font = pango_font_description_new()!
        pango_font_description_set_family(font, TextEngine.family)
        pango_font_description_set_absolute_size(font, size * Double(PANGO_SCALE))
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        fonts[key] = font
        return font
    }

    /// Lays `markup` (``TextMarkup``) out in the reusable layout; returns it with its logical width and the
    /// distance from its top to the first baseline, in drawing units.
    func layout(_ markup: String, size: Double, bold: Bool) -> (layout: OpaquePointer, width: Double, baseline: Double) {
        pango_layout_set_font_description(layout, font(size: size, bold: bold))
        if TextMarkup.hasTags(markup) {
            pango_layout_set_markup(layout, TextMarkup.pango(markup, size: size), -1)
        } else {
            pango_layout_set_attributes(layout, nil)
            pango_layout_set_text(layout, markup, -1)
        }
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let scale = Double(PANGO_SCALE)
        return (layout, Double(logical.width) / scale, Double(pango_layout_get_baseline(layout)) / scale)
    }

    /// Width of `markup` set at `size` drawing units (cached per engine).
    func width(of markup: String, size: Double, bold: Bool) -> Double {
        let key = WidthKey(text: markup, font: FontKey(size: size, bold: bold))
        if let w = widths[key] { return w }
        // Rendering leaves the context with the last text's device transformation (scale, rotation); layout
        // widths must not depend on which figure this engine drew last.
        pango_context_set_matrix(context, nil)
        pango_layout_context_changed(layout)
        let w = layout(markup, size: size, bold: bold).width
        if widths.count > 20_000 { widths.removeAll(keepingCapacity: true) }
        widths[key] = w
        return w
    }
}
