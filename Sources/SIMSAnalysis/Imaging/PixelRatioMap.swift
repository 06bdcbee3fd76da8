import SIMSCore

/// The result of ``PixelNormalization``: per-pixel ratios, the mask of excluded pixels and the
/// whole-image quantities that summarize them.
public struct PixelRatioMap: Sendable, Equatable {
    /// Pixels along x.
    public var width: Int
    /// Pixels along y.
    public var height: Int
    /// The normalized ion.
    public var ion: String
    /// The reference (`total` or an ion).
    public var reference: String
    /// r = I_ion / I_ref per pixel (dimensionless); 0 at excluded pixels — always read together with ``excluded``.
    public var ratios: ContiguousArray<Double>
    /// `true` where the pixel was excluded (reference zero, below the minimum, or masked).
    public var excluded: ContiguousArray<Bool>
    /// Σ I_ion over all pixels (ions).
    public var ionCounts: Double
    /// Σ I_ref over all pixels (ions).
    public var referenceCounts: Double
    /// Σ I_ion over valid pixels (ions).
    public var validIonCounts: Double
    /// Σ I_ref over valid pixels (ions).
    public var validReferenceCounts: Double
    /// Σ r over valid pixels: the paper script's quantity (Lombardo et al. 2023, Sec. V: "the scaled values
    /// for each pixel are summed"), without its 0.5/inf substitutions. Grows with the number of pixels, so it
    /// compares only images of equal raster and equal exclusions.
    public var sumOfRatios: Double
    /// Number of pixels used.
    public var validPixels: Int

    /// Number of pixels excluded.
    public var excludedPixels: Int { width * height - validPixels }

    /// Mean of r over valid pixels — the per-pixel normalized signal, independent of local yield variations
    /// that scale ion and reference alike. `nil` when no pixel is valid.
    public var meanOfRatios: Double? { validPixels > 0 ? sumOfRatios / Double(validPixels) : nil }

    /// Whole-area normalization Σ I_ion / Σ I_ref over all pixels (what a spectrum of the whole area gives).
    /// `nil` when the reference has no counts.
    public var ratioOfSums: Double? { referenceCounts > 0 ? ionCounts / referenceCounts : nil }

    /// The ratio map as an image (`ion` named `ion/reference`), 0 at excluded pixels.
    public var image: IonImage {
        IonImage(width: width, height: height, counts: ratios, ion: "\(ion)/\(reference)")
    }

    /// The exclusion mask as an image: 1 = excluded, 0 = used.
    public var maskImage: IonImage {
        IonImage(width: width, height: height, counts: ContiguousArray(excluded.map { $0 ? 1 : 0 }), ion: "excluded")
    }
}
