import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the chemistry work (issue). Must not remain at the end of the session.
struct PeaksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "peaks", abstract: "Build a mass interval list or find peaks in a spectrum (not yet available)")
    func run() async throws { throw ValidationError("sims peaks is not yet available in this build") }
}
