import ArgumentParser
import SIMSWorkflows

/// `sims microstructure`: segment ion images into phases and compute fractions, interfaces, connectivity,
/// particle sizes and tortuosity factors.
struct MicrostructureCommand: AsyncParsableCommand, OutputFolderCommand {
    static let configuration = CommandConfiguration(
        commandName: "microstructure",
        abstract: "Phase segmentation, fractions, interfaces, connectivity, particle sizes and tortuosity",
        discussion: """
        Reads ion images (IONTOF ASCII `<measurement> (<id>) - <ion>.txt` with the `total` image, BIF6 or imzML),
        segments each measurement into the phases you name, and writes results/microstructure.csv,
        results/particles.csv, images/labels_*.tiff and plots/labels_*.png|svg. With --stack the measurements are
        the planes of one 3-D volume (surface first, name order).

        Example:
          sims microstructure exports/ --phase NCM=NiO_2-,O- --phase SE=PS_2-,Cl- --phase pore=low-total \\
              --pixel-size 0.39 --out micro
        """
    )

    static let defaultOutputFolder: String? = "sims-microstructure"

    @Argument(help: "Image files or folders of them.")
    var inputs: [String]

    @Option(name: .long, help: "NAME=ION[,ION…] or NAME=low-total; repeat for every phase (label order). With --method unmix a repeated NAME adds a thin interphase component (e.g. a CEI) to that phase.")
    var phase: [String] = []

    @Option(name: .long, help: "Segmentation: threshold (marker shares and levels), unmix (linear unmixing of all ions), kmeans or gmm.")
    var method: String = "threshold"

    @Option(name: .customLong("pixel-size"), parsing: .unconditional, help: "Pixel size in µm (overrides the metadata).", transform: OptionRange.number(1e-4...1e4, "µm"))
    var pixelSize: Double?

    @Option(name: .long, help: "Gaussian smoothing σ in pixels before segmentation (0 = off), or auto: the σ whose kernel gathers 70 counts of the total (shrinks as the dose grows). Default: auto with --method unmix, else 1.")
    var smooth: String?

    @Option(name: .long, parsing: .unconditional, help: "Scale σ (px) of the local yield (topography) background for low-total pores (0 = one global level).", transform: OptionRange.number(0...1000, "px"))
    var background: Double = 8

    @Option(name: .customLong("min-island"), parsing: .unconditional, help: "Merge islands smaller than this many pixels (voxels).", transform: OptionRange.integer(0...1_000_000_000, "pixels"))
    var minIsland: Int = 4

    @Option(name: .long, help: "Connectivity for components, percolation and particles: face (4/6) or full (8/26).")
    var connectivity: String = "face"

    @Option(name: .long, help: "Phase sized as particles (default: the first ion-marked phase).")
    var active: String?

    @Option(name: .long, parsing: .unconditional, help: "Relative residual tolerance of the tortuosity solver.", transform: OptionRange.number(0...1, excludingLower: true))
    var tolerance: Double = 1e-8

    @Flag(name: .long, help: "Treat the measurements as planes of one volume (cubic voxels).")
    var stack = false

    @Option(name: .long, help: "Mass interval list: names BIF6 intervals and defines peak images for imzML files from other software.")
    var peaks: String?

    @OptionGroup var study: StudySelectionArguments

    @OptionGroup(title: "Output") var output: OutputArguments<MicrostructureCommand>

    @OptionGroup(title: "Output") var figureArguments: FigureArguments

    func run() async throws {
        var settings = MicrostructureSettings()
        guard !phase.isEmpty else { throw ValidationError("name the phases, e.g. --phase NCM=NiO_2- --phase SE=PS_2-,Cl- --phase pore=low-total") }
        do { settings.phases = try phase.map { text throws(SIMSError) in try PhaseRule(parsing: text) } } catch {
            throw ValidationError(error.description)
        }
        guard let method = MicrostructureSettings.Method(rawValue: method) else {
            throw ValidationError("--method must be threshold, unmix, kmeans or gmm, found \(method)")
        }
        guard let connectivity = Connectivity(rawValue: connectivity) else {
            throw ValidationError("--connectivity must be face or full, found \(connectivity)")
        }
        if let pixelSize, !(pixelSize > 0 && pixelSize.isFinite) { throw ValidationError("--pixel-size must be a positive number of µm") }
        let sigma: Double?
        switch smooth?.lowercased() {
        case nil: sigma = method == .unmix ? nil : 1
        case "auto": sigma = nil
        case let text?:
            guard let value = Double(text), value >= 0, value <= 500 else {
                throw ValidationError("--smooth must be auto or a σ from 0 to 500 pixels, found \(text)")
            }
            sigma = value
        }
        guard background >= 0, background.isFinite else { throw ValidationError("--background must be ≥ 0") }
        guard tolerance > 0, tolerance < 1 else { throw ValidationError("--tolerance must lie in (0, 1)") }
        settings.method = method
        settings.connectivity = connectivity
        settings.pixelSizeMicrometers = pixelSize
        settings.smoothingSigma = sigma
        settings.minimumIslandVoxels = minIsland
        settings.backgroundSigma = background
        settings.activePhase = active
        settings.tolerance = tolerance
        settings.stack = stack
        settings.peakList = peaks
        settings.selection = try study.selection()
        let progress = StderrProgress()
        let result = try MicrostructureWorkflow(settings: settings).run(
            inputs: inputs, output: try OutputFolder(output.out, figures: try figureArguments.formats(), force: output.force, reading: inputs), arguments: CommandLine.arguments.dropFirst().map { $0 }, progress: progress)
        try progress.finish(result.record, summary: "\(result.analyses.count) measurement(s) analysed → \(output.out)/results/microstructure.csv")
    }
}
