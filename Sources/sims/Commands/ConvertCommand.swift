import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the images work (issue). Must not remain at the end of the session.
struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "convert", abstract: "Convert image data between IONTOF ASCII, BIF6 and imzML (not yet available)")
    func run() async throws { throw ValidationError("sims convert is not yet available in this build") }
}
