import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the depth work (issue). Must not remain at the end of the session.
struct DepthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "depth", abstract: "Depth profiles: normalization, depth scale, interfaces (not yet available)")
    func run() async throws { throw ValidationError("sims depth is not yet available in this build") }
}
