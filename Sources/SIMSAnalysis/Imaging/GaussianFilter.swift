import Foundation

/// Separable Gaussian smoothing of an image or volume, equal to SciPy's
/// `scipy.ndimage.gaussian_filter(values, sigma, mode="reflect", truncate=truncate)`: kernel exp(−x²/2σ²)
/// normalised to sum 1 over the radius ⌊truncate·σ + 0.5⌋, edges mirrored with the edge sample repeated
/// (d c b a | a b c d). Fixtures: `Tests/Reference/imaging_reference.py` (2-D, truncate 4) and
/// `Tests/Reference/segmentation_reference.py` (2-D and 3-D, truncate 3).
///
/// Smoothing conserves the image sum in the interior and spreads single-pixel Poisson noise: smooth counts
/// before dividing, never ratios.
public struct GaussianFilter: Sendable, Equatable {
    /// Standard deviation in pixels along x and y (0 = no smoothing).
    public var sigma: Double
    /// Standard deviation in planes along z (0 = each plane separately).
    public var sigmaZ: Double
    /// Kernel radius in units of σ (SciPy's default 4).
    public var truncate: Double

    /// Configures the filter.
    public init(sigma: Double, sigmaZ: Double = 0, truncate: Double = 4) {
        self.sigma = sigma
        self.sigmaZ = sigmaZ
        self.truncate = truncate
    }

    /// The smoothed copy of an ion image.
    /// - Throws: ``SIMSError`` `invalidArgument` for a σ that is not a positive number of pixels.
    public func apply(to image: IonImage) throws(SIMSError) -> IonImage {
        guard sigma.isFinite, sigma > 0, sigma <= Self.maximumSigma, truncate > 0, truncate <= 10 else {
            throw .invalidArgument("Gaussian σ must be a positive number of pixels up to \(Int(Self.maximumSigma))", found: "\(sigma)")
        }
        var out = image
        out.counts = apply(image.counts, width: image.width, height: image.height)
        return out
    }

    /// The smoothed copy of `values` laid out as `width × height × depth`, x fastest.
    public func apply(_ values: ContiguousArray<Double>, width: Int, height: Int, depth: Int = 1) -> ContiguousArray<Double> {
        precondition(values.count == width * height * depth, "GaussianFilter: size mismatch")
        var result = values
        if sigma > 0 {
            result = Self.filter(result, kernel: Self.kernel(sigma, truncate), count: width, stride: 1, lines: lineStarts(width: width, height: height, depth: depth, along: 0))
            result = Self.filter(result, kernel: Self.kernel(sigma, truncate), count: height, stride: width, lines: lineStarts(width: width, height: height, depth: depth, along: 1))
        }
        if sigmaZ > 0 && depth > 1 {
            result = Self.filter(result, kernel: Self.kernel(sigmaZ, truncate), count: depth, stride: width * height, lines: lineStarts(width: width, height: height, depth: depth, along: 2))
        }
        return result
    }

    /// The largest σ in pixels (a kernel of 2·4·10⁴ + 1 taps; wider than any SIMS image).
    public static let maximumSigma = 1e4

    /// Normalised kernel weights for offsets −r … r.
    static func kernel(_ sigma: Double, _ truncate: Double) -> [Double] {
        let radius = Int(min(truncate * sigma, 10 * maximumSigma) + 0.5)
        var weights = (-radius ... radius).map { offset -> Double in
            let x = Double(offset)
            return Foundation.exp(-0.5 * x * x / (sigma * sigma))
        }
        let sum = weights.reduce(0, +)
        for i in weights.indices { weights[i] /= sum }
        return weights
    }

    func lineStarts(width: Int, height: Int, depth: Int, along axis: Int) -> [Int] {
        var starts: [Int] = []
        switch axis {
        case 0: for z in 0 ..< depth { for y in 0 ..< height { starts.append((z * height + y) * width) } }
        case 1: for z in 0 ..< depth { for x in 0 ..< width { starts.append(z * height * width + x) } }
        default: for y in 0 ..< height { for x in 0 ..< width { starts.append(y * width + x) } }
        }
        return starts
    }

    static func filter(_ input: ContiguousArray<Double>, kernel: [Double], count: Int, stride: Int, lines: [Int]) -> ContiguousArray<Double> {
        var output = input
        let radius = kernel.count / 2
        // Source index for each padded position −radius ..< count + radius (mirror, edge repeated).
        let period = 2 * count
        let source = (-radius ..< count + radius).map { position -> Int in
            var i = position % period
            if i < 0 { i += period }
            return i < count ? i : period - 1 - i
        }
        var line = [Double](repeating: 0, count: count)
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                for start in lines {
                    for i in 0 ..< count { line[i] = input[start + i * stride] }
                    for i in 0 ..< count {
                        var sum = 0.0
                        for k in 0 ..< kernel.count { sum += kernel[k] * line[source[i + k]] }
                        output[start + i * stride] = sum
                    }
                }
            }
        }
        return output
    }
}
