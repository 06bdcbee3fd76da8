import SIMSCore

/// Pixel-by-pixel normalization of an ion image by a reference image (the total-ion image or one ion):
/// r(x, y) = I_ion(x, y) / I_ref(x, y).
///
/// Lombardo et al., JVST A 41, 053207 (2023), Sec. V: whole-area normalization cannot account for
/// heterogeneity inside the analysed area (pores, particles, topography); dividing each pixel by the same
/// pixel's reference removes local yield variations before combining pixels.
///
/// Pixels whose reference is zero, or below ``minimumReference`` counts, are **excluded** and counted —
/// never turned into inf/NaN and never replaced by a made-up value (the paper's script replaced 0 by 0.5 or
/// produced inf; see `docs/differences.md`).
///
/// ```swift
/// let map = try PixelNormalization(minimumReference: 5).fit(liImage, reference: totalImage)
/// print(map.meanOfRatios, map.ratioOfSums, map.excludedPixels)
/// ```
public struct PixelNormalization: Sendable, Equatable {
    /// Smallest reference count (ions per pixel) for a pixel to be used; pixels with a reference ≤ 0 are
    /// always excluded.
    public var minimumReference: Double

    /// Creates the estimator.
    public init(minimumReference: Double = 0) {
        self.minimumReference = minimumReference
    }

    /// Divides `ion` by `reference` pixel by pixel.
    /// - Parameters:
    ///   - ion: the numerator image (counts).
    ///   - reference: the denominator image (counts), e.g. the total-ion image; same size as `ion`.
    ///   - exclude: optional extra mask (`true` = exclude), e.g. pixels not covered after shift correction.
    /// - Throws: ``SIMSError`` `inconsistent` when the images differ in size, `invalidArgument` for a negative
    ///   or non-finite minimum, `malformed` for negative or non-finite counts.
    public func fit(_ ion: IonImage, reference: IonImage, exclude: ContiguousArray<Bool>? = nil) throws(SIMSError) -> PixelRatioMap {
        guard ion.width == reference.width, ion.height == reference.height else {
            throw .inconsistent("image \(ion.ion) is \(ion.width)x\(ion.height) but reference \(reference.ion) is \(reference.width)x\(reference.height)")
        }
        guard minimumReference.isFinite, minimumReference >= 0 else {
            throw .invalidArgument("minimum reference count must be a finite number ≥ 0", found: "\(minimumReference)")
        }
        if let exclude, exclude.count != ion.pixelCount {
            throw .inconsistent("exclusion mask has \(exclude.count) pixels, image \(ion.ion) has \(ion.pixelCount)")
        }
        let n = ion.pixelCount
        var ratios = ContiguousArray<Double>(repeating: 0, count: n)
        var excluded = ContiguousArray<Bool>(repeating: false, count: n)
        var ionSum = 0.0, referenceSum = 0.0, sumOfRatios = 0.0, valid = 0
        var ionSumValid = 0.0, referenceSumValid = 0.0
        for p in 0..<n {
            let i = ion.counts[p], r = reference.counts[p]
            guard i.isFinite, i >= 0, r.isFinite, r >= 0 else {
                throw .malformed("pixel (\(p % ion.width), \(p / ion.width)) of \(i.isFinite && i >= 0 ? reference.ion : ion.ion) has an invalid count",
                                 found: "\(i.isFinite && i >= 0 ? r : i)", expected: "a finite count ≥ 0")
            }
            ionSum += i
            referenceSum += r
            if r <= 0 || r < minimumReference || (exclude?[p] ?? false) {
                excluded[p] = true
                continue
            }
            let ratio = i / r
            ratios[p] = ratio
            sumOfRatios += ratio
            ionSumValid += i
            referenceSumValid += r
            valid += 1
        }
        return PixelRatioMap(
            width: ion.width, height: ion.height, ion: ion.ion, reference: reference.ion,
            ratios: ratios, excluded: excluded, ionCounts: ionSum, referenceCounts: referenceSum,
            validIonCounts: ionSumValid, validReferenceCounts: referenceSumValid,
            sumOfRatios: sumOfRatios, validPixels: valid)
    }
}
