import SIMSCore

/// An RGB overlay of two or three ion images (red, green, blue), each channel scaled independently from 0
/// to its ``percentile`` value (clipped above), so that one bright ion does not hide the others.
public struct RGBOverlay: Sendable, Equatable {
    /// Percentile (0–100) of each image mapped to full intensity; 99.5 ignores isolated hot pixels.
    public var percentile: Double

    /// Creates the overlay builder.
    public init(percentile: Double = 99.5) { self.percentile = percentile }

    /// 8-bit RGB pixels (row-major, 3 bytes per pixel); a missing third channel is black.
    /// - Throws: ``SIMSError`` for fewer than two or more than three images, or different sizes.
    public func transform(_ images: [IonImage]) throws(SIMSError) -> (width: Int, height: Int, rgb: [UInt8]) {
        guard (2...3).contains(images.count), let first = images.first else {
            throw .invalidArgument("an RGB overlay needs 2 or 3 images", found: "\(images.count)")
        }
        for image in images where image.width != first.width || image.height != first.height {
            throw .inconsistent("overlay image \(image.ion) is \(image.width)x\(image.height), expected \(first.width)x\(first.height)")
        }
        var rgb = [UInt8](repeating: 0, count: first.pixelCount * 3)
        for (channel, image) in images.enumerated() {
            let top = Self.percentile(image.counts, percentile)
            guard top > 0 else { continue }
            for p in 0..<image.pixelCount {
                let v = image.counts[p].isFinite ? max(0, min(1, image.counts[p] / top)) : 0
                rgb[3 * p + channel] = UInt8((v * 255).rounded())
            }
        }
        return (first.width, first.height, rgb)
    }

    /// The `q`-th percentile (linear interpolation between order statistics, as NumPy's default).
    static func percentile(_ values: ContiguousArray<Double>, _ q: Double) -> Double {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return 0 }
        let position = max(0, min(1, q / 100)) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
