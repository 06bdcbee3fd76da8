import ArgumentParser
import SIMSWorkflows

/// `sims check FILE|ROOT`: dead time, saturation, isotope and design checks on their own.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Dead time, saturation, isotope and design checks",
        discussion: """
        FILE is a spectrum export or an IONTOF interval list (Area vs Uncorrected Area); ROOT a study folder \
        ROOT/<sample>/<spot>.txt. Findings go to stdout; with --out, results/saturation.csv and isotopes.csv, \
        and plots/: the mean spectrum of each sample per polarity and a zoom on every peak flagged for saturation.
        Example: sims check Example_mass_interval_list.txt
        """)

    @Argument(help: "Spectrum, interval list, or study folder")
    var path: String

    @Option(name: .long, help: "Peak list for per-peak saturation and isotope checks of spectra")
    var peaks: String?

    @Option(name: .customLong("primary-pulses"), parsing: .unconditional, help: "Number of primary pulses N = scans × shots per pixel × pixels", transform: OptionRange.number(1...1e15, "pulses"))
    var primaryPulses: Double?

    @OptionGroup var study: StudySelectionArguments

    @Option(name: .long, help: OutputHelp.optionalFolder)
    var out: String?

    @Flag(name: .long, help: OutputHelp.forceFolder)
    var force = false

    @OptionGroup var plots: PlotArguments

    func run() async throws {
        var options = CheckWorkflow.Options(path: path)
        options.peakList = peaks
        options.primaryPulses = primaryPulses
        options.output = out
        options.force = force
        options.plots = !plots.noPlots
        options.figures = try plots.formats()
        options.selection = try study.selection()
        let report = try CheckWorkflow.run(options)
        // Findings on stdout; errors (unreadable spot files) on stderr, where every command prints them.
        for line in report.lines {
            if line.hasPrefix("error: ") { printToStderr(line + "\n") } else { print(line) }
        }
        if report.record.outcome == .completedWithErrors { throw ExitCode(ExitStatus.completedWithErrors) }
    }
}
