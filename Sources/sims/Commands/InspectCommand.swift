import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the formats work (issue). Must not remain at the end of the session.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Summarize export files: kind, size, mass range, header metadata (not yet available)")
    func run() async throws { throw ValidationError("sims inspect is not yet available in this build") }
}
