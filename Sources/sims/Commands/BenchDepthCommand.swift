import ArgumentParser
import Foundation
import SIMSBenchmarks
import SIMSWorkflows

/// `sims bench depth`: reading and analysing depth profiles vs a NumPy port (see `docs/performance.md`).
struct BenchDepthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "depth",
        abstract: "Time reading and analysing the 27 real depth profiles (normalization, interfaces) against NumPy")

    @OptionGroup var arguments: FolderBenchmarkArguments

    func run() async throws {
        let options = arguments.options(sharedData: "perovskite-depth-profiles")
        try arguments.report.publish(reading: [options.folder]) { try DepthBenchmark.run(options) }
    }
}
