import SIMSReport
/// Settings of one `sims spectra` run (what the command line, `sims.toml` or the paper's input sheet say).
public struct SpectraOptions: Sendable {
    /// Study root: a folder `ROOT/<sample>/<spot files>`, or a flat folder with ``selection`` `groupBy`.
    public var root: String
    /// `--group-by` and `--polarity`.
    public var selection = StudySelection()
    /// Mass interval list (IONTOF export or plain list); may come from the input sheet instead.
    public var peakList: String?
    /// Reference peaks for the reference normalization: assignments (`SiO_2-`) or row numbers (`#12`).
    public var references: [String] = []
    /// Important peaks (assignments or `#row`): plotted in `plots/`, the others in `plots/extra/`.
    public var important: [String] = []
    /// The paper script's `Inputs_ToF_spectra_analyzer.xlsx`, read for the list, references and important peaks.
    public var inputsSpreadsheet: String?
    /// A `sims.toml` with the study and settings (``root`` may also point at one).
    public var configuration: String?
    /// Output folder.
    public var output: String
    /// Number of primary pulses N (scans × shots per pixel × pixels) when the exports do not say.
    public var primaryPulses: Double?
    /// The normalization shown in plots and statistics; default: reference when given, else TIC.
    public var primaryNormalization: PeakNormalization?
    /// Bootstrap resamples for the confidence intervals in `summary.csv` (seeded; default 2000).
    public var bootstrapResamples = 2000
    /// Deconvolve every spot with this model (`--deconvolve`; `nil`: a `[deconvolution]` table in `sims.toml`, else no deconvolution).
    public var deconvolution: DeconvolveWorkflow.Model?
    /// Whether to draw plots (tests switch them off for speed).
    public var plots = true
    /// Figure file formats (`--figures png,pdf,svg`) for every figure; `nil` = the output folder's defaults (PNG + SVG, SVG only under `plots/extra/`).
    public var figures: Set<FigureFormat>? = nil
    /// The command line as typed, for provenance.
    public var arguments: [String] = []
    /// Write into an output folder that holds files sims did not write, replacing those in the way (`--force`).
    public var force = false
    /// The files and folders the run reads (its output folder may not be or contain one of them).
    var inputPaths: [String] { [root] + [peakList, inputsSpreadsheet, configuration].compactMap { $0 } }

    /// Creates options for `root` writing to `output`.
    public init(root: String, peakList: String? = nil, output: String) {
        self.root = root
        self.peakList = peakList
        self.output = output
    }
}
