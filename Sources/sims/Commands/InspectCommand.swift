import ArgumentParser
import SIMSWorkflows

/// `sims inspect PATH...`: kind (from content), size, dimensions, mass range, header metadata.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarize export files: kind (recognised from content), size, dimensions, mass range, header metadata.",
        discussion: "Recognises IONTOF spectra, mass interval lists, depth profiles and ion images, plain interval lists, imzML (storage, raster, spectra), BIF6 and xlsx. A folder is inspected file by file. Exit code 3 when some files could not be read, 1 when none could.")

    @Argument(help: "Files or folders (every file inside, recursively) to inspect.")
    var files: [String]

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let result = InspectWorkflow.inspect(paths: files)
        print(json ? InspectWorkflow.json(of: result.summaries) : InspectWorkflow.text(of: result.summaries), terminator: "")
        for failure in result.failures { printToStderr("error: \(failure)\n") }
        if !result.failures.isEmpty {
            throw ExitCode(result.summaries.isEmpty ? 1 : ExitStatus.completedWithErrors)
        }
    }
}
