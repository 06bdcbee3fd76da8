import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the simulator work (issue). Must not remain at the end of the session.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", abstract: "Write simulated battery ToF-SIMS data with ground truth (not yet available)")
    func run() async throws { throw ValidationError("sims simulate is not yet available in this build") }
}
