import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the multivariate work (issue). Must not remain at the end of the session.
struct PCACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pca", abstract: "Principal component analysis of a study of spectra (not yet available)")
    func run() async throws { throw ValidationError("sims pca is not yet available in this build") }
}
