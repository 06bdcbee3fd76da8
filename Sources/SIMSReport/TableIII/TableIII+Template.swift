/// The commented `sims.toml` template written by `sims init`.
extension TableIII {
    /// A `sims.toml` with every Table III field commented out, its unit, help and an example value; tables
    /// `[acquisition]`, `[sample_preparation]`, `[data_evaluation]`. Uncomment and edit the lines that apply.
    public static func configTemplate() -> String {
        var out = """
        # sims.toml — study manifest and the measurement parameters of the paper's Table III
        # (Lombardo et al., J. Vac. Sci. Technol. A 41, 053207 (2023)).
        # Values found in the export headers win over the values given here (a conflict is reported as a
        # warning); SIMSKit fills in the data-evaluation fields from the run. Uncomment what applies.
        # Units are part of the key names (keV, pA, nA, µm = um, µs = us, s, ms).

        """
        var table = ""
        for field in TableIIIField.all {
            if field.table != table {
                table = field.table
                out += "\n[\(table)]\n"
            }
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
        return out
    }
}
