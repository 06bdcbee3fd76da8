import ArgumentParser
import Foundation
import SIMSWorkflows

/// `sims bench depth`: reading and analysing depth profiles vs a NumPy port (see `docs/performance.md`).
struct BenchDepthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "depth",
        abstract: "Time reading and analysing the 27 real depth profiles (normalization, interfaces) against NumPy")

    @Option(name: .long, help: "Folder with depth-profile exports (default: ../shared/data/perovskite-depth-profiles or $SIMSKIT_SHARED_DATA/perovskite-depth-profiles)")
    var folder: String?

    @Option(name: .long, help: "Timed repetitions (minimum reported)")
    var repetitions = 5

    @Flag(name: .long, help: "Skip the NumPy comparison")
    var noNumpy = false

    @Option(name: .long, help: "Write the JSON report here (default: stdout only)")
    var out: String?

    func run() async throws {
        var options = DepthBenchmark.Options(folder: folder ?? BenchmarkOutput.sharedDataFolder("perovskite-depth-profiles"))
        options.repetitions = repetitions
        options.numpy = !noNumpy
        try BenchmarkOutput.publish(try DepthBenchmark.run(options), to: out)
    }
}
