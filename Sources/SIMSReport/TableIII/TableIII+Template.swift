/// The commented `sims.toml` template written by `sims init`.
extension TableIII {
    /// The `sims.toml` tables in template order.
    public static let configTables = ["acquisition", "instrument", "depth_profiling", "sample_preparation", "data_evaluation"]

    /// A `sims.toml` study manifest: a `[samples]` table (one `name = "folder"` line per sample, or a
    /// commented example when `samples` is empty), then every Table III field commented out with its unit,
    /// help and an example value, grouped in the tables `StudyManifest` reads (`[acquisition]` → `Acquisition`,
    /// the others → `Study.metadata`). Uncomment and edit the lines that apply.
    public static func configTemplate(samples: [(name: String, folder: String)] = []) -> String {
        var out = """
        # sims.toml — study manifest and the measurement parameters of the paper's Table III
        # (Lombardo et al., J. Vac. Sci. Technol. A 41, 053207 (2023)). Written by `sims init`.
        # Values found in the export headers win over the values given here (a conflict is reported as a
        # warning); SIMSKit fills in the data-evaluation fields from the run. Uncomment what applies.
        # Units are part of the key names (keV, pA, nA, um = µm, us = µs, s, ms).

        [samples]
        # sample name = "folder" (its files are the spots) or ["spot1.txt", "spot2.txt"], relative to this file

        """
        if samples.isEmpty {
            out += "# pristine = \"pristine\"\n# cycled = [\"cycled/spot1.txt\", \"cycled/spot2.txt\"]\n"
        } else {
            for s in samples { out += "\(tomlKey(s.name)) = \"\(tomlEscape(s.folder))\"\n" }
        }
        for table in configTables {
            out += "\n[\(table)]\n"
            for field in TableIIIField.all where field.table == table {
                var help = "# \(field.label)"
                if let unit = field.unit { help += " [\(unit)]" }
                help += ": \(field.help)"
                switch field.requirement {
                case .always: help += " (required)"
                case .imaging: help += " (required for imaging)"
                case .depthProfiling: help += " (required for depth profiles)"
                case .fib: help += " (required when fib_used = true)"
                case .optional: break
                }
                out += help + "\n# \(field.name) = \(field.example)\n"
            }
            if table == "acquisition" {
                out += "# Not square: analysis-area height [µm] and raster height [pixels]\n# area_height_um = 100\n# raster_height = 128\n"
                out += "# Whether the exports are already dead-time corrected\n# dead_time_corrected = true\n"
            }
        }
        return out
    }

    /// A bare or quoted TOML key.
    static func tomlKey(_ name: String) -> String {
        name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") } && !name.isEmpty
            ? name : "\"" + tomlEscape(name) + "\""
    }

    static func tomlEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
