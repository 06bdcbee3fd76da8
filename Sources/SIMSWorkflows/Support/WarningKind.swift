import SIMSFormats

/// A kind of warning that a run can find many times (once per spot, peak or pixel set): its instances are
/// summarised in one line on stderr and in the report, and listed one per row in `results/warnings.csv`.
public struct WarningKind: Sendable, Hashable {
    /// Stable identifier (the `kind` column of `results/warnings.csv`).
    public var id: String
    /// The start of the summary line: `isotope ratios off natural`.
    public var summary: String
    /// What is counted: `spot checks`, `peaks`.
    public var unit: String
    /// The output file with the details (relative to the output folder), if any besides `results/warnings.csv`.
    public var file: String?

    /// Creates a kind.
    public init(id: String, summary: String, unit: String, file: String? = nil) {
        self.id = id; self.summary = summary; self.unit = unit; self.file = file
    }

    /// One isotope ratio of one spot whose counting interval excludes the natural ratio.
    public static let isotopeRatioPerSpot = WarningKind(id: "isotope-ratio-spot", summary: "isotope ratios off natural", unit: "spot checks",
                                                        file: "results/isotopes.csv")
    /// One ratio of one sample off natural in most spots, with enough counts in both peaks (``IsotopeSampleSummary``).
    public static let isotopeRatioPerSample = WarningKind(id: "isotope-ratio-sample", summary: "isotope ratios flagged (off natural in most spots, both peaks ≥ 100 counts)",
                                                          unit: "sample × ratio pairs", file: "results/isotopes_by_sample.csv")
    /// A peak whose interval holds no data point in some spots.
    public static let emptyInterval = WarningKind(id: "empty-interval", summary: "intervals with no data point (area 0)", unit: "peaks")
    /// A peak reaching a flagged saturation level.
    public static let saturation = WarningKind(id: "saturation", summary: "saturated peaks (TIC-normalized values biased)", unit: "peaks",
                                               file: "results/saturation.csv")
    /// An ion image with pixels whose registered counts reach I/N > 0.1 (``PixelSaturation``); the maps are
    /// `images/<measurement>/<ion>_saturation.tif`.
    public static let saturatedPixels = WarningKind(id: "saturated-pixels", summary: "ion images with saturated pixels (I/N > 0.1, their ratios distorted)",
                                                    unit: "ion images")
    /// A spot whose reference peak area is zero.
    public static let zeroReference = WarningKind(id: "zero-reference", summary: "spots with a zero reference area", unit: "spots")
    /// Pixels excluded from a ratio image.
    public static let excludedPixels = WarningKind(id: "excluded-pixels", summary: "measurements with excluded pixels", unit: "measurements",
                                                   file: "results/image_stats.csv")
}

extension RunRecord {
    /// One warning as recorded: its kind (`nil` for a one-off), text and, for kinds, how bad it is (the largest
    /// is quoted as the worst case).
    public struct Finding: Sendable, Hashable {
        /// The kind, or `nil` for a one-off warning.
        public var kind: WarningKind?
        /// The full text.
        public var message: String
        /// Larger = worse (e.g. |ln(R/R₀)| of an isotope ratio, I/N of a saturated peak).
        public var severity: Double?
    }

    /// `results/warnings.csv`: every finding, one per row (kind, message, severity).
    var warningsTable: CSVTable {
        var table = CSVTable(header: ["kind", "message", "severity"])
        for finding in findings {
            table.append([.text(finding.kind?.id ?? "general"), .text(finding.message), finding.severity.map { .number($0) } ?? .text("")])
        }
        return table
    }
}
