import Foundation
import SIMSCore
import SIMSFormats

/// `DIR/.sims-manifest.json`: the files one run wrote into its output folder (paths relative to the folder,
/// sorted). The next run into the folder replaces exactly these; every other file is the user's.
struct OutputManifest: Codable, Equatable {
    /// Always `"sims output manifest"`, so a stray JSON file of that name is not mistaken for one.
    var format = "sims output manifest"
    /// The SIMSKit version that wrote the run.
    var version = SIMSKitVersion.current
    /// Files written by the run, relative to the output folder.
    var files: [String]

    init(files: [String]) { self.files = files.sorted() }

    /// Reads the manifest of `folder`; `nil` when there is none.
    /// - Throws: ``SIMSError`` when the file exists but is not a manifest (sims cannot tell its files apart then).
    static func read(inFolder folder: String) throws(SIMSError) -> OutputManifest? {
        let path = folder + "/" + OutputFolder.manifestName
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            let manifest = try JSONDecoder().decode(OutputManifest.self, from: data)
            guard manifest.format == OutputManifest(files: []).format,
                  manifest.files.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") })
            else { throw SIMSError(.malformed, "not a sims output manifest", file: path) }
            return manifest
        } catch {
            throw SIMSError(.malformed, "the output manifest cannot be read, so sims cannot tell its files from yours; remove it or choose another --out",
                            file: path, expected: "the JSON written by a sims run")
        }
    }

    /// The JSON text (pretty-printed, keys sorted).
    var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}
