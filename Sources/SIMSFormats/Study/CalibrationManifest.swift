import SIMSCore
import TOMLKit

/// The calibration series of `sims quantify` as a `sims.toml` table: standards of known concentration and unknowns,
/// each with its spots' analyte and reference counts (docs/deconvolution.md, "Quantification with standards").
///
/// ```toml
/// [quantify]
/// unit = "at.%"                         # optional; the command line wins
/// dilute_limit = 1                      # optional, in unit
///
/// [[quantify.standard]]                 # one table per standard, in order
/// sample = "S0.1"
/// concentration = 0.1
/// analyte_counts = [1210, 1180, 1254]   # one number per spot
/// reference_counts = [1.0e5, 9.8e4, 1.02e5]
/// matrix = "NMC"                        # optional: an unknown in another matrix is warned about
/// phases = 1                            # optional: more than one violates the RSF condition
///
/// [[quantify.unknown]]                  # the same keys without concentration
/// sample = "cathode A"
/// analyte_counts = [2400, 2310]
/// reference_counts = [1.1e5, 1.0e5]
/// ```
///
/// Every error names the file, the table (`[[quantify.standard]] #2 "S0.1"`) and the key.
public struct CalibrationManifest: Sendable, Equatable {
    /// One standard or unknown.
    public struct Sample: Sendable, Equatable {
        /// Name.
        public var name: String
        /// Known concentration (in ``CalibrationManifest/unit``) for a standard; `nil` for an unknown.
        public var concentration: Double?
        /// Analyte counts per spot.
        public var analyteCounts: [Double]
        /// Reference counts per spot (as many as ``analyteCounts``).
        public var referenceCounts: [Double]
        /// Matrix name, when given.
        public var matrix: String?
        /// Number of phases, when given.
        public var phases: Int?
    }

    /// Standards then unknowns, each in file order.
    public var samples: [Sample]
    /// `[quantify] unit`, when given.
    public var unit: String?
    /// `[quantify] dilute_limit`, when given.
    public var diluteLimit: Double?

    /// The keys of `[quantify]`, and of a standard or unknown.
    static let topKeys: Set<String> = ["unit", "dilute_limit", "standard", "unknown"]
    static let sampleKeys: Set<String> = ["sample", "concentration", "analyte_counts", "reference_counts", "matrix", "phases"]

    /// Reads the `[quantify]` table of the TOML file at `path`.
    public static func read(from path: String) throws(SIMSError) -> CalibrationManifest {
        try InputFile.check(path)
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SIMSError(.unreadable, "cannot read the calibration manifest as UTF-8 text", file: path)
        }
        return try parse(text, file: path)
    }

    /// Parses manifest text; `file` names the source in errors.
    public static func parse(_ text: String, file: String) throws(SIMSError) -> CalibrationManifest {
        let root = try TOMLText.table(text, file: file)
        guard let quantify = root["quantify"]?.table else {
            throw SIMSError(.malformed, "no [quantify] table", file: file,
                            expected: "[[quantify.standard]] tables with sample, concentration, analyte_counts, reference_counts")
        }
        for key in quantify.keys where !topKeys.contains(key) {
            throw SIMSError(.malformed, "[quantify]: unknown key \(key)", file: file, found: key, expected: topKeys.sorted().joined(separator: ", "))
        }
        var manifest = CalibrationManifest(samples: [])
        if let value = quantify["unit"] {
            guard let unit = value.string, !unit.isEmpty else {
                throw SIMSError(.malformed, "[quantify]: key unit is not a text", file: file, found: "\(value)", expected: "unit = \"at.%\"")
            }
            manifest.unit = unit
        }
        if let value = quantify["dilute_limit"] {
            guard let limit = number(value), limit >= 0 else {
                throw SIMSError(.malformed, "[quantify]: key dilute_limit is not a number ≥ 0", file: file, found: "\(value)", expected: "dilute_limit = 1")
            }
            manifest.diluteLimit = limit
        }
        for role in ["standard", "unknown"] {
            guard let value = quantify[role] else { continue }
            guard let array = value.array else {
                throw SIMSError(.malformed, "[quantify]: \(role) is not an array of tables", file: file, found: "\(value)",
                                expected: "[[quantify.\(role)]] headers")
            }
            for (index, element) in array.enumerated() {
                let where_ = "[[quantify.\(role)]] #\(index + 1)"
                guard let table = element.table else {
                    throw SIMSError(.malformed, "\(where_) is not a table", file: file, found: "\(element)", expected: "[[quantify.\(role)]] headers")
                }
                manifest.samples.append(try sample(table, standard: role == "standard", at: where_, file: file))
            }
        }
        guard manifest.samples.contains(where: { $0.concentration != nil }) else {
            throw SIMSError(.malformed, "[quantify] lists no standard", file: file, expected: "[[quantify.standard]] tables")
        }
        var names = Set<String>()
        for s in manifest.samples where !names.insert(s.name).inserted {
            throw SIMSError(.malformed, "[quantify]: sample \"\(s.name)\" is listed twice", file: file, found: s.name, expected: "one table per sample (its spots in the arrays)")
        }
        return manifest
    }

    static func sample(_ table: TOMLTable, standard: Bool, at place: String, file: String) throws(SIMSError) -> Sample {
        for key in table.keys where !sampleKeys.contains(key) || (!standard && key == "concentration") {
            throw SIMSError(.malformed, "\(place): unknown key \(key)", file: file, found: key,
                            expected: sampleKeys.subtracting(standard ? [] : ["concentration"]).sorted().joined(separator: ", "))
        }
        guard let name = table["sample"]?.string, !name.isEmpty else {
            throw SIMSError(.malformed, "\(place): key sample is missing or not a text", file: file, found: table["sample"].map { "\($0)" } ?? "nothing",
                            expected: "sample = \"name\"")
        }
        let place = place + " \"\(name)\""
        var concentration: Double?
        if standard {
            guard let value = table["concentration"], let c = number(value), c >= 0 else {
                throw SIMSError(.malformed, "\(place): key concentration is missing or not a number ≥ 0", file: file,
                                found: table["concentration"].map { "\($0)" } ?? "nothing", expected: "concentration = 0.1")
            }
            concentration = c
        }
        func counts(_ key: String) throws(SIMSError) -> [Double] {
            guard let value = table[key], let array = value.array, !array.isEmpty else {
                throw SIMSError(.malformed, "\(place): key \(key) is missing or not a list of numbers", file: file,
                                found: table[key].map { "\($0)" } ?? "nothing", expected: "\(key) = [1200, 1180] (one number per spot)")
            }
            var out: [Double] = []
            for (i, element) in array.enumerated() {
                guard let x = number(element), x >= 0 else {
                    throw SIMSError(.malformed, "\(place): \(key)[\(i + 1)] is not a count ≥ 0", file: file, found: "\(element)", expected: "a number ≥ 0")
                }
                out.append(x)
            }
            return out
        }
        let analyte = try counts("analyte_counts"), reference = try counts("reference_counts")
        guard analyte.count == reference.count else {
            throw SIMSError(.malformed, "\(place): analyte_counts has \(analyte.count) spots, reference_counts \(reference.count)", file: file,
                            expected: "one analyte and one reference count per spot")
        }
        var matrix: String?
        if let value = table["matrix"] {
            guard let text = value.string else {
                throw SIMSError(.malformed, "\(place): key matrix is not a text", file: file, found: "\(value)", expected: "matrix = \"NMC\"")
            }
            matrix = text.isEmpty ? nil : text
        }
        var phases: Int?
        if let value = table["phases"] {
            guard let n = value.int, n >= 1 else {
                throw SIMSError(.malformed, "\(place): key phases is not a whole number ≥ 1", file: file, found: "\(value)", expected: "phases = 1")
            }
            phases = n
        }
        return Sample(name: name, concentration: concentration, analyteCounts: analyte, referenceCounts: reference, matrix: matrix, phases: phases)
    }

    /// A finite TOML integer or float.
    static func number(_ value: TOMLValueConvertible) -> Double? {
        if let d = value.double, d.isFinite { return d }
        return value.int.map(Double.init)
    }
}
