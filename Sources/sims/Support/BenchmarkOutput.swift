import ArgumentParser
import Foundation
import SIMSBenchmarks
import SIMSWorkflows

/// What every `sims bench` subcommand shares.
enum BenchmarkOutput {
    /// `$SIMSKIT_SHARED_DATA/<name>`, else `../shared/data/<name>`.
    static func sharedDataFolder(_ name: String) -> String {
        (ProcessInfo.processInfo.environment["SIMSKIT_SHARED_DATA"] ?? "../shared/data") + "/" + name
    }

    /// Prints `report` as pretty, key-sorted JSON (non-finite numbers as `"inf"`/`"nan"` strings) and, when
    /// `out` is given, also writes it there atomically.
    static func publish(_ report: some Encodable, to out: String?) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        if let out { try AtomicFile.write(json + "\n", to: out) }
        print(json)
    }
}

/// The options of the benchmarks that time a folder of real exports against NumPy.
struct FolderBenchmarkArguments: ParsableArguments {
    @Option(name: .long, help: "Folder with the exports (default: the command's folder under $SIMSKIT_SHARED_DATA, else ../shared/data)")
    var folder: String?

    @Option(name: .long, help: "Timed repetitions, the minimum is reported (default: 5; spectra 20)")
    var repetitions: Int?

    @Flag(name: .long, help: "Skip the NumPy comparison")
    var noNumpy = false

    @Option(name: .long, help: "Write the JSON report here (default: stdout only)")
    var out: String?

    /// The options with `sharedData` (a folder of the shared data) and `repetitions` as defaults.
    func options(sharedData: String, repetitions defaultRepetitions: Int = 5) -> FolderBenchmarkOptions {
        var options = FolderBenchmarkOptions(folder: folder ?? BenchmarkOutput.sharedDataFolder(sharedData))
        options.repetitions = repetitions ?? defaultRepetitions
        options.numpy = !noNumpy
        return options
    }
}
