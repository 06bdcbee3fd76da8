/// An 8-bit RGBA raster, rows top to bottom, 4 bytes per pixel (straight alpha).
public struct PixelImage: Sendable, Hashable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width × height × 4` bytes: R, G, B, A per pixel, row-major from the top row.
    public var bytes: [UInt8]

    /// A `width × height` image filled with `color`.
    public init(width: Int, height: Int, fill color: RGBA = .clear) {
        precondition(width >= 0 && height >= 0, "image size must not be negative")
        self.width = width; self.height = height
        var bytes = [UInt8](repeating: 0, count: width * height * 4)
        if color != .clear {
            for i in stride(from: 0, to: bytes.count, by: 4) {
                bytes[i] = color.red; bytes[i + 1] = color.green; bytes[i + 2] = color.blue; bytes[i + 3] = color.alpha
            }
        }
        self.bytes = bytes
    }

    /// Wraps existing RGBA bytes; `nil` when the byte count is not `width × height × 4`.
    public init?(width: Int, height: Int, bytes: [UInt8]) {
        guard width >= 0, height >= 0, bytes.count == width * height * 4 else { return nil }
        self.width = width; self.height = height; self.bytes = bytes
    }

    /// The pixel at column `x`, row `y` (from the top).
    public subscript(x: Int, y: Int) -> RGBA {
        get {
            let i = (y * width + x) * 4
            return RGBA(bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3])
        }
        set {
            let i = (y * width + x) * 4
            bytes[i] = newValue.red; bytes[i + 1] = newValue.green; bytes[i + 2] = newValue.blue; bytes[i + 3] = newValue.alpha
        }
    }
}
