import ArgumentParser
import SIMSWorkflows

/// `sims report DIR`: rebuild report.html and methods.md of an output folder.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild report.html, methods.md and provenance.json of an output folder",
        discussion: """
        Every sims command stores report.json in its output folder; this command renders the page again \
        (figures are re-read from plots/). With --config, Table III is filled in again from an edited sims.toml, \
        e.g. after adding the fields methods.md listed as missing.
        """
    )

    @Argument(help: "Output folder of a sims command (holds report.json).")
    var folder: String

    @Option(help: "A sims.toml whose [acquisition], [sample_preparation] and [data_evaluation] fields refill Table III.")
    var config: String?

    func run() async throws {
        var metadata: Metadata?
        if let config { metadata = try TOMLFlattening.metadata(fromFile: config) }
        let written = try ReportWorkflow.rebuild(folder: folder, config: metadata)
        print("wrote " + written.map { folder + "/" + $0 }.joined(separator: ", "))
    }
}
