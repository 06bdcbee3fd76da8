import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the microstructure work (issue). Must not remain at the end of the session.
struct MicrostructureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "microstructure", abstract: "Phase segmentation, fractions, interfaces and tortuosity (not yet available)")
    func run() async throws { throw ValidationError("sims microstructure is not yet available in this build") }
}
