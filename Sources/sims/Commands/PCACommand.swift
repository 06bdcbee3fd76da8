import ArgumentParser
import SIMSWorkflows

/// `sims pca`: principal component analysis of the peak areas of a study of spectra (the paper's PCA script).
struct PCACommand: AsyncParsableCommand, OutputFolderCommand {
    static let configuration = CommandConfiguration(
        commandName: "pca",
        abstract: "Principal component analysis of a study of spectra",
        discussion: """
        ROOT holds one folder per sample with one IONTOF spectrum export (*.txt) per spot. Every interval of the \
        peak list is integrated in every spot (TIC-normalized areas by default), each peak is scaled (max, as the \
        paper's script, or auto, pareto, poisson, mean-center, none) and PCA is fitted. results/ holds scores, \
        loadings (all and per PC), explained variance, important peaks (|loading| > threshold) and clusters \
        (Gaussian mixture with BIC, k-means); plots/ the scree plot, score/loading bar plots and score scatter \
        plots with 95 % ellipses per sample.
        Example: sims pca study/ --peaks peaks.txt --scaling max --variance 0.95 --clusters auto --out pca-run
        """)

    @Argument(help: "Study root: ROOT/<sample>/<spot>.txt")
    var root: String

    @Option(name: .long, help: "Mass interval list (IONTOF export or plain list)")
    var peaks: String?

    @Option(name: .long, help: "Column scaling: max, auto, pareto, poisson, mean-center, none")
    var scaling: String = "max"

    @Option(name: .long, parsing: .unconditional, help: "Number of principal components", transform: OptionRange.integer(1...1000))
    var components: Int?

    @Option(name: .long, help: "Keep the fewest components explaining more than this fraction of the variance (0–1)")
    var variance: Double?

    @Option(name: .long, help: "Clusters of the scores: a number, auto (Gaussian mixture, BIC) or none")
    var clusters: String = "auto"

    @Option(name: .long, help: "Per-spot normalization before scaling: tic, reference, raw, counts")
    var normalization: String = "tic"

    @Option(name: .customLong("reference"), parsing: .upToNextOption, help: "Reference peak(s) for --normalization reference")
    var references: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "|loading| threshold for important peaks", transform: OptionRange.number(0...1))
    var threshold: Double = 0.05

    @Option(name: .customLong("inputs-xlsx"), help: "The paper script's 'Inputs_ToF - PCA.xlsx' (interval list, number of components)")
    var inputsXLSX: String?

    @Option(name: .long, help: "Seed for the clustering")
    var seed: UInt64 = 0

    @OptionGroup var study: StudySelectionArguments

    @OptionGroup(title: "Output") var output: OutputArguments<PCACommand>

    @OptionGroup(title: "Output") var plots: PlotArguments

    func validate() throws {
        if components != nil && variance != nil { throw ValidationError("give either --components or --variance, not both") }
        if let variance, !(variance > 0 && variance < 1) { throw ValidationError("--variance must be between 0 and 1 (exclusive)") }
        if let components, components < 1 { throw ValidationError("--components must be ≥ 1") }
        guard Scaling(rawValue: scaling) != nil else {
            throw ValidationError("unknown scaling \(scaling); use one of \(Scaling.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard PeakNormalization(rawValue: normalization) != nil else {
            throw ValidationError("unknown normalization \(normalization); use tic, reference, raw or counts")
        }
        if clusters != "auto", clusters != "none", Int(clusters) == nil { throw ValidationError("--clusters takes a number, auto or none") }
    }

    func run() async throws {
        var options = PCAOptions(root: root, peakList: peaks, output: output.out)
        options.selection = try study.selection()
        options.scaling = Scaling(rawValue: scaling)!
        options.normalization = PeakNormalization(rawValue: normalization)!
        options.references = references
        options.importantThreshold = threshold
        options.inputsSpreadsheet = inputsXLSX
        options.seed = seed
        options.plots = !plots.noPlots
        options.figures = try plots.formats()
        options.arguments = Array(CommandLine.arguments.dropFirst())
        options.force = output.force
        if let components { options.components = .count(components) }
        if let variance { options.components = .explainedVariance(variance) }
        switch clusters {
        case "auto": options.clustering = .automatic(maximum: 6)
        case "none": options.clustering = .none
        default: options.clustering = .count(Int(clusters)!)
        }
        let progress = StderrProgress()
        let result = try PCAWorkflow.run(options, progress: progress)
        let runs = result.allPolarities
        let shapes = runs.map { run in
            let explained = CSVTable.format(((run.model.cumulativeExplainedVarianceRatio.last ?? 0) * 1000).rounded() / 10)
            return (run.polarity.map { $0.rawValue + ": " } ?? "") + "\(run.samples.count) spots × \(run.peaks.count) peaks, \(run.model.componentCount) components, \(explained) % of the variance"
        }
        try progress.finish(runs.map(\.record), labels: runs.count > 1 ? runs.map { $0.polarity!.rawValue } : nil,
                            summary: "wrote \(runs.reduce(0) { $0 + $1.record.outputs.count }) files to \(output.out) (\(shapes.joined(separator: "; ")))")
    }
}
