import ArgumentParser
import SIMSWorkflows

// PLACEHOLDER — to be replaced by the report work (issue). Must not remain at the end of the session.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Rebuild the HTML report of an output folder (not yet available)")
    func run() async throws { throw ValidationError("sims report is not yet available in this build") }
}
