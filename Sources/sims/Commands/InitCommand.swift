import ArgumentParser
import SIMSWorkflows

/// `sims init`: write a commented sims.toml with every Table III field.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented sims.toml template with every Table III field",
        discussion: "Uncomment and fill in the lines that apply; every command reads them into Table III, methods.md and provenance.json."
    )

    @Argument(help: "Where to write the template.")
    var path: String = "sims.toml"

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func run() async throws {
        try ReportWorkflow.writeTemplate(to: path, overwrite: force)
        print("wrote \(path)")
    }
}
