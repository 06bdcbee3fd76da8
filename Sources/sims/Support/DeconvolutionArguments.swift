import ArgumentParser
import SIMSWorkflows

/// The deconvolution model's options, shared by `sims deconvolve` and `sims spectra --deconvolve`.
struct DeconvolutionArguments: ParsableArguments {
    @Option(name: .long, help: "Comma-separated candidate ions (Ru_2-,RuPd-).")
    var species: String?

    @Option(name: .long, help: "Comma-separated elements whose clusters are the candidates (Ru,Pt,Pd).")
    var elements: String?

    @Option(name: .customLong("max-atoms"), parsing: .unconditional, help: "Largest cluster size with --elements (default 3).", transform: OptionRange.integer(1...12, "atoms"))
    var maxAtoms: Int?

    @Option(name: .long, parsing: .unconditional, help: "Bin width in u (templates and spectrum binned alike; default 0.5).", transform: OptionRange.number(0.001...10, "u", excludingLower: false))
    var bin: Double?

    @Option(name: .long, parsing: .unconditional, help: "Gaussian templates at this resolving power m/Δm (FWHM) on the spectrum's channels instead of bins.", transform: OptionRange.number(10...1e7))
    var resolution: Double?

    @Option(name: .long, help: "Weighting: poisson (maximum likelihood, default), observedCounts (1/max(y,1)), uniform.")
    var weighting: String?

    @Option(name: .long, parsing: .unconditional, help: "Parametric Poisson bootstrap replicates per spectrum: standard errors and 95 % upper bounds for species at zero (default 0: none).", transform: OptionRange.integer(0...100_000, "replicates"))
    var bootstrap: Int?

    /// Whether any of the options was given.
    var isEmpty: Bool { species == nil && elements == nil && maxAtoms == nil && bin == nil && resolution == nil && weighting == nil && bootstrap == nil }

    /// The model the options describe.
    func model() throws -> DeconvolveWorkflow.Model {
        do {
            return try DeconvolveWorkflow.Model(species: species, elements: elements, maximumAtoms: maxAtoms, bin: bin, resolution: resolution,
                                                weighting: weighting, bootstrap: bootstrap, source: "the command line")
        } catch { throw ValidationError(error.message + (error.expected.map { " (expected \($0))" } ?? "")) }
    }
}
