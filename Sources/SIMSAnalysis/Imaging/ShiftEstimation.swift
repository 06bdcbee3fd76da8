import Foundation
import SIMSCore

/// Estimates the translation between two images of one measurement (drift between ion images, or between
/// frames) by phase correlation: the inverse Fourier transform of the normalized cross-power spectrum
/// F·G* / |F·G*| peaks at the shift (Kuglin & Hines, Proc. IEEE Int. Conf. Cybernetics and Society, 1975,
/// 163–165). Integer-pixel resolution; shifts are taken modulo the image size into −size/2 … size/2.
public struct ShiftEstimation: Sendable, Equatable {
    /// Creates the estimator.
    public init() {}

    /// The integer shift (dx, dy) in pixels such that `moving(x, y) ≈ reference(x − dx, y − dy)`,
    /// i.e. `moving` is `reference` moved by (dx, dy).
    /// - Throws: ``SIMSError`` when sizes differ or an image is empty.
    public func fit(reference: IonImage, moving: IonImage) throws(SIMSError) -> (dx: Int, dy: Int) {
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
        var best = 0
        for k in 1..<n where cRe[k] > cRe[best] { best = k }
        var dx = best % w, dy = best / w
        if dx > w / 2 { dx -= w }
        if dy > h / 2 { dy -= h }
        return (dx, dy)
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
