import ArgumentParser
import Foundation
import SIMSWorkflows

/// `sims deconvolve`: overlapping isotope clusters resolved by a certified non-negative least-squares fit of
/// isotope-pattern templates. Thin wrapper over ``DeconvolveWorkflow``.
struct DeconvolveCommand: AsyncParsableCommand, OutputFolderCommand {
    static let configuration = CommandConfiguration(
        commandName: "deconvolve",
        abstract: "Fit spectra as non-negative sums of isotope patterns, solved to a certified (KKT) optimum.",
        discussion: """
        sims deconvolve ROOT --elements Ru,Rh,Pd,Ir,Pt --max-atoms 3 --out DIR
        sims deconvolve spectrum.txt --species "Ru_2-,RuPd-,Pd_2-,Ru_2O-" --resolution 3000 --out DIR

        Candidates from --species (IONTOF or plain notation; those matching the spectrum's polarity are used) or \
        every cluster of --elements with 1…--max-atoms atoms (charge −1 in negative, +1 in positive spectra; the \
        polarity comes from the header or a file name starting N_/P_), pruned to the spectrum's mass range. \
        Templates are binned like the spectrum (--bin, default 0.5 u) or Gaussian at --resolution (m/Δm). \
        Writes results/deconvolution_{amounts,certificates,groups,candidates}.csv, results/fits/<spectrum>.csv \
        and the report; docs/deconvolution.md explains the model, the certificate and the uncertainties.
        """)

    @Argument(help: "A spectrum export or a folder of them (searched recursively for *.txt).")
    var path: String

    @OptionGroup var model: DeconvolutionArguments

    @OptionGroup(title: "Output") var output: OutputArguments<DeconvolveCommand>

    func validate() throws { _ = try model.model() }

    func run() async throws {
        var options = DeconvolveWorkflow.Options(path: path, model: try model.model(), output: output.out)
        options.force = output.force
        options.arguments = Array(CommandLine.arguments.dropFirst())
        let progress = StderrProgress()
        let report = try DeconvolveWorkflow.run(options, progress: progress)
        try progress.finish(report.record, summary: "\(report.fits.count) spectra fitted, \(report.certifiedCount) certified; wrote \(report.record.outputs.count) files to \(output.out)")
    }
}
