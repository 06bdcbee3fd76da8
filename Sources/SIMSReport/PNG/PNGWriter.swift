import CSIMSPNG
import Foundation

/// PNG encoding with libpng (Debian `libpng-dev`): zlib level 1, the SUB filter and the run-length strategy.
/// Figures are mostly flat colour, so this is ~2.5× faster than cairo's own PNG writer (libpng at zlib's default
/// level) for files ~1.3× larger; measurements in docs/performance.md.
public enum PNGWriter {
    /// zlib level used for every PNG (1 = fastest that still compresses).
    static let level: Int32 = 1

    /// RGBA8 PNG of `image` (straight alpha).
    public static func encode(_ image: PixelImage) -> Data {
        image.bytes.withUnsafeBufferPointer {
            encode($0.baseAddress!, width: image.width, height: image.height, stride: image.width * 4, layout: SIMS_PNG_RGBA)
        }
    }

    /// RGB8 PNG of cairo's native 32-bit pixels (B, G, R, X in memory; opaque images only).
    static func encodeNative(_ pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) -> Data {
        encode(pixels, width: width, height: height, stride: stride, layout: SIMS_PNG_BGRX)
    }

    private static func encode(_ pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, layout: sims_png_layout) -> Data {
        var buffer = sims_png_buffer()
        guard width > 0, height > 0,
              sims_png_encode(pixels, Int32(width), Int32(height), stride, layout, level, 1, &buffer) == 0 else {
            // Only allocation failure gets here (the arguments are always valid).
            fatalError("libpng could not encode a \(width) × \(height) PNG")
        }
        defer { sims_png_free(&buffer) }
        return Data(bytes: buffer.bytes, count: buffer.count)
    }
}
