import ArgumentParser
import Foundation
import SIMSAnalysis
import SIMSBenchmarks
import SIMSWorkflows

/// `sims bench tortuosity`: τ of a 256³ random pore volume — time and peak memory — and SciPy on a smaller volume.
struct BenchTortuosityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tortuosity",
        abstract: "Time the tortuosity factor of a size³ volume (default 256³), peak memory, and SciPy spsolve on a smaller one")

    @Option(name: .long, help: "Edge of the benchmark volume in voxels")
    var size = 256

    @Option(name: .customLong("scipy-size"), help: "Edge of the volume also solved by SciPy spsolve (0 = skip)")
    var scipySize = 40

    @OptionGroup var output: BenchmarkReportArguments

    func run() async throws {
        var options = TortuosityBenchmark.Options()
        options.size = size
        options.scipySize = scipySize
        try output.publish { try TortuosityBenchmark.run(options) }
    }
}
