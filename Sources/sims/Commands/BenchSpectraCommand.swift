import ArgumentParser
import Foundation
import SIMSBenchmarks
import SIMSWorkflows

/// `sims bench spectra`: peak integration speed vs NumPy (see `docs/performance.md`).
struct BenchSpectraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectra",
        abstract: "Time peak integration of the 135 negative HEA spectra × 250 intervals against NumPy")

    @OptionGroup var arguments: FolderBenchmarkArguments

    @Option(name: .long, help: "Number of intervals (≥ 200 for the documented benchmark)")
    var intervals = 250

    func run() async throws {
        var options = SpectraBenchmark.Options(arguments.options(sharedData: "hea-catalyst-spectra", repetitions: 20))
        options.intervals = intervals
        try arguments.report.publish(reading: [options.common.folder]) { try SpectraBenchmark.run(options) }
    }
}
