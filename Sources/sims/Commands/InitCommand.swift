import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the report work (issue). Must not remain at the end of the session.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented sims.toml template (not yet available)")
    func run() async throws { throw ValidationError("sims init is not yet available in this build") }
}
