import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the multivariate work (issue). Must not remain at the end of the session.
struct MVACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mva", abstract: "PCA, MCR-ALS, NMF or MAF of ion images (not yet available)")
    func run() async throws { throw ValidationError("sims mva is not yet available in this build") }
}
