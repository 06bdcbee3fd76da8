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
}

/// `--out FILE` and `--force` of every `sims bench` subcommand: the JSON report goes to stdout and, with `--out`, to a
/// file under the rules of every command's output files (``OutputFile``: never an input, an existing file only
/// with `--force`, written atomically).
struct BenchmarkReportArguments: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Also write the JSON report to this file (default: stdout only).", valueName: "file"))
    var out: String?

    @Flag(name: .long, help: OutputHelp.forceFile)
    var force = false

    /// Checks `--out` against `inputs` (the files and folders the benchmark reads), runs `benchmark`, prints its
    /// report as pretty, key-sorted JSON (non-finite numbers as `"inf"`/`"nan"` strings) and, with `--out`, writes
    /// it there atomically. `--out` is checked before the benchmark runs (a long run is not lost to a path that
    /// cannot be written) and again before writing (the file may have appeared meanwhile).
    func publish(reading inputs: [String?] = [], running benchmark: () throws -> some Encodable) throws {
        let inputs = inputs.compactMap { $0 }
        if let out { try OutputFile.checkWritable([out], inputs: inputs, force: force) }
        let report = try benchmark()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        if let out {
            try OutputFile.checkWritable([out], inputs: inputs, force: force)
            try AtomicFile.write(json + "\n", to: out)
        }
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

    @OptionGroup var report: BenchmarkReportArguments

    /// The options with `sharedData` (a folder of the shared data) and `repetitions` as defaults.
    func options(sharedData: String, repetitions defaultRepetitions: Int = 5) -> FolderBenchmarkOptions {
        var options = FolderBenchmarkOptions(folder: folder ?? BenchmarkOutput.sharedDataFolder(sharedData))
        options.repetitions = repetitions ?? defaultRepetitions
        options.numpy = !noNumpy
        return options
    }
}
