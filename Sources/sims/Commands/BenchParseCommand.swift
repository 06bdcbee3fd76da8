import ArgumentParser
import Foundation
import SIMSWorkflows

/// `sims bench parse`: spectrum parsing throughput vs NumPy (see `docs/performance.md`).
struct BenchParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Time parsing of all IONTOF spectrum exports in a folder (~40 MB) against NumPy; report MB/s")

    @Option(name: .long, help: "Folder with the spectra (default: ../shared/data/hea-catalyst-spectra or $SIMSKIT_SHARED_DATA/hea-catalyst-spectra)")
    var folder: String?

    @Option(name: .long, help: "Timed repetitions (minimum reported)")
    var repetitions = 5

    @Flag(name: .long, help: "Skip the NumPy comparison")
    var noNumpy = false

    @Option(name: .long, help: "Write the JSON report here (default: stdout only)")
    var out: String?

    func run() async throws {
        var options = ParseBenchmark.Options(folder: folder ?? BenchmarkOutput.defaultSpectraFolder)
        options.repetitions = repetitions
        options.numpy = !noNumpy
        let report = try ParseBenchmark.run(options)
        try BenchmarkOutput.publish(report, to: out)
    }
}
