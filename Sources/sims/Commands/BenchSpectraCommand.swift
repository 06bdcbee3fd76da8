import ArgumentParser
import Foundation
import SIMSWorkflows

/// `sims bench spectra`: peak integration speed vs NumPy (see `docs/performance.md`).
struct BenchSpectraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectra",
        abstract: "Time peak integration of the 135 negative HEA spectra × 250 intervals against NumPy")

    @Option(name: .long, help: "Folder with the spectra (default: ../shared/data/hea-catalyst-spectra or $SIMSKIT_SHARED_DATA/hea-catalyst-spectra)")
    var folder: String?

    @Option(name: .long, help: "Number of intervals (≥ 200 for the documented benchmark)")
    var intervals = 250

    @Option(name: .long, help: "Timed repetitions (minimum reported)")
    var repetitions = 20

    @Flag(name: .long, help: "Skip the NumPy comparison")
    var noNumpy = false

    @Option(name: .long, help: "Write the JSON report here (default: stdout only)")
    var out: String?

    func run() async throws {
        var options = SpectraBenchmark.Options(folder: folder ?? BenchmarkOutput.defaultSpectraFolder)
        options.intervals = intervals
        options.repetitions = repetitions
        options.numpy = !noNumpy
        let report = try SpectraBenchmark.run(options)
        try BenchmarkOutput.publish(report, to: out)
    }
}
