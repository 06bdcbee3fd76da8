import CSIMSCairo
import CSIMSPNG
import Foundation

extension Drawing {
    /// Device-pixel size at `scale` pixels per drawing unit (at least 1 × 1).
    func pixelSize(scale: Double) -> (width: Int, height: Int) {
        (max(1, Int((width * scale).rounded())), max(1, Int((height * scale).rounded())))
    }

    /// Whether the drawing covers every pixel with an opaque colour (then PNGs need no alpha channel).
    var isOpaque: Bool { (background?.alpha ?? 0) == 255 }

    /// Paints the drawing with cairo on a pooled image surface of `scale` device pixels per drawing unit and
    /// hands the surface's pixels (cairo's native-order, premultiplied 32-bit words) to `body`.
    func withRaster<T>(scale: Double, _ body: (_ pixels: UnsafePointer<UInt8>, _ width: Int, _ height: Int, _ stride: Int) -> T) -> T {
        let (w, h) = pixelSize(scale: scale)
        return SurfacePool.shared.with(width: w, height: h) { surface in
            let cr = cairo_create(surface)!
            cairo_scale(cr, scale, scale)
            TextEngine.with { paint(on: cr, engine: $0) }
            cairo_destroy(cr)
            cairo_surface_flush(surface)
            let base = UnsafePointer(cairo_image_surface_get_data(surface)!)
            return body(base, w, h, Int(cairo_image_surface_get_stride(surface)))
        }
    }

    /// Renders the drawing to straight-alpha RGBA pixels (`scale` = device pixels per drawing unit).
    public func rasterize(scale: Double = 2) -> PixelImage {
        withRaster(scale: scale) { base, w, h, stride in
            var bytes = [UInt8](repeating: 0, count: w * h * 4)
            for y in 0 ..< h {
                let row = UnsafeRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0 ..< w {
                    let v = row[x], a = v >> 24, i = (y * w + x) * 4
                    func un(_ c: UInt32) -> UInt8 { a == 0 ? 0 : UInt8(min(255, (c * 255 + a / 2) / a)) }
                    bytes[i] = un((v >> 16) & 0xFF); bytes[i + 1] = un((v >> 8) & 0xFF); bytes[i + 2] = un(v & 0xFF)
                    bytes[i + 3] = UInt8(a)
                }
            }
            return PixelImage(width: w, height: h, bytes: bytes)!
        }
    }

    /// PNG bytes at `scale` device pixels per drawing unit (RGB when the background is opaque, else RGBA),
    /// drawn by cairo and encoded by libpng (``PNGWriter``).
    public func png(scale: Double = 2) -> Data {
        if isOpaque {
            return withRaster(scale: scale) { base, w, h, stride in PNGWriter.encodeNative(base, width: w, height: h, stride: stride) }
        }
        return PNGWriter.encode(rasterize(scale: scale))
    }

    /// A one-page vector PDF (fonts embedded as subsets, text searchable). One drawing unit (CSS px) is
    /// 0.75 pt, so a 640-unit figure is 16.9 cm wide.
    public func pdf() -> Data {
        final class Sink { var data = Data() }
        let sink = Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        let points = 0.75
        let surface = cairo_pdf_surface_create_for_stream({ closure, bytes, length in
            let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
            if let bytes { sink.data.append(bytes, count: Int(length)) }
            return CAIRO_STATUS_SUCCESS
        }, unmanaged.toOpaque(), width * points, height * points)!
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "SIMSKit")
        let cr = cairo_create(surface)!
        cairo_scale(cr, points, points)
        TextEngine.with { paint(on: cr, engine: $0) }
        cairo_show_page(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
        return sink.data
    }
}

/// Image surfaces kept for reuse, so drawing hundreds of figures does not allocate and fault in a fresh
/// multi-megabyte canvas each time. At most as many surfaces live as figures were drawn at once, plus a few idle.
final class SurfacePool: @unchecked Sendable {
    static let shared = SurfacePool()
    private let lock = NSLock()
    private var idle: [(width: Int, height: Int, surface: OpaquePointer)] = []
    private let maximumIdle = 8

    func with<T>(width: Int, height: Int, _ body: (OpaquePointer) -> T) -> T {
        lock.lock()
        var surface: OpaquePointer?
        if let k = idle.firstIndex(where: { $0.width == width && $0.height == height }) {
            surface = idle.remove(at: k).surface
        }
        lock.unlock()
        let s = surface ?? cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))!
        defer {
            lock.lock()
            idle.append((width, height, s))
            if idle.count > maximumIdle { cairo_surface_destroy(idle.removeFirst().surface) }
            lock.unlock()
        }
        return body(s)
    }
}
