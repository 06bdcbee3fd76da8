import ArgumentParser
import Foundation
import SIMSWorkflows

/// `sims deconvolve`: overlapping isotope clusters resolved by a certified non-negative least-squares fit of
/// isotope-pattern templates. Thin wrapper over ``DeconvolveWorkflow``.
struct DeconvolveCommand: AsyncParsableCommand {
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

    @Option(name: .long, help: "Comma-separated candidate ions (Ru_2-,RuPd-).")
    var species: String?

    @Option(name: .long, help: "Comma-separated elements whose clusters are the candidates (Ru,Pt,Pd).")
    var elements: String?

    @Option(name: .customLong("max-atoms"), parsing: .unconditional, help: "Largest cluster size with --elements.", transform: OptionRange.integer(1...12, "atoms"))
    var maxAtoms: Int = 3

    @Option(name: .long, parsing: .unconditional, help: "Bin width in u (templates and spectrum binned alike).", transform: OptionRange.number(0.001...10, "u", excludingLower: false))
    var bin: Double?

    @Option(name: .long, parsing: .unconditional, help: "Gaussian templates at this resolving power m/Δm (FWHM) on the spectrum's channels instead of bins.", transform: OptionRange.number(10...1e7))
    var resolution: Double?

    @Option(name: .long, help: "Weighting: poisson (maximum likelihood, default), observedCounts (1/max(y,1)), uniform.")
    var weighting: String = "poisson"

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Flag(name: .long, help: "Write into a folder holding files sims did not write.")
    var force = false

    func validate() throws {
        if (species == nil) == (elements == nil) { throw ValidationError("give either --species or --elements") }
        if bin != nil && resolution != nil { throw ValidationError("give either --bin or --resolution, not both") }
        if IsotopeDeconvolution.Weighting(rawValue: weighting) == nil {
            throw ValidationError("unknown weighting \(weighting); use poisson, observedCounts or uniform")
        }
    }

    func run() async throws {
        let candidates: DeconvolveWorkflow.Candidates
        if let species {
            candidates = .species(species.split(separator: ",").map(String.init))
        } else {
            candidates = .elements(elements!.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }, maximumAtoms: maxAtoms)
        }
        var options = DeconvolveWorkflow.Options(path: path, candidates: candidates, output: out)
        if let resolution { options.peakShape = .gaussian(resolvingPower: resolution) } else { options.peakShape = .binned(width: bin ?? 0.5) }
        options.weighting = IsotopeDeconvolution.Weighting(rawValue: weighting)!
        options.force = force
        options.arguments = Array(CommandLine.arguments.dropFirst())
        let progress = StderrProgress()
        let report = try DeconvolveWorkflow.run(options, progress: progress)
        try progress.finish(report.record, summary: "\(report.fits.count) spectra fitted, \(report.certifiedCount) certified; wrote \(report.record.outputs.count) files to \(out)")
    }
}
