import ArgumentParser
import SIMSWorkflows

/// `sims simulate`: simulated battery ToF-SIMS data in real export formats, with ground truth.
struct SimulateCommand: AsyncParsableCommand, OutputFolderCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write simulated battery ToF-SIMS data (IONTOF exports, BIF6, sims.toml) with ground truth (truth.json).",
        discussion: """
        Presets: study (3 samples x 5 spots, spectra in both polarities), imaging (256x256 ion images with \
        topography), depth (Li | SEI | Li6PS5Cl | cathode depth profile), volume (3-D stack), all. \
        Equal seeds give identical files. See docs/simulator.md.
        """)

    static let defaultOutputFolder: String? = "sims-simulated"

    @Option(help: "Preset: study, imaging, depth, volume or all.")
    var preset: String = "all"

    @Option(help: "Random seed (equal seeds give identical files).")
    var seed: UInt64 = 1

    @Flag(help: "Print nothing but warnings and errors.")
    var quiet = false

    @OptionGroup(title: "Output") var output: OutputArguments<SimulateCommand>

    func run() async throws {
        guard let chosen = SimulationPreset(rawValue: preset.lowercased()) else {
            throw ValidationError("unknown preset \"\(preset)\"; expected one of: " + SimulationPreset.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let simulation = try SimulateWorkflow.run(preset: chosen, seed: seed, folder: output.out, force: output.force, progress: StderrProgress(quiet: quiet))
        if !quiet {
            print("wrote \(simulation.files.count) files to \(output.out)/ (ground truth: \(output.out)/truth.json)")
        }
    }
}
