import SIMSReport
import SIMSAnalysis
import SIMSMultivariate

/// Settings of one `sims pca` run.
public struct PCAOptions: Sendable {
    /// How clusters of scores are chosen.
    public enum Clustering: Sendable, Equatable {
        /// No clustering.
        case none
        /// A Gaussian mixture with this many components (and k-means with the same k).
        case count(Int)
        /// A Gaussian mixture with k = 1…maximum chosen by BIC.
        case automatic(maximum: Int)
    }

    /// Study root: `ROOT/<sample>/<spot spectra>`, or a flat folder with ``selection`` `groupBy`.
    public var root: String
    /// `--group-by` and `--polarity`.
    public var selection = StudySelection()
    /// Mass interval list; may come from the input sheet instead.
    public var peakList: String?
    /// The paper script's `Inputs_ToF - PCA.xlsx` (interval list and number of components).
    public var inputsSpreadsheet: String?
    /// Output folder.
    public var output: String
    /// The per-spot normalization of the peak areas before scaling (default: TIC, as the paper's script).
    public var normalization: PeakNormalization = .tic
    /// Reference peaks (assignment or `#row`) for `normalization == .reference`.
    public var references: [String] = []
    /// Column scaling (default: max, as the paper's script).
    public var scaling: Scaling = .max
    /// Components; `nil` = from the input sheet, else 4 (the script's plots assume 4).
    public var components: PCA.Components?
    /// Clustering of the scores.
    public var clustering: Clustering = .automatic(maximum: 6)
    /// |loading| threshold for the important peaks (the script's 0.05).
    public var importantThreshold = 0.05
    /// Seed for clustering.
    public var seed: UInt64 = 0
    /// Whether to draw plots.
    public var plots = true
    /// Figure file formats (`--figures png,pdf,svg`) for every figure; `nil` = the output folder's defaults (PNG + SVG, SVG only under `plots/extra/`).
    public var figures: Set<FigureFormat>? = nil
    /// The command line, for provenance.
    public var arguments: [String] = []
    /// Write into an output folder that holds files sims did not write, replacing those in the way (`--force`).
    public var force = false
    /// The files and folders the run reads (its output folder may not be or contain one of them).
    var inputPaths: [String] { [root] + [peakList, inputsSpreadsheet].compactMap { $0 } }

    /// Options for `root` writing to `output`.
    public init(root: String, peakList: String? = nil, output: String) {
        self.root = root
        self.peakList = peakList
        self.output = output
    }
}
