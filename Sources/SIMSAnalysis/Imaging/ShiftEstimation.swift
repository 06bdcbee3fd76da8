import Foundation
import SIMSCore

/// Estimates the translation between two images of one measurement (drift between ion images, or between
/// frames) by phase correlation: the inverse Fourier transform of the normalized cross-power spectrum
/// F·G* / |F·G*| peaks at the shift (Kuglin & Hines, Proc. IEEE Int. Conf. Cybernetics and Society, 1975,
/// 163–165). Integer-pixel resolution on the grid of the images given (after any binning); shifts are taken
/// modulo the image size into −size/2 … size/2.
///
/// The peak is trusted only when it stands out of the correlation surface: its height above the surface's mean
/// must be at least ``minimumSignificance`` standard deviations of the surface (the largest of n independent
/// normal values is ≈ √(2 ln n) ≈ 4.5 σ for 256² pixels, so 6 σ is rarely reached by noise), and the shift must
/// be at most ``maximumFraction`` of the field of view along each axis (drift between the ion images of one
/// measurement is a few pixels). Two ion images whose contrasts are unrelated or inverted (an ion of one phase
/// against the total) correlate by noise only; their "shift" is refused instead of applied.
public struct ShiftEstimation: Sendable, Equatable {
    /// Minimum peak height above the surface mean, in standard deviations of the correlation surface.
    public var minimumSignificance = 6.0
    /// Largest accepted shift as a fraction of the image width (dx) and height (dy).
    public var maximumFraction = 0.1

    /// Creates the estimator with the defaults above.
    public init() {}

    /// One estimate: the shift, the correlation peak that gave it, and whether it may be applied.
    public struct Estimate: Sendable, Equatable {
        /// Why an estimate is not applied.
        public enum Refusal: String, Sendable, Equatable {
            /// The peak does not stand out of the correlation surface: the images do not correlate.
            case notSignificant = "no correlation peak above the surface noise"
            /// The shift exceeds the largest accepted fraction of the field of view.
            case tooLarge = "shift larger than the accepted fraction of the field of view"
        }
        /// Shift in pixels of the grid the images were given on: `moving(x, y) ≈ reference(x − dx, y − dy)`.
        public var dx: Int, dy: Int
        /// Phase-correlation value at the peak, 0…1 (1 = identical images up to the translation).
        public var peakHeight: Double
        /// (peak − mean of the surface) / standard deviation of the surface.
        public var significance: Double
        /// `nil` when the shift may be applied.
        public var refusal: Refusal?
        /// `true` when the shift may be applied.
        public var isAccepted: Bool { refusal == nil }
    }

    /// The shift (dx, dy) in pixels such that `moving(x, y) ≈ reference(x − dx, y − dy)`, i.e. `moving` is
    /// `reference` moved by (dx, dy), with its correlation peak and verdict.
    /// - Throws: ``SIMSError`` when sizes differ or an image is empty.
    public func fit(reference: IonImage, moving: IonImage) throws(SIMSError) -> Estimate {
        guard reference.width == moving.width, reference.height == moving.height, reference.pixelCount > 0 else {
            throw .inconsistent("shift estimation needs two images of equal, non-zero size (\(reference.ion) \(reference.width)x\(reference.height), \(moving.ion) \(moving.width)x\(moving.height))")
        }
        let w = reference.width, h = reference.height, n = w * h
        let fft = FourierTransform2D(width: w, height: h)
        // Mean removal keeps the DC term from dominating the correlation.
        let meanA = reference.totalCounts / Double(n), meanB = moving.totalCounts / Double(n)
        var aRe = reference.counts.map { $0 - meanA }, aIm = [Double](repeating: 0, count: n)
        var bRe = moving.counts.map { $0 - meanB }, bIm = [Double](repeating: 0, count: n)
        fft.transform(re: &aRe, im: &aIm, inverse: false)
        fft.transform(re: &bRe, im: &bIm, inverse: false)
        var cRe = [Double](repeating: 0, count: n), cIm = [Double](repeating: 0, count: n)
        for k in 0..<n {
            // B · conj(A): peaks at +shift of moving relative to reference.
            let re = bRe[k] * aRe[k] + bIm[k] * aIm[k]
            let im = bIm[k] * aRe[k] - bRe[k] * aIm[k]
            let magnitude = (re * re + im * im).squareRoot()
            if magnitude > 1e-300 { cRe[k] = re / magnitude; cIm[k] = im / magnitude }
        }
        fft.transform(re: &cRe, im: &cIm, inverse: true)
        var best = 0, sum = 0.0, sumSquares = 0.0
        for k in 0..<n {
            if cRe[k] > cRe[best] { best = k }
            sum += cRe[k]
            sumSquares += cRe[k] * cRe[k]
        }
        let mean = sum / Double(n)
        let sd = max(0, sumSquares / Double(n) - mean * mean).squareRoot()
        var dx = best % w, dy = best / w
        if dx > w / 2 { dx -= w }
        if dy > h / 2 { dy -= h }
        let significance = sd > 0 ? (cRe[best] - mean) / sd : 0
        var refusal: Estimate.Refusal?
        if !(significance >= minimumSignificance) {
            refusal = .notSignificant
        } else if Double(abs(dx)) > maximumFraction * Double(w) || Double(abs(dy)) > maximumFraction * Double(h) {
            refusal = .tooLarge
        }
        return Estimate(dx: dx, dy: dy, peakHeight: cRe[best], significance: significance, refusal: refusal)
    }
}

extension IonImage {
    /// The image moved by (dx, dy) pixels: result(x, y) = self(x − dx, y − dy); pixels with no source are 0
    /// and reported in the returned `uncovered` mask (`true` = no data) so analyses can exclude them.
    public func shifted(dx: Int, dy: Int) -> (image: IonImage, uncovered: ContiguousArray<Bool>) {
        var out = ContiguousArray<Double>(repeating: 0, count: pixelCount)
        var uncovered = ContiguousArray<Bool>(repeating: true, count: pixelCount)
        for y in 0..<height {
            let sy = y - dy
            guard sy >= 0 && sy < height else { continue }
            for x in 0..<width {
                let sx = x - dx
                guard sx >= 0 && sx < width else { continue }
                out[y * width + x] = counts[sy * width + sx]
                uncovered[y * width + x] = false
            }
        }
        var image = self
        image.counts = out
        return (image, uncovered)
    }
}
