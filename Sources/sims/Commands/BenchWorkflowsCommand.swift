import ArgumentParser
import Foundation
import SIMSBenchmarks
import SIMSWorkflows

/// `sims bench workflows`: whole `sims spectra|images|pca` processes vs the NumPy script (see `docs/performance.md`).
struct BenchWorkflowsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflows",
        abstract: "Time sims spectra, images and pca end to end (whole processes, figures off) against vectorized NumPy",
        discussion: """
        Runs each workflow as a child process next to Tests/Reference/workflows_numpy.py doing the same reading, \
        integration/normalization, statistics and CSV writing, and reports CPU (user + sys, from wait4) and wall \
        time of both. Inputs: the 135 negative HEA spectra × 200 intervals; a simulated 256² image study.
        """)

    @Option(name: .long, help: "Folder with the HEA spectra (default: hea-catalyst-spectra under $SIMSKIT_SHARED_DATA, else ../shared/data)")
    var folder: String?

    @Option(name: .long, help: "The NumPy script (default: Tests/Reference/workflows_numpy.py of this source tree)")
    var script: String?

    @Flag(name: .long, help: "Skip the NumPy comparison")
    var noNumpy = false

    @Option(name: .long, help: "Runs per workflow and side; the minimum CPU and wall times are reported")
    var repetitions = 3

    @Option(name: .long, help: "Keep inputs and outputs in this folder (default: a temporary folder, removed)")
    var scratch: String?

    @OptionGroup var output: BenchmarkReportArguments

    func run() async throws {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let defaultScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tests/Reference/workflows_numpy.py").path
        var options = WorkflowBenchmark.Options(spectraFolder: folder ?? BenchmarkOutput.sharedDataFolder("hea-catalyst-spectra"),
                                                executable: executable, numpyScript: noNumpy ? nil : (script ?? defaultScript))
        options.repetitions = repetitions
        options.scratch = scratch
        try output.publish(reading: [options.spectraFolder, options.numpyScript]) {
            try WorkflowBenchmark.run(options, progress: StderrProgress(quiet: false))
        }
    }
}
