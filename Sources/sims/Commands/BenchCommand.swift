import ArgumentParser
import SIMSWorkflows

/// `sims bench`: performance benchmarks that write JSON and compare with the fastest alternative.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run performance benchmarks and write JSON",
        subcommands: [
            BenchSpectraCommand.self,
            BenchParseCommand.self,
            BenchPCACommand.self,
            BenchImzMLCommand.self,
            BenchTortuosityCommand.self,
            BenchUnmixCommand.self,
            BenchDeconvolveCommand.self,
            BenchDepthCommand.self,
            BenchViewCommand.self,
            BenchWorkflowsCommand.self,
        ])
}
