import Foundation

/// Where a reported value came from.
public enum ValueSource: String, Sendable, Hashable, Codable {
    /// The instrument export's header.
    case header
    /// The study's `sims.toml`.
    case config
    /// An option on the command line.
    case commandLine = "command line"
    /// Computed by SIMSKit from other fields (formula documented on ``TableIII``).
    case derived
    /// Recorded by SIMSKit from the analysis it performed (software, normalization, scaling, MVA).
    case run
    /// Not available.
    case missing
}

/// One filled-in Table III field.
public struct TableIIIEntry: Sendable, Hashable, Codable {
    /// The field's `sims.toml` key (or `derived.*` for computed quantities).
    public var key: String
    /// Table III group.
    public var section: TableIIIField.Section
    /// Human label.
    public var label: String
    /// Unit, if any.
    public var unit: String?
    /// The value as text (without unit), `nil` when missing.
    public var value: String?
    /// Where the value came from.
    public var source: ValueSource
    /// Whether this run must report the field (imaging fields only for imaging runs, …).
    public var required: Bool

    /// Value with unit, e.g. `30 keV`; `nil` when missing.
    public var displayValue: String? {
        guard let value else { return nil }
        guard let unit, !unit.isEmpty, unit != "pixels" || !value.contains("pixel") else { return value }
        return value + (unit == "°" ? "°" : " " + unit)
    }
}

/// What the Table III record is built from (highest priority first: command line, header, config).
public struct TableIIIInputs: Sendable, Hashable, Codable {
    /// The command (`spectra`, `images`, `depth`, …): decides which imaging / depth fields are required and
    /// whether the static limit applies.
    public var command: String
    /// Parameters from export headers.
    public var header: Acquisition
    /// Parameters given on the command line.
    public var commandLine: Acquisition
    /// Any Table III key given on the command line as text (`key` → value).
    public var commandLineValues: [String: String]
    /// `sims.toml`'s `[acquisition]` table as read by `StudyManifest` (`Study.acquisition`).
    public var configAcquisition: Acquisition
    /// `sims.toml`'s other tables, flattened to `table.key` (`Study.metadata`); a flattened `acquisition.*`
    /// key is accepted too.
    public var config: Metadata
    /// Settings of the run, scanned for normalization, scaling and MVA.
    public var settings: [Provenance.Setting]
    /// Fields SIMSKit derived from the inputs (`key` → value), used when no other source gives them: e.g.
    /// `acquisition.polarity` of a polarity sub-study whose spots state it only in their file names. `nil` (not
    /// encoded) when there are none.
    public var derived: [String: String]? = nil

    /// Creates inputs.
    public init(command: String, header: Acquisition = Acquisition(), commandLine: Acquisition = Acquisition(),
                commandLineValues: [String: String] = [:], configAcquisition: Acquisition = Acquisition(), config: Metadata = Metadata(),
                settings: [(name: String, value: String)] = []) {
        self.command = command; self.header = header; self.commandLine = commandLine
        self.configAcquisition = configAcquisition
        self.commandLineValues = commandLineValues; self.config = config
        self.settings = settings.map { Provenance.Setting(name: $0.name, value: $0.value) }
    }
}

/// The paper's Table III filled in for one run: every field with its value and source, derived quantities,
/// and warnings (conflicts between header and config, static-limit exceedance).
///
/// Derived quantities:
/// - pixel size = analysis area edge ÷ raster pixels (µm);
/// - primary pulses N = scans × shots per pixel × pixels;
/// - acquisition time t = N × cycle time, when not given;
/// - primary ion dose density PIDD = I_p · t / (e · A) in ions/cm² (I_p in A, t in s, A in cm²,
///   e = 1.602176634 × 10⁻¹⁹ C); above the static limit 10¹² ions/cm² surface spectra risk beam damage
///   (Lombardo et al. 2023; Benninghoven's static SIMS limit).
public struct TableIII: Sendable, Hashable, Codable {
    /// All fields in catalog order, followed by the derived quantities.
    public var entries: [TableIIIEntry]
    /// Warnings raised while filling the table.
    public var warnings: [String]
    /// The static limit used for the PIDD warning, ions/cm².
    public static let staticLimit = 1e12
    /// Elementary charge in C (SI 2019 exact value).
    public static let elementaryCharge = 1.602176634e-19

    /// The entry for `key`, if any.
    public subscript(key: String) -> TableIIIEntry? { entries.first { $0.key == key } }

    /// Required fields without a value.
    public var missingRequired: [TableIIIEntry] { entries.filter { $0.required && $0.value == nil } }

    /// Fills the table from `inputs`.
    public init(_ inputs: TableIIIInputs) {
        var warnings: [String] = []
        var entries: [TableIIIEntry] = []
        // Workflows often fill header acquisitions from the config (`filling(from: study.acquisition)`):
        // a header value equal to the sims.toml [acquisition] value is attributed to the config.
        let configValues = TableIII.values(of: inputs.configAcquisition).merging(TableIII.values(of: inputs.config)) { typed, _ in typed }
        let header = TableIII.values(of: inputs.header).filter { entry in
            guard let c = configValues[entry.key] else { return true }
            return !TableIII.same(c, entry.value)
        }
        let cli = TableIII.values(of: inputs.commandLine).merging(inputs.commandLineValues) { _, new in new }
        let run = TableIII.runValues(command: inputs.command, settings: inputs.settings.map { ($0.name, $0.value) })
        let command = inputs.command.lowercased()
        var fibUsed = false
        var mode = ""
        for field in TableIIIField.all {
            let configValue = configValues[field.key]
            var value: String?
            var source = ValueSource.missing
            // Data evaluation: what the run did wins; the config covers processing done outside SIMSKit.
            if let v = cli[field.key] { (value, source) = (v, .commandLine) }
            else if field.section == .dataEvaluation, let v = run[field.key] { (value, source) = (v, .run) }
            else if let v = header[field.key] { (value, source) = (v, .header) }
            else if let v = configValue { (value, source) = (v, .config) }
            else if let v = inputs.derived?[field.key] { (value, source) = (v, .derived) }
            if let h = header[field.key], let c = configValue, !TableIII.same(h, c) {
                warnings.append("\(field.label): sims.toml says \"\(c)\" but the export header says \"\(h)\"; using \(source == .commandLine ? "the command line" : "the header").")
            }
            if field.key == "sample_preparation.fib_used" { fibUsed = ["true", "yes", "1"].contains(value?.lowercased() ?? "") }
            if field.key == "instrument.operation_mode" { mode = value?.lowercased() ?? "" }
            entries.append(TableIIIEntry(key: field.key, section: field.section, label: field.label, unit: field.unit,
                                         value: value, source: source, required: false))
        }
        // Primary ion source from the species (Bi3+ → Bi) when not given.
        if let i = entries.firstIndex(where: { $0.key == "instrument.primary_ion_source" }), entries[i].value == nil,
           let species = entries.first(where: { $0.key == "acquisition.primary_ion" })?.value {
            let element = String(species.prefix { $0.isLetter })
            if !element.isEmpty { entries[i].value = element; entries[i].source = .derived }
        }
        // Which fields this run must report.
        let imaging = ["images", "microstructure", "convert"].contains(command) || mode.contains("imag")
        let depth = command == "depth" || mode.contains("depth")
        for i in entries.indices {
            let field = TableIIIField.named(entries[i].key)!
            switch field.requirement {
            case .always: entries[i].required = true
            case .imaging: entries[i].required = imaging
            case .depthProfiling: entries[i].required = depth
            case .fib: entries[i].required = fibUsed
            case .optional: entries[i].required = false
            }
        }
        // Depth: either sputter frames or sputter time per step suffices.
        if let f = entries.firstIndex(where: { $0.key == "depth_profiling.sputter_frames" }),
           entries.contains(where: { $0.key == "depth_profiling.sputter_time_per_step_s" && $0.value != nil }) {
            entries[f].required = false
        }
        func value(_ key: String) -> String? { entries.first { $0.key == key }?.value }
        // Derived quantities.
        let area = value("acquisition.area_um").flatMap(TableIII.pair)
        let raster = value("acquisition.raster").flatMap(TableIII.pair)
        func add(_ key: String, _ label: String, _ unit: String?, _ number: Double) {
            entries.append(TableIIIEntry(key: key, section: .general, label: label, unit: unit,
                                         value: TableIII.format(number), source: .derived, required: false))
        }
        if let area, let raster, raster.0 > 0, raster.1 > 0 {
            add("derived.pixel_size_um", "Pixel size (area / raster)", "µm", area.0 / raster.0)
        }
        var pulses: Double?
        if let raster, let scans = value("acquisition.scans").flatMap(TableIII.number),
           let shots = value("acquisition.shots_per_pixel").flatMap(TableIII.number) {
            pulses = raster.0 * raster.1 * scans * shots
            add("derived.primary_pulses", "Primary ion pulses N (scans × shots × pixels)", nil, pulses!)
        }
        var time = value("acquisition.acquisition_time_s").flatMap(TableIII.number)
        if time == nil, let pulses, let cycle = value("acquisition.cycle_time_us").flatMap(TableIII.number) {
            time = pulses * cycle * 1e-6
            add("derived.acquisition_time_s", "Acquisition time (N × cycle time)", "s", time!)
        }
        if let area, let time, let current = value("acquisition.current_pA").flatMap(TableIII.number), area.0 > 0, area.1 > 0 {
            let pidd = TableIII.primaryIonDoseDensity(currentPicoampere: current, seconds: time, areaSquareCentimeters: area.0 * 1e-4 * area.1 * 1e-4)
            add("derived.primary_ion_dose_density", "Primary ion dose density (PIDD = I·t/(e·A))", "ions/cm²", pidd)
            if pidd > TableIII.staticLimit && !depth {
                warnings.append("Primary ion dose density \(TableIII.format(pidd)) ions/cm² exceeds the static limit of 1e12 ions/cm²: surface spectra may be altered by beam damage (Lombardo et al. 2023).")
            }
        }
        let missing = entries.filter { $0.required && $0.value == nil }
        if !missing.isEmpty {
            warnings.append("Table III: \(missing.count) required field(s) missing (\(missing.map(\.key).joined(separator: ", "))); add them to sims.toml (see `sims init`).")
        }
        self.entries = entries
        self.warnings = warnings
    }

    /// PIDD = I_p · t / (e · A): `currentPicoampere` in pA, `seconds` in s, area in cm² → ions/cm².
    public static func primaryIonDoseDensity(currentPicoampere: Double, seconds: Double, areaSquareCentimeters: Double) -> Double {
        currentPicoampere * 1e-12 * seconds / (elementaryCharge * areaSquareCentimeters)
    }

    /// Table III values carried by an ``Acquisition`` (keyed like the catalog).
    static func values(of a: Acquisition) -> [String: String] {
        var out: [String: String] = [:]
        if let v = a.primaryIon { out["acquisition.primary_ion"] = v }
        if let v = a.primaryEnergyKeV { out["acquisition.energy_keV"] = format(v) }
        if let v = a.primaryCurrentPicoampere { out["acquisition.current_pA"] = format(v) }
        if let x = a.analysisAreaMicrometers { out["acquisition.area_um"] = format(x) + " x " + format(a.analysisAreaHeightMicrometers ?? x) }
        if let w = a.rasterWidth { out["acquisition.raster"] = "\(w) x \(a.rasterHeight ?? w)" }
        if let v = a.scans { out["acquisition.scans"] = String(v) }
        if let v = a.shotsPerPixel { out["acquisition.shots_per_pixel"] = String(v) }
        if let v = a.polarity { out["acquisition.polarity"] = v.rawValue }
        if let v = a.cycleTimeMicroseconds { out["acquisition.cycle_time_us"] = format(v) }
        if let v = a.acquisitionTimeSeconds { out["acquisition.acquisition_time_s"] = format(v) }
        return out
    }

    /// Table III values of a flattened `sims.toml` (`table.key`), combining `area_um` + `area_height_um`
    /// and `raster` / `raster_width` + `raster_height` into "W x H".
    static func values(of config: Metadata) -> [String: String] {
        var out: [String: String] = [:]
        for entry in config.entries {
            let v = unquote(entry.value)
            if !v.isEmpty { out[entry.key] = v }
        }
        if let w = out["acquisition.area_um"].flatMap(pair) {
            let h = out["acquisition.area_height_um"].flatMap(number) ?? w.1
            out["acquisition.area_um"] = format(w.0) + " x " + format(h)
        }
        let rw = out["acquisition.raster"].flatMap(pair)?.0 ?? out["acquisition.raster_width"].flatMap(number)
        if let rw {
            let rh = out["acquisition.raster_height"].flatMap(number) ?? out["acquisition.raster"].flatMap(pair)?.1 ?? rw
            out["acquisition.raster"] = format(rw) + " x " + format(rh)
        }
        // The manifest also allows `polarity` at the top level.
        if out["acquisition.polarity"] == nil, let p = out["polarity"] { out["acquisition.polarity"] = p }
        if let p = out["acquisition.polarity"], let parsed = Polarity(parsing: p) { out["acquisition.polarity"] = parsed.rawValue }
        return out
    }

    /// Data-evaluation values found in the run's settings.
    static func runValues(command: String, settings: [(name: String, value: String)]) -> [String: String] {
        var out: [String: String] = ["data_evaluation.software": "SIMSKit \(SIMSKitVersion.current) (sims \(command))"]
        func collect(_ words: [String]) -> String? {
            let hits = settings.filter { s in !s.value.trimmingSpaces().isEmpty && words.contains { s.name.lowercased().contains($0) } }
            return hits.isEmpty ? nil : hits.map { "\($0.name) = \($0.value)" }.joined(separator: "; ")
        }
        out["data_evaluation.normalization"] = collect(["normaliz", "normalis", "reference"])
        out["data_evaluation.scaling"] = collect(["scaling", "scale"])
        out["data_evaluation.multivariate"] = collect(["pca", "mcr", "nmf", "maf", "mva", "component", "cluster", "gmm", "kmeans"])
        return out
    }

    /// Strips one pair of surrounding quotes (TOML strings flattened with quotes).
    static func unquote(_ text: String) -> String {
        let t = text.trimmingSpaces()
        if t.count >= 2, (t.hasPrefix("\"") && t.hasSuffix("\"")) || (t.hasPrefix("'") && t.hasSuffix("'")) {
            return String(t.dropFirst().dropLast())
        }
        return t
    }

    /// A leading number of `text` (`"30 keV"` → 30).
    static func number(_ text: String) -> Double? {
        let token = text.trimmingSpaces().split(whereSeparator: { $0 == " " }).first.map(String.init) ?? ""
        return Double(token).flatMap { $0.isFinite ? $0 : nil }
    }

    /// `"100 x 100"`, `"100x50"`, `"[100, 50]"`, `"100"` → (w, h).
    static func pair(_ text: String) -> (Double, Double)? {
        let parts = text.lowercased().split(whereSeparator: { "x×*, []µum".contains($0) }).compactMap { Double($0) }
        guard let first = parts.first, first.isFinite else { return nil }
        let second = parts.count > 1 && parts[1].isFinite ? parts[1] : first
        return (first, second)
    }

    /// Same value ignoring case, spacing and numeric formatting.
    static func same(_ a: String, _ b: String) -> Bool {
        if let x = number(a), let y = number(b), a.split(separator: " ").count == 1, b.split(separator: " ").count == 1 {
            return abs(x - y) <= 1e-9 * max(abs(x), abs(y))
        }
        if let p = pair(a), let q = pair(b), a.lowercased().contains("x"), b.lowercased().contains("x") { return p == q }
        let norm: (String) -> String = { $0.lowercased().filter { !$0.isWhitespace } }
        return norm(a) == norm(b)
    }

    /// Numbers for reports: up to 4 significant digits, scientific outside 1e-3 … 1e6.
    public static func format(_ v: Double) -> String {
        guard v.isFinite else { return String(v) }
        if v == v.rounded() && abs(v) < 1e9 { return String(Int64(v)) }
        let m = abs(v)
        if m >= 1e6 || m < 1e-3 {
            var s = String(format: "%.3e", v)
            // 3.200e+12 → 3.2e12
            if let e = s.firstIndex(of: "e") {
                var mantissa = String(s[..<e]), exponent = String(s[s.index(after: e)...])
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
                exponent = exponent.hasPrefix("+") ? String(exponent.dropFirst()) : exponent
                while exponent.hasPrefix("0") && exponent.count > 1 { exponent.removeFirst() }
                if exponent.hasPrefix("-0") { exponent = "-" + exponent.dropFirst(2) }
                s = mantissa + "e" + exponent
            }
            return s
        }
        var s = String(format: "%.4g", v)
        if s.contains("e") { s = String(format: "%.4f", v) }
        return s
    }
}
