import ArgumentParser
import Foundation
import SIMSBenchmarks
import SIMSWorkflows

/// `sims bench imzml`: peak-image extraction speed and memory on a large simulated processed imzML.
struct BenchImzMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imzml",
        abstract: "Time peak-image extraction from a ≥ 1 GB simulated processed imzML; report MB/s and peak RSS")

    @Option(name: .long, help: "Raster width and height in pixels")
    var size = 256

    @Option(name: .long, help: "Data points per spectrum (12 bytes each)")
    var points = 1400

    @Option(name: .long, help: "Number of peak intervals")
    var peaks = 50

    @Option(name: .long, help: "Folder for the temporary data (deleted afterwards)")
    var folder: String?

    @Flag(name: .long, help: "Skip the pyimzML/NumPy comparison")
    var noNumpy = false

    @OptionGroup var output: BenchmarkReportArguments

    func run() async throws {
        var options = ImzMLBenchmark.Options()
        options.width = size
        options.height = size
        options.pointsPerSpectrum = points
        options.peaks = peaks
        options.folder = folder
        options.numpy = !noNumpy
        try output.publish { try ImzMLBenchmark.run(options, progress: StderrProgress()) }
    }
}
