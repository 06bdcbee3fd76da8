/// The experimental-section paragraph written from a filled ``TableIII``.
extension TableIII {
    /// `methods.md`: a heading, the methods paragraph(s) (only stating given values, each once), the
    /// derived quantities, and the list of required fields that are missing (with their `sims.toml` keys).
    public func methodsMarkdown(commandLine: String) -> String {
        func v(_ key: String) -> String? { self[key]?.displayValue }
        func raw(_ key: String) -> String? { self[key]?.value }
        var used = Set<String>()
        func take(_ key: String) -> String? {
            guard let value = v(key) else { return nil }
            used.insert(key)
            return value
        }
        var sentences: [String] = []

        // Primary ion beam.
        var beam: [String] = []
        if let species = take("acquisition.primary_ion") { beam.append(species + " primary ions") }
        if let source = take("instrument.primary_ion_source") { beam.append("from a " + source + " source") }
        var beamDetails: [String] = []
        if let e = take("acquisition.energy_keV") { beamDetails.append(e) }
        if let c = take("acquisition.current_pA") { beamDetails.append(c + " primary ion current") }
        if let ap = take("instrument.aperture") { beamDetails.append("aperture " + ap) }
        var first = "ToF-SIMS measurements were performed"
        if let instrument = take("instrument.model") { first += " on a " + instrument }
        if !beam.isEmpty { first += " with " + beam.joined(separator: " ") }
        if !beamDetails.isEmpty { first += " (" + beamDetails.joined(separator: ", ") + ")" }
        if let mode = take("instrument.operation_mode") { first += " in " + mode + " mode" }
        sentences.append(first + ".")

        // Area, raster, scans.
        var area: [String] = []
        if let a = take("acquisition.area_um") { area.append("an area of " + a.replacingOccurrences(of: " µm", with: "") + " µm²") }
        if let r = take("acquisition.raster") { area.append("a raster of " + r.replacingOccurrences(of: " pixels", with: "") + " pixels") }
        if let p = take("derived.pixel_size_um") { area.append("a pixel size of " + p) }
        var scanParts: [String] = []
        if let s = raw("acquisition.scans") { used.insert("acquisition.scans"); scanParts.append(s + " scan" + (s == "1" ? "" : "s")) }
        if let s = raw("acquisition.shots_per_pixel") { used.insert("acquisition.shots_per_pixel"); scanParts.append(s + " shot" + (s == "1" ? "" : "s") + " per pixel") }
        if !area.isEmpty || !scanParts.isEmpty {
            var s = "The analysis covered " + (area.isEmpty ? "the field of view" : area.joined(separator: " with "))
            if !scanParts.isEmpty { s += ", acquired with " + scanParts.joined(separator: " and ") }
            sentences.append(s + ".")
        }
        if let stop = take("instrument.stopping_condition") { sentences.append("The acquisition was stopped after " + stop + ".") }
        var detection: [String] = []
        if let p = take("acquisition.polarity") { detection.append(p + " secondary ions were detected") }
        if let c = take("acquisition.cycle_time_us") { detection.append((detection.isEmpty ? "the cycle time was " : "with a cycle time of ") + c) }
        if !detection.isEmpty { sentences.append(capitalized(detection.joined(separator: " ")) + ".") }
        if let m = take("instrument.mass_resolution") { sentences.append("The mass resolution was " + m + ".") }
        if let cc = take("instrument.charge_compensation") { sentences.append("Charge compensation: " + cc + ".") }
        if let t = take("acquisition.acquisition_time_s") ?? take("derived.acquisition_time_s") {
            sentences.append("The acquisition took " + t + ".")
        }
        if let d = take("derived.primary_ion_dose_density") {
            sentences.append("The primary ion dose density was " + d + " (I·t/(e·A)).")
        }
        // Imaging.
        var imaging: [String] = []
        if let l = take("instrument.lateral_resolution_um") { imaging.append("the estimated lateral resolution was " + l) }
        if let d = take("instrument.delayed_extraction") { imaging.append("delayed extraction: " + d) }
        if !imaging.isEmpty { sentences.append("For imaging, " + imaging.joined(separator: "; ") + ".") }
        // Depth profiling.
        var depth: [String] = []
        if let s = take("depth_profiling.sputter_species") { depth.append(s + " ions") }
        if let e = take("depth_profiling.sputter_energy_keV") { depth.append("at " + e) }
        if let c = take("depth_profiling.sputter_current_nA") { depth.append("with " + c + " sputter current") }
        if let c = take("depth_profiling.crater_um") { depth.append("over a crater of " + c.replacingOccurrences(of: " µm", with: "") + " µm²") }
        var depthSentence = depth.isEmpty ? "" : "Depth profiles were sputtered with " + depth.joined(separator: " ")
        var steps: [String] = []
        if let f = raw("depth_profiling.sputter_frames") { used.insert("depth_profiling.sputter_frames"); steps.append(f + " sputter frame(s) per step") }
        if let t = take("depth_profiling.sputter_time_per_step_s") { steps.append(t + " sputter time per step") }
        if let p = take("depth_profiling.pause_time_s") { steps.append("a pause of " + p + " between sputtering and analysis") }
        if !steps.isEmpty { depthSentence += (depthSentence.isEmpty ? "Depth profiling used " : ", using ") + steps.joined(separator: ", ") }
        if !depthSentence.isEmpty { sentences.append(depthSentence + ".") }

        // Sample preparation.
        var prep: [String] = []
        if let s = take("sample_preparation.storage") { prep.append("Samples were stored in " + s) }
        if let p = take("sample_preparation.preparation") { prep.append("prepared as follows: " + p) }
        if let g = take("sample_preparation.glovebox") { prep.append("handled in a glovebox (" + g + ")") }
        if let tape = raw("sample_preparation.insulating_tape") {
            used.insert("sample_preparation.insulating_tape")
            prep.append(["true", "yes", "1"].contains(tape.lowercased()) ? "mounted on insulating tape" : "mounted without insulating tape")
        }
        if let t = take("sample_preparation.transfer") { prep.append("transferred to the instrument by " + t) }
        if !prep.isEmpty { sentences.append(prep.joined(separator: ", ") + ".") }
        if ["true", "yes", "1"].contains(raw("sample_preparation.fib_used")?.lowercased() ?? "") {
            used.insert("sample_preparation.fib_used")
            var fib: [String] = []
            for (key, label) in [("sample_preparation.fib_source", "source"), ("sample_preparation.fib_energy_keV", "energy"),
                                 ("sample_preparation.fib_aperture", "aperture"), ("sample_preparation.fib_sidewall_angle_deg", "sidewall angle"),
                                 ("sample_preparation.fib_crater_um", "crater"), ("sample_preparation.fib_raster", "raster"),
                                 ("sample_preparation.fib_dwell_time_ms", "dwell time"), ("sample_preparation.fib_cycles", "cycles"),
                                 ("sample_preparation.fib_polishing", "polishing/cleaning")] {
                if let value = take(key) { fib.append(label + " " + value) }
            }
            sentences.append("A cross-section was prepared by focused ion beam" + (fib.isEmpty ? "" : " (" + fib.joined(separator: ", ") + ")") + ".")
        }
        // Data evaluation.
        var evaluation = "Data were evaluated with " + (take("data_evaluation.software") ?? "SIMSKit")
        if let s = take("data_evaluation.instrument_software") { evaluation += " from exports of " + s }
        sentences.append(evaluation + ".")
        var processing: [String] = []
        if let n = take("data_evaluation.normalization") { processing.append("normalization: " + n) }
        if let s = take("data_evaluation.scaling") { processing.append("scaling: " + s) }
        if let m = take("data_evaluation.multivariate") { processing.append("multivariate analysis: " + m) }
        if !processing.isEmpty { sentences.append("Processing settings — " + processing.joined(separator: "; ") + ".") }

        var out = "# Methods (ToF-SIMS)\n\n"
        out += sentences.joined(separator: " ") + "\n\n"
        out += "Command: `sims \(commandLine)`\n\n"
        // Anything given but not yet in the text (keeps "every given field is stated" true).
        let rest = entries.filter { $0.value != nil && !used.contains($0.key) }
        if !rest.isEmpty {
            out += "Further parameters: " + rest.map { "\($0.label): \($0.displayValue!)" }.joined(separator: "; ") + ".\n\n"
        }
        let missing = missingRequired
        if missing.isEmpty {
            out += "All Table III fields required for this run are reported.\n"
        } else {
            out += "## Missing Table III fields\n\nThe paper's Table III asks for these; add them to `sims.toml` (keys in brackets) and run `sims report` again:\n\n"
            for entry in missing { out += "- \(entry.label) (`\(entry.key)`)\n" }
        }
        return out
    }

    private func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}
