/// One parameter of the paper's Table III ("Summary of parameters to be reported in any SIMS-related
/// scientific publication", Lombardo et al., JVST A 41, 053207 (2023)).
///
/// ``key`` is the field's name in `sims.toml` (`table.name`, units in the name), so the catalog below is the
/// single source of truth for the template (`sims init`) and the methods paragraph. Keys of the `[acquisition]`
/// table are exactly the ones `StudyManifest` reads into `Acquisition` (it rejects others); all other Table III
/// fields live in the `[instrument]`, `[depth_profiling]`, `[sample_preparation]` and `[data_evaluation]`
/// tables, which the manifest flattens into `Study.metadata`.
public struct TableIIIField: Sendable, Hashable, Codable {
    /// The groups of Table III.
    public enum Section: String, Sendable, Hashable, Codable, CaseIterable {
        /// General to all measurement modes.
        case general = "General to all measurement modes"
        /// Imaging-specific.
        case imaging = "Imaging-specific"
        /// Depth-profiling-specific.
        case depthProfiling = "Depth profiling-specific"
        /// Sample preparation and transfer (including FIB).
        case samplePreparation = "Sample preparation and transfer"
        /// Data evaluation.
        case dataEvaluation = "Data evaluation"
    }

    /// When a field must be reported.
    public enum Requirement: String, Sendable, Hashable, Codable {
        /// Always.
        case always
        /// For imaging runs (images, microstructure, 3-D).
        case imaging
        /// For depth profiles.
        case depthProfiling
        /// When a FIB was used (`sample_preparation.fib_used = true`).
        case fib
        /// Useful, never reported missing.
        case optional
    }

    /// `sims.toml` key, `table.name`.
    public let key: String
    /// Group.
    public let section: Section
    /// Human label.
    public let label: String
    /// Unit of the value, if any (`keV`, `pA`, `µm`, …).
    public let unit: String?
    /// When it is required.
    public let requirement: Requirement
    /// Example value as written in `sims.toml` (TOML syntax).
    public let example: String
    /// One-line help for the template.
    public let help: String

    init(_ key: String, _ section: Section, _ label: String, unit: String? = nil, _ requirement: Requirement, example: String, help: String) {
        self.key = key; self.section = section; self.label = label; self.unit = unit
        self.requirement = requirement; self.example = example; self.help = help
    }

    /// The `sims.toml` table (`acquisition`, `instrument`, `depth_profiling`, `sample_preparation`, `data_evaluation`).
    public var table: String { String(key.split(separator: ".").first ?? "") }
    /// The key inside its table.
    public var name: String { String(key.split(separator: ".").dropFirst().joined(separator: ".")) }
}

extension TableIIIField {
    /// Every Table III field, in the paper's order.
    public static let all: [TableIIIField] = [
        // General
        .init("instrument.primary_ion_source", .general, "Primary ion source", .always, example: "\"Bi\"", help: "liquid-metal ion gun source element (Bi, Ga, Au, ...)"),
        .init("acquisition.primary_ion", .general, "Primary ion species", .always, example: "\"Bi3+\"", help: "cluster / charge state, e.g. Bi+, Bi3+, Bi3++"),
        .init("acquisition.energy_keV", .general, "Primary ion energy", unit: "keV", .always, example: "30", help: "primary ion energy in keV"),
        .init("instrument.aperture", .general, "Primary ion aperture", .always, example: "\"Ap 1\"", help: "aperture used"),
        .init("acquisition.current_pA", .general, "Primary ion current", unit: "pA", .always, example: "0.45", help: "measured (pulsed) primary ion current in pA"),
        .init("instrument.operation_mode", .general, "Operation mode", .always, example: "\"high mass resolution (spectrometry)\"", help: "spectrometry / high current bunched, imaging / burst alignment, collimated, delayed extraction, ..."),
        .init("acquisition.area_um", .general, "Analysis area", unit: "µm", .always, example: "100", help: "edge length in µm (add area_height_um = … when not square)"),
        .init("acquisition.raster", .general, "Raster size", unit: "pixels", .always, example: "128", help: "pixels per edge (or raster_width / raster_height)"),
        .init("acquisition.scans", .general, "Number of scans (frames)", .always, example: "50", help: "number of frames/scans per analysis"),
        .init("acquisition.shots_per_pixel", .general, "Primary ion shots per pixel", .always, example: "1", help: "shots per pixel per scan"),
        .init("instrument.stopping_condition", .general, "Stopping condition", .always, example: "\"50 scans\"", help: "dose limit (e.g. 1e12 ions/cm^2) or number of scans"),
        .init("acquisition.polarity", .general, "Polarity", .always, example: "\"negative\"", help: "positive or negative secondary ions"),
        .init("acquisition.cycle_time_us", .general, "Cycle time", unit: "µs", .always, example: "100", help: "time per SI detection cycle in µs (sets the maximum m/z)"),
        .init("instrument.charge_compensation", .general, "Charge compensation", .always, example: "\"electron flood gun, 21 eV\"", help: "flood gun used or not (and settings)"),
        .init("instrument.mass_resolution", .general, "Mass resolution", .always, example: "\"m/dm = 8000 at C2H5+ (m/z 29)\"", help: "m/Δm and the peak it was measured on"),
        .init("acquisition.acquisition_time_s", .general, "Acquisition time", unit: "s", .optional, example: "120", help: "total analysis time in s (for the primary ion dose density)"),
        .init("instrument.model", .general, "Instrument", .optional, example: "\"IONTOF TOF.SIMS 5\"", help: "instrument model"),
        // Imaging
        .init("instrument.lateral_resolution_um", .imaging, "Estimated lateral resolution", unit: "µm", .imaging, example: "0.2", help: "e.g. from an 80/20 line scan, in µm"),
        .init("instrument.delayed_extraction", .imaging, "Delayed extraction", .imaging, example: "\"off\"", help: "\"off\" or the delay time (e.g. \"100 ns\")"),
        // Depth profiling
        .init("depth_profiling.sputter_species", .depthProfiling, "Sputter gun source/species", .depthProfiling, example: "\"Ar1500+\"", help: "e.g. Cs+, O2+, Ar cluster"),
        .init("depth_profiling.sputter_energy_keV", .depthProfiling, "Sputter energy", unit: "keV", .depthProfiling, example: "5", help: "acceleration voltage in keV"),
        .init("depth_profiling.sputter_current_nA", .depthProfiling, "Sputter current", unit: "nA", .depthProfiling, example: "1.2", help: "sputter current in nA"),
        .init("depth_profiling.crater_um", .depthProfiling, "Crater size", unit: "µm", .depthProfiling, example: "\"400 x 400\"", help: "sputter crater edge lengths in µm"),
        .init("depth_profiling.pause_time_s", .depthProfiling, "Pause time", unit: "s", .depthProfiling, example: "1", help: "pause between sputtering and analysis (charge compensation), s"),
        .init("depth_profiling.sputter_frames", .depthProfiling, "Sputter frames per step", .depthProfiling, example: "1", help: "sputter frames per cycle (or give sputter_time_per_step_s)"),
        .init("depth_profiling.sputter_time_per_step_s", .depthProfiling, "Sputter time per step", unit: "s", .optional, example: "2", help: "sputter time per cycle in s"),
        // Sample preparation and transfer
        .init("sample_preparation.storage", .samplePreparation, "Sample storage", .always, example: "\"Ar glovebox, H2O and O2 < 0.1 ppm\"", help: "where and how samples were kept"),
        .init("sample_preparation.preparation", .samplePreparation, "Sample preparation", .always, example: "\"electrode rinsed with DMC, dried 1 h\"", help: "washing, cutting, mounting"),
        .init("sample_preparation.insulating_tape", .samplePreparation, "Insulating tape", .optional, example: "true", help: "sample mounted on insulating tape (avoids Li plating by the flood gun)"),
        .init("sample_preparation.glovebox", .samplePreparation, "Glovebox", .optional, example: "\"MBraun, Ar\"", help: "glovebox used for handling"),
        .init("sample_preparation.transfer", .samplePreparation, "Sample transfer procedure", .always, example: "\"IONTOF transfer vessel under Ar\"", help: "how the sample reached the instrument (inert transfer?)"),
        .init("sample_preparation.fib_used", .samplePreparation, "FIB used", .optional, example: "false", help: "true when a focused ion beam prepared a cross-section"),
        .init("sample_preparation.fib_source", .samplePreparation, "FIB source", .fib, example: "\"Ga\"", help: "FIB ion source"),
        .init("sample_preparation.fib_energy_keV", .samplePreparation, "FIB energy", unit: "keV", .fib, example: "30", help: "FIB energy in keV"),
        .init("sample_preparation.fib_aperture", .samplePreparation, "FIB aperture", .fib, example: "\"Ap 2\"", help: "FIB aperture / current"),
        .init("sample_preparation.fib_sidewall_angle_deg", .samplePreparation, "Crater sidewall angle", unit: "°", .fib, example: "90", help: "45 or 90 degrees"),
        .init("sample_preparation.fib_crater_um", .samplePreparation, "FIB crater size", unit: "µm", .fib, example: "\"70 x 70\"", help: "crater edge lengths in µm"),
        .init("sample_preparation.fib_raster", .samplePreparation, "FIB raster size", unit: "pixels", .fib, example: "\"512 x 512\"", help: "pixels, \"W x H\""),
        .init("sample_preparation.fib_dwell_time_ms", .samplePreparation, "FIB dwell time", unit: "ms/pixel", .fib, example: "180", help: "dwell time per pixel in ms"),
        .init("sample_preparation.fib_cycles", .samplePreparation, "FIB cycles", .fib, example: "10", help: "number of cycles"),
        .init("sample_preparation.fib_polishing", .samplePreparation, "Sidewall polishing and cleaning", .fib, example: "\"2 polishing cycles at lower current\"", help: "polishing / cleaning procedure"),
        // Data evaluation
        .init("data_evaluation.instrument_software", .dataEvaluation, "Instrument software", .always, example: "\"SurfaceLab 7.3\"", help: "acquisition/export software and version"),
        .init("data_evaluation.software", .dataEvaluation, "Evaluation software", .always, example: "\"SIMSKit\"", help: "filled in automatically from the run (SIMSKit and its version)"),
        .init("data_evaluation.normalization", .dataEvaluation, "Normalization", .optional, example: "\"total ion count\"", help: "filled in from the run; give it here only for processing done outside SIMSKit"),
        .init("data_evaluation.scaling", .dataEvaluation, "Scaling", .optional, example: "\"max\"", help: "filled in from the run; give it here only for processing done outside SIMSKit"),
        .init("data_evaluation.multivariate", .dataEvaluation, "Multivariate analysis", .optional, example: "\"PCA, 3 components\"", help: "filled in from the run; give it here only for processing done outside SIMSKit"),
    ]

    /// The field with `key`, if any.
    public static func named(_ key: String) -> TableIIIField? { all.first { $0.key == key } }
}
