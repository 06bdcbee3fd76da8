import ArgumentParser
import SIMSWorkflows

/// `sims spectra`: peak areas, normalizations, saturation, isotope checks and sample statistics over a study.
struct SpectraCommand: AsyncParsableCommand, OutputFolderCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectra",
        abstract: "Integrate, normalize and compare peak areas over a study of spectra",
        discussion: """
        ROOT holds one folder per sample with one IONTOF spectrum export (*.txt) per spot. Every interval of the \
        peak list is integrated (trapezoid, bounds inclusive) in every spot; results/ holds the long and wide \
        tables, summaries, saturation, isotope checks and between-sample tests; plots/ the box plots.
        Example: sims spectra study/ --peaks peaks.txt --reference SiO_2- --important LiF_2- --out results-run
        """)

    @Argument(help: "Study root: ROOT/<sample>/<spot>.txt")
    var root: String

    @Option(name: .long, help: "Mass interval list (IONTOF export or plain list)")
    var peaks: String?

    @Option(name: .customLong("reference"), parsing: .upToNextOption, help: "Reference peak(s) by assignment or #row; areas are divided by their summed area")
    var references: [String] = []

    @Option(name: .customLong("important"), parsing: .upToNextOption, help: "Peaks plotted in plots/ (others go to plots/extra/)")
    var important: [String] = []

    @Option(name: .long, help: "sims.toml with the same settings (paths relative to it)")
    var config: String?

    @Option(name: .customLong("inputs-xlsx"), help: "The paper script's Inputs_ToF_spectra_analyzer.xlsx")
    var inputsXLSX: String?

    @Option(name: .customLong("primary-pulses"), parsing: .unconditional, help: "Number of primary pulses N = scans × shots per pixel × pixels (for saturation and dead time)", transform: OptionRange.number(1...1e15, "pulses"))
    var primaryPulses: Double?

    @Option(name: .long, help: "Normalization for statistics and plots: tic, reference, raw, counts, tic_without_saturated, corrected_tic")
    var normalization: String?

    @Flag(name: .long, help: "Also fit every spot as a non-negative sum of isotope patterns (as sims deconvolve; needs --species or --elements, or use a [deconvolution] table in sims.toml)")
    var deconvolve = false

    @OptionGroup(title: "Deconvolution (with --deconvolve)") var deconvolution: DeconvolutionArguments

    @OptionGroup var study: StudySelectionArguments

    @OptionGroup(title: "Output") var output: OutputArguments<SpectraCommand>

    @OptionGroup(title: "Output") var plots: PlotArguments

    func validate() throws {
        if deconvolve { _ = try deconvolution.model() } else if !deconvolution.isEmpty {
            throw ValidationError("--species, --elements, --max-atoms, --bin, --resolution, --weighting and --bootstrap belong to --deconvolve")
        }
    }

    func run() async throws {
        var options = SpectraOptions(root: root, peakList: peaks, output: output.out)
        options.selection = try study.selection()
        options.references = references
        options.important = important
        options.inputsSpreadsheet = inputsXLSX
        options.primaryPulses = primaryPulses
        options.plots = !plots.noPlots
        options.figures = try plots.formats()
        options.configuration = config
        options.arguments = Array(CommandLine.arguments.dropFirst())
        options.force = output.force
        if deconvolve { options.deconvolution = try deconvolution.model() }
        if let normalization {
            guard let value = PeakNormalization(rawValue: normalization) else {
                throw ValidationError("unknown normalization \(normalization); use one of \(PeakNormalization.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            options.primaryNormalization = value
        }
        let progress = StderrProgress()
        let result = try SpectraWorkflow.run(options, progress: progress)
        let runs = result.allPolarities
        let shapes = runs.map { ($0.polarity.map { $0.rawValue + ": " } ?? "") + "\($0.table.rows.count) spots × \($0.table.peaks.count) peaks" }
        try progress.finish(runs.map(\.record), labels: runs.count > 1 ? runs.map { $0.polarity!.rawValue } : nil,
                            summary: "wrote \(runs.reduce(0) { $0 + $1.record.outputs.count }) files to \(output.out) (\(shapes.joined(separator: "; ")))")
    }
}
