import ArgumentParser
import Foundation
import SIMSBenchmarks
import SIMSWorkflows

/// `sims bench parse`: spectrum parsing throughput vs NumPy (see `docs/performance.md`).
struct BenchParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Time parsing of all IONTOF spectrum exports in a folder (~40 MB) against NumPy; report MB/s")

    @OptionGroup var arguments: FolderBenchmarkArguments

    func run() async throws {
        let options = arguments.options(sharedData: "hea-catalyst-spectra")
        try arguments.report.publish(reading: [options.folder]) { try ParseBenchmark.run(options) }
    }
}
