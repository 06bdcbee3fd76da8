import SIMSCore

/// One row of `results/image_stats.csv`: one ion (or product image) of one measurement.
public struct ImageStatisticsRow: Sendable, Equatable {
    /// Sample (folder) name.
    public var sample: String
    /// Measurement name.
    public var measurement: String
    /// Ion, or `A*B*C` for a multiplied image.
    public var ion: String
    /// Σ counts of the ion image over all pixels (after binning/smoothing/alignment).
    public var totalCounts: Double
    /// The reference (`total` or an ion).
    public var reference: String
    /// Σ I_ion / Σ I_ref over all pixels (whole-area normalization).
    public var ratioOfSums: Double?
    /// Mean of per-pixel ratios over valid pixels (per-pixel normalization).
    public var meanOfRatios: Double?
    /// Σ of per-pixel ratios over valid pixels (the paper script's quantity).
    public var sumOfRatios: Double
    /// Pixels used.
    public var validPixels: Int
    /// Pixels excluded (reference zero or below the minimum, or uncovered after alignment).
    public var excludedPixels: Int

    /// The CSV header.
    public static let header = ["sample", "measurement", "ion", "total_counts", "reference", "ratio_of_sums", "mean_of_ratios", "sum_of_ratios", "valid_pixels", "excluded_pixels"]

    /// The CSV cells.
    var cells: [CSVTable.Cell] {
        [.text(sample), .text(measurement), .text(ion), .number(totalCounts), .text(reference), .optional(ratioOfSums),
         .optional(meanOfRatios), .number(sumOfRatios), .integer(validPixels), .integer(excludedPixels)]
    }
}
