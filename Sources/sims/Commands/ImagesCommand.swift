import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the images work (issue). Must not remain at the end of the session.
struct ImagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "images", abstract: "Pixel-by-pixel normalization, multiplication and overlays of ion images (not yet available)")
    func run() async throws { throw ValidationError("sims images is not yet available in this build") }
}
