import ArgumentParser
import SIMSWorkflows

/// `sims demo`: simulate a battery study with known truth and run every workflow on it.
struct DemoCommand: AsyncParsableCommand, OutputFolderCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Simulate battery ToF-SIMS data with known truth and run every SIMSKit workflow on it.",
        discussion: "Writes DIR/data (simulated exports + truth.json), one folder per workflow and DIR/report.html.")

    static let defaultOutputFolder: String? = "sims-demo"

    @Option(help: "Random seed of the simulation.")
    var seed: UInt64 = 1

    @Flag(help: "Print nothing but warnings and errors.")
    var quiet = false

    @OptionGroup(title: "Output") var output: OutputArguments<DemoCommand>

    func run() async throws {
        let result = try DemoWorkflow.run(folder: output.out, seed: seed, arguments: CommandLine.arguments.dropFirst().map { $0 }, force: output.force,
                                          progress: StderrProgress(quiet: quiet))
        print("""
        SIMSKit demo finished: \(result.completed.count) workflow(s) on simulated data with known truth.
          open \(output.out)/report.html        the report (links to every workflow's own report)
          \(output.out)/data/truth.json         what the analyses should find
          \(output.out)/data/                   the simulated IONTOF exports (try them with other sims commands)
        """)
        if result.record.outcome == .completedWithErrors {
            for failure in result.record.failures { printToStderr("error: \(failure.input): \(failure.message)\n") }
            throw ExitCode(ExitStatus.completedWithErrors)
        }
    }
}
