/// An 8-bit sRGB colour with straight (not premultiplied) alpha.
public struct RGBA: Sendable, Hashable {
    /// Red, 0–255.
    public var red: UInt8
    /// Green, 0–255.
    public var green: UInt8
    /// Blue, 0–255.
    public var blue: UInt8
    /// Opacity, 0 (transparent) – 255 (opaque).
    public var alpha: UInt8

    /// Creates a colour from 8-bit components.
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8, _ alpha: UInt8 = 255) {
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }

    /// Creates a colour from components in 0…1 (clamped, rounded to the nearest 8-bit value).
    public init(unit red: Double, _ green: Double, _ blue: Double, alpha: Double = 1) {
        func byte(_ v: Double) -> UInt8 { v.isNaN ? 0 : UInt8((min(max(v, 0), 1) * 255).rounded()) }
        self.init(byte(red), byte(green), byte(blue), byte(alpha))
    }

    /// Creates a colour from a `0xRRGGBB` literal.
    public init(hex: UInt32, alpha: UInt8 = 255) {
        self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF), alpha)
    }

    /// The same colour with another opacity (0…1).
    public func opacity(_ value: Double) -> RGBA {
        var copy = self
        copy.alpha = UInt8((min(max(value, 0), 1) * 255).rounded())
        return copy
    }

    /// `#rrggbb` (alpha is written separately in SVG as an opacity attribute).
    public var hexString: String {
        let digits = Array("0123456789abcdef")
        var out = "#"
        for byte in [red, green, blue] {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }

    /// Black.
    public static let black = RGBA(0, 0, 0)
    /// White.
    public static let white = RGBA(255, 255, 255)
    /// Dark grey used for axes and text.
    public static let ink = RGBA(0x22, 0x22, 0x22)
    /// Light grey used for grid lines.
    public static let grid = RGBA(0xE3, 0xE3, 0xE3)
    /// Fully transparent.
    public static let clear = RGBA(0, 0, 0, 0)
}
