import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the simulator work (issue). Must not remain at the end of the session.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Simulate a battery study and run every workflow on it (not yet available)")
    func run() async throws { throw ValidationError("sims demo is not yet available in this build") }
}
