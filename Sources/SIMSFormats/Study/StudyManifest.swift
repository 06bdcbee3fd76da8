import Foundation
import SIMSCore
import TOMLKit

/// A `sims.toml` study manifest: lists samples and their spot files instead of relying on the folder tree,
/// and carries acquisition parameters and free metadata.
///
/// ```toml
/// polarity = "negative"                 # top level: → Acquisition.polarity
/// group_by = '^N_(?<sample>.+?)_Bi'     # instead of [samples]: sort the files beside the manifest by name
///                                       #   (FileGrouping; --group-by on the command line wins)
///
/// [samples]                             # sample name → spot files (paths relative to the manifest),
/// pristine = ["pristine/spot1.txt", "pristine/spot2.txt"]
/// cycled   = "cycled"                   #   or a folder whose (non-hidden) files are the spots
///
/// [acquisition]                         # → Acquisition (units in the key names)
/// primary_ion = "Bi3+"
/// energy_keV = 30
/// current_pA = 0.35
/// area_um = 200                         # analysis area edge (µm); area_height_um when not square
/// raster = 256                          # or raster_width / raster_height
/// scans = 20
/// shots_per_pixel = 1
/// cycle_time_us = 100
/// acquisition_time_s = 600
/// dead_time_corrected = true
///
/// [sample_preparation]                  # any other table is flattened into Study.metadata:
/// transfer = "Ar-filled vessel"         #   "sample_preparation.transfer" = "Ar-filled vessel"
/// ```
///
/// Spot names are file names without extension. Samples keep the manifest's key order (TOML tables are
/// read sorted by key, so that is alphabetical).
public enum StudyManifest {
    /// The manifest file name looked for in a study folder.
    public static let fileName = "sims.toml"

    /// Reads the manifest at `path`; relative file paths are resolved against its folder.
    public static func read(from path: String, fileExtensions: Set<String>? = nil, grouping: FileGrouping? = nil) throws(SIMSError) -> Study {
        try parse(try table(at: path), path: path, requiringSamples: true, fileExtensions: fileExtensions, grouping: grouping)
    }

    /// Reads only the parameters of the manifest at `path` (`[acquisition]`, `polarity` and the other tables
    /// for Table III): `[samples]` may be absent, as in the `sims.toml` beside an image or depth-profile folder.
    public static func readParameters(from path: String) throws(SIMSError) -> Study {
        try parse(try table(at: path), path: path, requiringSamples: false)
    }

    /// The TOML table of the manifest at `path`, read and parsed once.
    static func table(at path: String) throws(SIMSError) -> TOMLTable {
        let text: String
        try InputFile.check(path)
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            if !FileManager.default.fileExists(atPath: path) { throw SIMSError(.fileNotFound, "manifest not found", file: path) }
            throw SIMSError(.unreadable, "cannot read manifest as UTF-8 text", file: path)
        }
        return try TOMLText.table(text, file: path, expected: "a TOML manifest")
    }

    /// Whether a manifest only states parameters: no `group_by` and no (or an empty) `[samples]` table, as the
    /// `sims.toml` that `sims simulate` writes beside image sets and depth profiles.
    static func statesOnlyParameters(_ table: TOMLTable) -> Bool {
        table["group_by"] == nil && (table["samples"]?.table ?? TOMLTable()).isEmpty
    }

    /// Parses manifest text; `path` locates relative files and names the manifest in messages.
    public static func parse(_ text: String, path: String) throws(SIMSError) -> Study {
        try parse(text, path: path, requiringSamples: true)
    }

    static func parse(_ text: String, path: String, requiringSamples: Bool) throws(SIMSError) -> Study {
        try parse(try TOMLText.table(text, file: path, expected: "a TOML manifest"), path: path, requiringSamples: requiringSamples)
    }

    /// Builds the study from a parsed manifest `table` (see ``parse(_:path:)``).
    static func parse(_ table: TOMLTable, path: String, requiringSamples: Bool, fileExtensions: Set<String>? = nil,
                      grouping: FileGrouping? = nil) throws(SIMSError) -> Study {
        try TOMLFlattening.requireFiniteNumbers(table, file: path)
        let folder = PathName.parent(of: path)
        func resolve(_ file: String) -> String { file.hasPrefix("/") ? file : folder + "/" + file }

        var grouping = grouping
        if grouping == nil, let value = table["group_by"] {
            guard let pattern = value.string else {
                throw SIMSError(.malformed, "group_by is not a string", file: path, found: "\(value)", expected: "group_by = '^N_(?<sample>.+?)_Bi'")
            }
            do { grouping = try FileGrouping(pattern) } catch { throw SIMSError(.malformed, error.message, file: path, found: pattern, expected: "a regular expression with a named group `sample`") }
        }
        let samplesTable = grouping != nil && requiringSamples ? TOMLTable() : table["samples"]?.table ?? TOMLTable()
        guard !samplesTable.isEmpty || !requiringSamples || grouping != nil else {
            throw SIMSError(.malformed, "manifest has no [samples] table", file: path,
                            expected: "[samples] with one entry per sample: name = [\"file1.txt\", …] or name = \"folder\"")
        }
        var samples: [Study.Sample] = []
        for name in samplesTable.keys {
            let value = samplesTable[name]!
            var files: [String] = []
            if let array = value.array {
                for element in array {
                    guard let file = element.string else {
                        throw SIMSError(.malformed, "sample \"\(name)\": file list holds a non-string", file: path,
                                        found: "\(element)", expected: "file paths as strings")
                    }
                    guard FileManager.default.fileExists(atPath: resolve(file)) else {
                        throw SIMSError(.fileNotFound, "sample \"\(name)\" lists a missing file", file: path, found: file,
                                        expected: "an existing file (relative to the manifest's folder)")
                    }
                    files.append(resolve(file))
                }
            } else if let sub = value.string {
                let sampleFolder = resolve(sub)
                guard StudyFolder.isFolder(sampleFolder) else {
                    throw SIMSError(.fileNotFound, "sample \"\(name)\" names a missing folder", file: path, found: sampleFolder, expected: "an existing folder")
                }
                files = try StudyFolder.visibleEntries(of: sampleFolder).map { sampleFolder + "/" + $0 }.filter { !StudyFolder.isFolder($0) }
            } else {
                throw SIMSError(.malformed, "sample \"\(name)\" is neither a file list nor a folder", file: path,
                                found: "\(value)", expected: "name = [\"a.txt\", …] or name = \"folder\"")
            }
            guard !files.isEmpty else {
                throw SIMSError(.empty, "sample \"\(name)\" has no spot files", file: path, expected: "at least one file per sample")
            }
            samples.append(Study.Sample(name: name, spots: files.map {
                let spot = URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent
                return Study.Spot(name: spot, path: $0, polarity: Polarity(fileName: spot))
            }))
        }

        var leftOut: [Study.LeftOut] = []
        if let grouping, requiringSamples {
            let flat = try StudyFolder.discover(at: folder, fileExtensions: fileExtensions, grouping: grouping)
            samples = flat.samples
            leftOut = flat.leftOut.filter { !$0.path.hasSuffix("/" + fileName) }
        }

        var acquisition = Acquisition()
        if let polarity = table["polarity"] {
            guard let text = polarity.string, let parsed = Polarity(parsing: text) else {
                throw SIMSError(.malformed, "invalid polarity", file: path, found: "\(polarity)", expected: "\"positive\" or \"negative\"")
            }
            acquisition.polarity = parsed
        }
        if let acquisitionTable = table["acquisition"]?.table {
            try apply(acquisitionTable, to: &acquisition, path: path)
        }

        var metadata = Metadata()
        for key in table.keys where key != "samples" && key != "acquisition" && key != "polarity" && key != "group_by" {
            flatten(table[key]!, prefix: key, into: &metadata)
        }
        var study = Study(samples: samples, acquisition: acquisition, metadata: metadata, root: path)
        study.leftOut = leftOut
        return study
    }

    /// Fills `acquisition` from an `[acquisition]` table; unknown keys are errors (catch typos).
    static func apply(_ table: TOMLTable, to acquisition: inout Acquisition, path: String) throws(SIMSError) {
        /// Every `[acquisition]` number is a positive physical quantity (energy, current, area, time, counts of
        /// scans or pixels): `nan`, `inf` and values ≤ 0 would reach methods.md as "nan keV" (issue #25).
        func number(_ key: String) throws(SIMSError) -> Double {
            let value = table[key]!
            let number: Double
            if let double = value.double { number = double } else if let int = value.int { number = Double(int) } else {
                throw SIMSError(.malformed, "[acquisition] \(key) is not a number", file: path, found: "\(value)", expected: "a number")
            }
            guard number.isFinite, number > 0 else {
                throw SIMSError(.malformed, "[acquisition] \(key) must be a positive finite number", file: path, found: "\(value)", expected: "a number > 0")
            }
            return number
        }
        func integer(_ key: String) throws(SIMSError) -> Int {
            let value = try number(key)
            guard value >= 0, value == value.rounded(), value < 1e9 else {
                throw SIMSError(.malformed, "[acquisition] \(key) is not a whole number", file: path, found: "\(value)", expected: "a whole number ≥ 0")
            }
            return Int(value)
        }
        for key in table.keys {
            switch key {
            case "primary_ion": acquisition.primaryIon = table[key]?.string
            case "energy_keV": acquisition.primaryEnergyKeV = try number(key)
            case "current_pA": acquisition.primaryCurrentPicoampere = try number(key)
            case "area_um": acquisition.analysisAreaMicrometers = try number(key)
            case "area_height_um": acquisition.analysisAreaHeightMicrometers = try number(key)
            case "raster": acquisition.rasterWidth = try integer(key); acquisition.rasterHeight = acquisition.rasterHeight ?? acquisition.rasterWidth
            case "raster_width": acquisition.rasterWidth = try integer(key)
            case "raster_height": acquisition.rasterHeight = try integer(key)
            case "scans": acquisition.scans = try integer(key)
            case "shots_per_pixel": acquisition.shotsPerPixel = try integer(key)
            case "cycle_time_us": acquisition.cycleTimeMicroseconds = try number(key)
            case "acquisition_time_s": acquisition.acquisitionTimeSeconds = try number(key)
            case "dead_time_corrected":
                guard let flag = table[key]?.bool else {
                    throw SIMSError(.malformed, "[acquisition] dead_time_corrected is not true/false", file: path, expected: "true or false")
                }
                acquisition.deadTimeCorrected = flag
            case "polarity":
                guard let text = table[key]?.string, let parsed = Polarity(parsing: text) else {
                    throw SIMSError(.malformed, "invalid polarity", file: path, expected: "\"positive\" or \"negative\"")
                }
                acquisition.polarity = parsed
            default:
                throw SIMSError(.malformed, "unknown [acquisition] key", file: path, found: key, expected: knownAcquisitionKeys.joined(separator: ", "))
            }
        }
    }

    /// The keys an `[acquisition]` table may hold.
    public static let knownAcquisitionKeys = [
        "primary_ion", "energy_keV", "current_pA", "area_um", "area_height_um", "raster", "raster_width", "raster_height",
        "scans", "shots_per_pixel", "cycle_time_us", "acquisition_time_s", "dead_time_corrected", "polarity",
    ]

    /// Adds `value` under `prefix`, flattening nested tables as `table.key` and writing arrays as `a, b`.
    static func flatten(_ value: TOMLValueConvertible, prefix: String, into metadata: inout Metadata) {
        if let table = value.table {
            for key in table.keys { flatten(table[key]!, prefix: prefix + "." + key, into: &metadata) }
        } else if let array = value.array {
            metadata.append(key: prefix, value: array.map(scalarText).joined(separator: ", "))
        } else {
            metadata.append(key: prefix, value: scalarText(value))
        }
    }

    static func scalarText(_ value: TOMLValueConvertible) -> String {
        if let string = value.string { return string }
        if let bool = value.bool { return bool ? "true" : "false" }
        if let int = value.int { return String(int) }
        if let double = value.double { return "\(double)" }
        return "\(value)"
    }
}

/// Loads a study from a folder (its `sims.toml` when present, else the folder tree) or a manifest path.
public enum StudyLoader {
    /// `path` may be a `sims.toml`-style manifest file, a folder holding `sims.toml`, or a plain study folder
    /// (a tree, or flat with `grouping`). `fileExtensions` (lowercase, no dot) keeps only those spot files;
    /// `grouping` (`--group-by`) wins over the manifest's `group_by` and `[samples]`.
    public static func load(from path: String, fileExtensions: Set<String>? = nil, grouping: FileGrouping? = nil) throws(SIMSError) -> Study {
        if StudyFolder.isFolder(path) {
            let manifest = path + "/" + StudyManifest.fileName
            guard FileManager.default.fileExists(atPath: manifest) else {
                return try StudyFolder.discover(at: path, fileExtensions: fileExtensions, grouping: grouping)
            }
            // The manifest is read and parsed once. One that only states parameters (no [samples], no group_by), as
            // `sims simulate` writes beside image sets and depth profiles: the folder tree names the spots, the
            // manifest describes them.
            let table = try StudyManifest.table(at: manifest)
            guard grouping == nil, StudyManifest.statesOnlyParameters(table) else {
                return try StudyManifest.parse(table, path: manifest, requiringSamples: true, fileExtensions: fileExtensions, grouping: grouping)
            }
            let parameters = try StudyManifest.parse(table, path: manifest, requiringSamples: false)
            var study = try StudyFolder.discover(at: path, fileExtensions: fileExtensions, grouping: nil)
            study.acquisition = parameters.acquisition
            study.metadata = parameters.metadata
            study.leftOut.removeAll { $0.path == manifest }
            return study
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw SIMSError(.fileNotFound, "study not found", file: path, expected: "a study folder or a sims.toml")
        }
        return try StudyManifest.read(from: path, fileExtensions: fileExtensions, grouping: grouping)
    }
}
