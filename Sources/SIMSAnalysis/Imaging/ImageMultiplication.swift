import Foundation
import SIMSCore

/// Pixel-by-pixel multiplication of images of ions from the same phase (e.g. SO₂⁻, SO₃⁻, SO₄⁻ from the CEI),
/// which emphasizes what the images have in common and weakens mass interferences that only one of them
/// carries (Lombardo et al., JVST A 41, 053207 (2023), Sec. V and Fig. 7).
///
/// SIMSKit returns the **normalized product**, the geometric mean G = (Π I_k)^(1/n): a raw product of n
/// count images has units of countsⁿ and a dynamic range that explodes with n, while G keeps the unit
/// (counts per pixel), equals I when all images are equal, and is zero wherever any image is zero — the
/// contrast gain of multiplication without changing the scale's meaning.
public struct ImageMultiplication: Sendable, Equatable {
    /// Creates the operation.
    public init() {}

    /// The geometric mean of `images` pixel by pixel, named `A*B*C`.
    /// - Throws: ``SIMSError`` when fewer than two images are given, sizes differ, or counts are negative.
    public func transform(_ images: [IonImage]) throws(SIMSError) -> IonImage {
        guard images.count >= 2, let first = images.first else {
            throw .invalidArgument("image multiplication needs at least two images", found: "\(images.count)")
        }
        for image in images where image.width != first.width || image.height != first.height {
            throw .inconsistent("image \(image.ion) is \(image.width)x\(image.height), expected \(first.width)x\(first.height)")
        }
        let n = Double(images.count)
        var out = ContiguousArray<Double>(repeating: 0, count: first.pixelCount)
        for p in 0..<first.pixelCount {
            var logSum = 0.0
            var zero = false
            for image in images {
                let v = image.counts[p]
                guard v.isFinite, v >= 0 else {
                    throw .malformed("image \(image.ion) has an invalid count at pixel (\(p % first.width), \(p / first.width))", found: "\(v)", expected: "a finite count ≥ 0")
                }
                if v == 0 { zero = true; break }
                logSum += log(v)
            }
            out[p] = zero ? 0 : exp(logSum / n)
        }
        return IonImage(width: first.width, height: first.height, counts: out, ion: images.map(\.ion).joined(separator: "*"),
                        fieldOfViewMicrometers: first.fieldOfViewMicrometers)
    }
}
