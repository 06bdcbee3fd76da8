import Foundation

/// The counting noise that survives smoothing.
///
/// For independent Poisson counts nₖ with means μₖ the smoothed value x = Σₖ gₖ nₖ has variance Σₖ gₖ² μₖ, and
/// Σₖ gₖ² nₖ estimates it without bias (E nₖ = μₖ). The squared weights of a separable kernel are again separable,
/// so the estimate is the same filter pass with every 1-D weight squared.
extension GaussianFilter {
    /// The variance of each smoothed value of `counts` (Poisson counts laid out `width × height × depth`, x fastest),
    /// estimated from the counts themselves: (G²∗n), the filter with squared weights. Equal to smoothing when σ = 0.
    public func countingVariance(of counts: ContiguousArray<Double>, width: Int, height: Int, depth: Int = 1) -> ContiguousArray<Double> {
        precondition(counts.count == width * height * depth, "GaussianFilter: size mismatch")
        var result = counts
        if sigma > 0 {
            let squared = Self.kernel(sigma, truncate).map { $0 * $0 }
            result = Self.filter(result, kernel: squared, count: width, stride: 1, lines: lineStarts(width: width, height: height, depth: depth, along: 0))
            result = Self.filter(result, kernel: squared, count: height, stride: width, lines: lineStarts(width: width, height: height, depth: depth, along: 1))
        }
        if sigmaZ > 0 && depth > 1 {
            let squared = Self.kernel(sigmaZ, truncate).map { $0 * $0 }
            result = Self.filter(result, kernel: squared, count: depth, stride: width * height, lines: lineStarts(width: width, height: height, depth: depth, along: 2))
        }
        return result
    }
}

extension GaussianFilter {
    /// The σ (pixels) whose kernel gathers `countsPerKernel` counts of an image with `meanCounts` counts per pixel
    /// (voxel) in `dimensions` (2 or 3) smoothed dimensions: the kernel averages 1/Σg² = (2√π σ)^d independent
    /// pixels, so σ = (K / N̄)^{1/d} / (2√π), and the smoothed image has a relative counting noise of 1/√K.
    /// Keeping K fixed shrinks the smoothing as the dose grows, which makes a segmentation converge to the true map
    /// (docs/microstructure.md: K = 70 reproduces σ 0.7 px at the simulated cathode volume's 4.7 counts per voxel).
    public static func sigma(countsPerKernel: Double, meanCounts: Double, dimensions: Int) -> Double {
        precondition(dimensions > 0 && countsPerKernel > 0 && meanCounts > 0, "GaussianFilter.sigma: positive counts and dimensions")
        return Foundation.pow(countsPerKernel / meanCounts, 1 / Double(dimensions)) / (2 * Double.pi.squareRoot())
    }
}
