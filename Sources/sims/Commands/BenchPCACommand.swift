import ArgumentParser
import Foundation
import SIMSBenchmarks
import SIMSWorkflows

/// `sims bench pca`: PCA speed vs scikit-learn (see `docs/performance.md`).
struct BenchPCACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pca",
        abstract: "Time PCA of a 65,536 × 400 matrix (5 and 20 components) against scikit-learn")

    @Option(name: .long, help: "Rows (pixels)")
    var rows = 65_536

    @Option(name: .long, help: "Columns (peaks)")
    var columns = 400

    @Option(name: .long, help: "Timed repetitions (minimum reported)")
    var repetitions = 3

    @Flag(name: .long, help: "Skip the scikit-learn comparison")
    var noSklearn = false

    @OptionGroup var output: BenchmarkReportArguments

    func run() async throws {
        var options = PCABenchmark.Options()
        options.rows = rows
        options.columns = columns
        options.repetitions = repetitions
        options.sklearn = !noSklearn
        try output.publish { try PCABenchmark.run(options) }
    }
}
