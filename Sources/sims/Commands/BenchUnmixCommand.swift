import ArgumentParser
import Foundation
import SIMSBenchmarks
import SIMSWorkflows

/// `sims bench unmix`: the phase unmixing of the simulated 3-D cathode stack against the threshold segmentation and a
/// NumPy/SciPy per-voxel NNLS in the same run.
struct BenchUnmixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmix",
        abstract: "Time the phase unmixing of the simulated 3-D cathode stack (64² × 24) against the threshold segmentation and NumPy/SciPy")

    @Option(name: .long, help: "Pixels per plane edge")
    var raster = 64

    @Option(name: .long, help: "Scans per plane (dose)")
    var scans = 5

    @Flag(name: .customLong("no-numpy"), help: "Skip the NumPy/SciPy reference")
    var noNumPy = false

    @OptionGroup var output: BenchmarkReportArguments

    func run() async throws {
        var options = UnmixingBenchmark.Options()
        options.raster = raster
        options.scans = scans
        options.numpy = !noNumPy
        try output.publish { try UnmixingBenchmark.run(options) }
    }
}
