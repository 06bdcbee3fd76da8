import ArgumentParser
import Foundation
import SIMSView

/// `sims bench view`: the retrospective-image index and queries of `sims view` on a ≥ 1 GB processed imzML.
struct BenchViewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Time sims view's imzML index, m/z-window images and ROI answers on a ≥ 1 GB simulated processed imzML")

    @Option(name: .long, help: "Raster width and height in pixels")
    var size = 256

    @Option(name: .long, help: "Data points per spectrum (12 bytes each)")
    var points = 1400

    @Option(name: .long, help: "Folder for the temporary data (deleted afterwards)")
    var folder: String?

    @OptionGroup var output: BenchmarkReportArguments

    func run() async throws {
        var options = ViewBenchmark.Options()
        options.size = size
        options.pointsPerSpectrum = points
        options.folder = folder
        try output.publish { try ViewBenchmark.run(options, progress: StderrProgress()) }
    }
}
