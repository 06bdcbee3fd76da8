import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the spectra work (issue). Must not remain at the end of the session.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Dead time, saturation, isotope and design checks (not yet available)")
    func run() async throws { throw ValidationError("sims check is not yet available in this build") }
}
