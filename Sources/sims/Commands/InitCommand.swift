import ArgumentParser
import SIMSWorkflows

/// `sims init`: write a commented sims.toml with every Table III field.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented sims.toml template with every Table III field",
        discussion: "Uncomment and fill in the lines that apply; every command reads them into Table III, methods.md and provenance.json."
    )

    @Argument(help: "Where to write the template: a file ending in .toml, or a study folder (ROOT/sims.toml; a new folder is created).")
    var path: String = "sims.toml"

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func run() async throws {
        let samples = try ReportWorkflow.writeTemplate(to: path, overwrite: force)
        let written = ReportWorkflow.templatePath(for: path)
        if samples.isEmpty {
            print("wrote \(written) — no sample folders found beside it: list your samples under [samples]")
        } else {
            print("wrote \(written) with \(samples.count) sample(s): \(samples.joined(separator: ", "))")
        }
    }
}
