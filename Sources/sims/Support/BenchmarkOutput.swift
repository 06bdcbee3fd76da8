import Foundation
import SIMSWorkflows

/// What every `sims bench` subcommand shares.
enum BenchmarkOutput {
    /// The real HEA spectra beside the repository: `$SIMSKIT_SHARED_DATA/hea-catalyst-spectra`, else
    /// `../shared/data/hea-catalyst-spectra`.
    static var defaultSpectraFolder: String { sharedDataFolder("hea-catalyst-spectra") }

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
