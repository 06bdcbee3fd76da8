import ArgumentParser
import SIMSWorkflows

/// `sims images`: pixel-by-pixel normalization, multiplication, overlays and ROIs over a study of ion images.
struct ImagesCommand: AsyncParsableCommand, OutputFolderCommand {
    static let configuration = CommandConfiguration(
        commandName: "images",
        abstract: "Pixel-by-pixel normalization, multiplication and overlays of ion images",
        discussion: """
        ROOT holds one folder per sample with image sets: IONTOF ASCII exports '<measurement> (<id>) - <ion>.txt' \
        (one per ion plus 'total'), .bif6 files, or .imzML/.ibd pairs. Every ion image is divided pixel by pixel \
        by the reference (total or an ion); pixels with a zero (or too small) reference are excluded and counted, \
        never turned into inf/NaN. results/image_stats.csv compares the mean of per-pixel ratios with the \
        whole-area ratio of sums; images/<measurement>/ holds PNGs, 16-bit count TIFFs, 32-bit ratio TIFFs and \
        the mask of excluded pixels.
        Example: sims images study/ --ions Li- LiF_2- --reference total --bin 2 --multiply "SO3-,SO4-,SO2-" --out run1
        """)

    @Argument(help: "Study root: ROOT/<sample>/<image sets>")
    var root: String

    @Option(name: .long, help: "Mass interval list: names BIF6 intervals and defines peak images for imzML files")
    var peaks: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Ions to analyse (default: every ion image)")
    var ions: [String] = []

    @Option(name: .long, help: "Reference of the per-pixel ratio: total or an ion")
    var reference = "total"

    @Option(name: .customLong("min-reference"), parsing: .unconditional, help: "Exclude pixels whose reference has fewer counts than this", transform: OptionRange.number(0...1e15, "counts"))
    var minReference = 0.0

    @Option(name: .long, parsing: .unconditional, help: "Bin K×K pixels before dividing (sums counts)", transform: OptionRange.integer(1...4096, "pixels"))
    var bin = 1

    @Option(name: .long, parsing: .unconditional, help: "Gaussian smoothing σ in pixels, applied to counts before dividing", transform: OptionRange.number(0...500, "px", excludingLower: true))
    var smooth: Double?

    @Option(name: .long, help: "Comma-separated ions of one phase to multiply (geometric mean); repeatable")
    var multiply: [String] = []

    @Option(name: .long, help: "Comma-separated 2–3 ions for an RGB overlay; repeatable")
    var overlay: [String] = []

    @Option(name: .long, help: "Region of interest: name:x,y,w,h (pixels, after binning) or name:mask.tif; repeatable")
    var roi: [String] = []

    @Flag(name: .long, help: "Align each ion image to the reference by phase correlation")
    var align = false

    @Option(name: .long, parsing: .unconditional, help: "Scans of the acquisition (with --shots-per-pixel: saturation warnings)", transform: OptionRange.integer(1...1_000_000_000))
    var scans: Int?

    @Option(name: .customLong("shots-per-pixel"), parsing: .unconditional, help: "Primary shots per pixel per scan", transform: OptionRange.integer(1...1_000_000))
    var shotsPerPixel: Int?

    @Option(name: .customLong("colormap"), help: "viridis, inferno, magma, cividis or gray")
    var colorMap = "viridis"

    @OptionGroup var study: StudySelectionArguments

    @OptionGroup(title: "Output") var output: OutputArguments<ImagesCommand>

    @OptionGroup(title: "Output") var plots: PlotArguments

    func run() async throws {
        var options = ImagesOptions(root: root, output: output.out)
        options.selection = try study.selection()
        options.peakList = peaks
        options.ions = ions
        options.reference = reference
        options.minimumReference = minReference
        options.binning = bin
        options.smoothingSigma = smooth
        options.multiply = multiply.map(Self.list)
        options.overlays = overlay.map(Self.list)
        options.regions = roi
        options.align = align
        options.scans = scans
        options.shotsPerPixel = shotsPerPixel
        options.colorMap = colorMap
        options.plots = !plots.noPlots
        options.figures = try plots.formats()
        options.arguments = Array(CommandLine.arguments.dropFirst())
        options.force = output.force
        let progress = StderrProgress()
        let result = try ImagesWorkflow.run(options, progress: progress)
        let runs = result.allPolarities
        try progress.finish(runs.map(\.record), labels: runs.count > 1 ? runs.map { $0.polarity!.rawValue } : nil,
                            summary: "wrote \(runs.reduce(0) { $0 + $1.record.outputs.count }) files to \(output.out) (" + runs.map { run in
                                (run.polarity.map { $0.rawValue + ": " } ?? "") + "\(run.rows.count) ion images analysed" }.joined(separator: "; ") + ")")
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }
}
