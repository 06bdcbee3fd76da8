import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the spectra work (issue). Must not remain at the end of the session.
struct SpectraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "spectra", abstract: "Integrate, normalize and compare peak areas over a study of spectra (not yet available)")
    func run() async throws { throw ValidationError("sims spectra is not yet available in this build") }
}
