import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the formats work (issue). Must not remain at the end of the session.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Run performance benchmarks and write JSON (not yet available)")
    func run() async throws { throw ValidationError("sims bench is not yet available in this build") }
}
