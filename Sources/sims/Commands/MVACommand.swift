import ArgumentParser
import SIMSWorkflows

/// `sims mva`: PCA, MCR-ALS, NMF or MAF of the pixel × peak matrix of imaging measurements.
struct MVACommand: AsyncParsableCommand, OutputFolderCommand {
    static let configuration = CommandConfiguration(
        commandName: "mva",
        abstract: "PCA, MCR-ALS, NMF or MAF of ion images",
        discussion: """
        IMAGES is a folder of image exports (IONTOF ASCII '<measurement> (<id>) - <ion>.txt', BIF6, imzML) or one
        file. Every measurement's ion images (without total) form a pixel × ion matrix. PCA uses Poisson scaling
        by default (Keenan & Kotula 2004); MCR-ALS non-negativity with SIMPLISMA initial estimates; NMF
        Kullback–Leibler multiplicative updates; MAF the neighbour-difference generalized eigenproblem.
        images/ holds each component image as float32 TIFF and as a figure (SVG + PNG: title, colour bar, scale
        bar), plots/ a bar plot of each component spectrum, results/ the component spectra and a summary, and
        report.html the summary table with every figure.
        Example: sims mva exports/ --method mcr --components 3 --out mva-run
        """)

    @Argument(help: "Folder or file with the image exports")
    var images: String

    @Option(name: .long, help: "pca, mcr, nmf or maf")
    var method: String = "pca"

    @Option(name: .long, parsing: .unconditional, help: "Number of components", transform: OptionRange.integer(1...100))
    var components = 4

    @Option(name: .long, help: "Scaling before PCA: poisson, auto, pareto, max, mean-center, none")
    var scaling: String = "poisson"

    @Option(name: .long, help: "Seed (NMF initialization)")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Mass interval list: names BIF6 intervals and defines peak images for imzML files from other software")
    var peaks: String?

    @OptionGroup var study: StudySelectionArguments

    @OptionGroup(title: "Output") var output: OutputArguments<MVACommand>

    @OptionGroup(title: "Output") var plots: PlotArguments

    func validate() throws {
        guard MVAWorkflow.Method(rawValue: method) != nil else { throw ValidationError("unknown method \(method); use pca, mcr, nmf or maf") }
        guard Scaling(rawValue: scaling) != nil else {
            throw ValidationError("unknown scaling \(scaling); use one of \(Scaling.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if components < 1 { throw ValidationError("--components must be ≥ 1") }
    }

    func run() async throws {
        var options = MVAWorkflow.Options(input: images, output: output.out)
        options.method = MVAWorkflow.Method(rawValue: method)!
        options.components = components
        options.scaling = Scaling(rawValue: scaling)!
        options.seed = seed
        options.peakList = peaks
        options.plots = !plots.noPlots
        options.figures = try plots.formats()
        options.arguments = Array(CommandLine.arguments.dropFirst())
        options.force = output.force
        options.selection = try study.selection()
        let progress = StderrProgress()
        let result = try MVAWorkflow.run(options, progress: progress)
        try progress.finish(result.record, summary: "wrote \(result.record.outputs.count) files to \(output.out) (\(result.analyses.count) measurement(s), \(method.uppercased()), \(components) components)")
    }
}
