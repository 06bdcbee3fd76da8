import ArgumentParser
import Foundation
import SIMSBenchmarks
import SIMSWorkflows

/// `sims bench deconvolve`: certified NNLS on the real HEA deconvolution problems against SciPy's nnls (same run)
/// and a fixed 1,000-sweep solver.
struct BenchDeconvolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deconvolve",
        abstract: "Time the certified NNLS on the HEA cluster-deconvolution problems against scipy.optimize.nnls and a fixed-sweep solver")

    @Option(name: .long, help: "Folder of spectrum exports (default: hea-catalyst-spectra under $SIMSKIT_SHARED_DATA, else ../shared/data)")
    var folder: String?

    @Option(name: .long, help: "Cluster elements")
    var elements = "Ru,Rh,Pd,Ir,Pt"

    @Option(name: .customLong("max-atoms"), parsing: .unconditional, help: "Largest cluster", transform: OptionRange.integer(1...8, "atoms"))
    var maxAtoms = 3

    @Option(name: .long, parsing: .unconditional, help: "Sweeps of the fixed-iteration solver", transform: OptionRange.integer(1...1_000_000))
    var sweeps = 1000

    @Option(name: .long, parsing: .unconditional, help: "Timed repetitions (minimum reported)", transform: OptionRange.integer(1...1000))
    var repetitions = 3

    @Flag(name: .long, help: "Skip the SciPy comparison")
    var noScipy = false

    @OptionGroup var output: BenchmarkReportArguments

    func run() async throws {
        var options = DeconvolutionBenchmark.Options(folder: folder ?? BenchmarkOutput.sharedDataFolder("hea-catalyst-spectra"))
        options.elements = elements.split(separator: ",").map(String.init)
        options.maximumAtoms = maxAtoms
        options.sweeps = sweeps
        options.repetitions = repetitions
        options.scipy = !noScipy
        try output.publish(reading: [options.folder]) { try DeconvolutionBenchmark.run(options) }
    }
}
