import ArgumentParser
import Foundation
import SIMSWorkflows

/// The `sims` command: ToF-SIMS data evaluation for battery research.
@main
struct SIMS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sims",
        abstract: "Turn raw ToF-SIMS exports into trustworthy, publication-ready results.",
        discussion: """
        Start with `sims demo`: it simulates a battery study and runs every workflow on it.
        Every command writes an output folder with results/*.csv, plots, report.html and provenance.json.
        """,
        version: SIMSKitVersion.current,
        subcommands: [
            InspectCommand.self,
            DemoCommand.self,
            SimulateCommand.self,
            SpectraCommand.self,
            CheckCommand.self,
            ImagesCommand.self,
            ConvertCommand.self,
            PCACommand.self,
            MVACommand.self,
            DepthCommand.self,
            MicrostructureCommand.self,
            PeaksCommand.self,
            DeconvolveCommand.self,
            QuantifyCommand.self,
            ReportCommand.self,
            ViewCommand.self,
            InitCommand.self,
            BenchCommand.self,
        ]
    )

    /// Parses the command line and runs the command, with ``InterruptCleanup`` installed: an interrupted run
    /// leaves its previous output folder and no temporary files.
    static func main() async {
        InterruptCleanup.install()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
