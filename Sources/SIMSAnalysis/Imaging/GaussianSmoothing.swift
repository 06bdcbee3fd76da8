import Foundation
import SIMSCore

/// Gaussian smoothing of an image with standard deviation ``sigma`` pixels, separable (rows then columns),
/// kernel truncated at ``truncate`` σ and image edges mirrored (`d c b a | a b c d`).
///
/// Matches `scipy.ndimage.gaussian_filter(image, sigma, mode="reflect", truncate=4.0)` (fixture in
/// `Tests/Reference/imaging_reference.py`). Smoothing conserves the image sum in the interior and
/// spreads single-pixel Poisson noise; use it on counts before dividing, never on ratios.
public struct GaussianSmoothing: Sendable, Equatable {
    /// Standard deviation in pixels (> 0).
    public var sigma: Double
    /// Kernel radius in units of σ (SciPy's default 4).
    public var truncate: Double

    /// Creates the filter.
    public init(sigma: Double, truncate: Double = 4) {
        self.sigma = sigma
        self.truncate = truncate
    }

    /// The normalized 1-D kernel, radius ⌊truncate·σ + 0.5⌋ (as SciPy).
    public var kernel: [Double] {
        let radius = Int(truncate * sigma + 0.5)
        var weights = (-radius...radius).map { exp(-0.5 * Double($0 * $0) / (sigma * sigma)) }
        let total = weights.reduce(0, +)
        for k in weights.indices { weights[k] /= total }
        return weights
    }

    /// Smooths `image`.
    /// - Throws: ``SIMSError`` `invalidArgument` for σ ≤ 0 or not finite.
    public func transform(_ image: IonImage) throws(SIMSError) -> IonImage {
        guard sigma.isFinite, sigma > 0, truncate > 0 else { throw .invalidArgument("Gaussian σ must be a positive number of pixels", found: "\(sigma)") }
        var out = image
        out.counts = Self.convolve(image.counts, width: image.width, height: image.height, kernel: kernel)
        return out
    }

    /// Mirror index for SciPy's `reflect` mode (half-sample symmetric), any distance outside.
    @inline(__always) static func reflect(_ i: Int, _ n: Int) -> Int {
        if n == 1 { return 0 }
        let period = 2 * n
        var k = i % period
        if k < 0 { k += period }
        return k < n ? k : period - 1 - k
    }

    static func convolve(_ data: ContiguousArray<Double>, width: Int, height: Int, kernel: [Double]) -> ContiguousArray<Double> {
        let radius = kernel.count / 2
        var rows = ContiguousArray<Double>(repeating: 0, count: data.count)
        var out = ContiguousArray<Double>(repeating: 0, count: data.count)
        data.withUnsafeBufferPointer { src in
            rows.withUnsafeMutableBufferPointer { tmp in
                for y in 0..<height {
                    for x in 0..<width {
                        var s = 0.0
                        for k in 0..<kernel.count { s += kernel[k] * src[y * width + reflect(x + k - radius, width)] }
                        tmp[y * width + x] = s
                    }
                }
            }
        }
        rows.withUnsafeBufferPointer { tmp in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    for x in 0..<width {
                        var s = 0.0
                        for k in 0..<kernel.count { s += kernel[k] * tmp[reflect(y + k - radius, height) * width + x] }
                        dst[y * width + x] = s
                    }
                }
            }
        }
        return out
    }
}
