import SIMSReport
import SIMSCore

/// Settings of `sims images` (see `docs/images.md`).
public struct ImagesOptions: Sendable {
    /// Study root: `ROOT/<sample>/<measurement files>` (IONTOF ASCII sets, .bif6, .imzML).
    public var root: String
    /// `--group-by` and `--polarity`.
    public var selection = StudySelection()
    /// Output folder.
    public var output: String
    /// Mass interval list (IONTOF or plain): names BIF6 intervals, attaches masses, and defines the peak images
    /// extracted from imzML files of other software.
    public var peakList: String?
    /// Ions to analyse (names as in the image set); empty = every ion image of each measurement.
    public var ions: [String] = []
    /// The reference of the per-pixel ratio: `total` or an ion name.
    public var reference = "total"
    /// Pixels whose reference count is below this (or zero) are excluded.
    public var minimumReference = 0.0
    /// Block binning factor (1 = none).
    public var binning = 1
    /// Gaussian smoothing σ in pixels applied to counts before dividing (`nil` = none).
    public var smoothingSigma: Double?
    /// Groups of ions to multiply (geometric mean), e.g. `[["SO3-", "SO4-", "SO2-"]]`.
    public var multiply: [[String]] = []
    /// RGB overlays of 2–3 ions.
    public var overlays: [[String]] = []
    /// Regions of interest: `name:x,y,w,h` rectangles (pixels, after binning) or `name:path` masks (TIFF, value > 0 inside).
    public var regions: [String] = []
    /// Align every ion image to the reference image by phase correlation before analysis.
    public var align = false
    /// Scans (frames) of the acquisition, for saturation maps.
    public var scans: Int?
    /// Primary shots per pixel per scan, for saturation maps.
    public var shotsPerPixel: Int?
    /// Colour map of the PNGs (`viridis`, `inferno`, …).
    public var colorMap = "viridis"
    /// Write PNG/SVG figures.
    public var plots = true
    /// Figure file formats (`--figures png,pdf,svg`) for every figure; `nil` = the output folder's defaults (PNG + SVG, SVG only under `plots/extra/`).
    public var figures: Set<FigureFormat>? = nil
    /// Device pixels per drawing unit of the PNG figures (2 = sharp on high-density screens and in print).
    public var pngScale = 2.0
    /// The command line, for the run record.
    public var arguments: [String] = []
    /// Write into an output folder that holds files sims did not write, replacing those in the way (`--force`).
    public var force = false
    /// The files and folders the run reads (its output folder may not be or contain one of them).
    var inputPaths: [String] { [root] + [peakList].compactMap { $0 } }

    /// Creates options with defaults.
    public init(root: String, output: String) {
        self.root = root
        self.output = output
    }
}
