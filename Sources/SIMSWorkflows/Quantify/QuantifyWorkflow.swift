import Foundation
import SIMSFormats
import SIMSQuantification
import SIMSReport

/// `sims quantify TABLE.csv|sims.toml`: relative-sensitivity-factor quantification (``RSFCalibration``) of one
/// analyte ion from standards of known concentration, applied to unknowns with propagated uncertainty.
///
/// The series is a `[quantify]` table of a TOML file (``CalibrationManifest``: `[[quantify.standard]]` and
/// `[[quantify.unknown]]` with per-spot count arrays, optional `unit` and `dilute_limit`), or a CSV table. The CSV
/// has one row per spot and the columns `sample,role,concentration,analyte_counts,reference_counts`
/// (`role` is `standard` or `unknown`; `concentration` is empty for unknowns), optionally `matrix` (a name: an
/// unknown whose matrix no standard shares is warned about) and `phases` (a number: more than one violates the
/// paper's condition for RSFs). Lines starting with `#` are comments.
public enum QuantifyWorkflow {
    /// Settings.
    public struct Options: Sendable {
        /// The calibration series: a TOML file with a `[quantify]` table (`*.toml`) or a CSV table.
        public var table: String
        /// Output folder.
        public var output: String
        /// Concentration unit, for the tables and the report (`nil`: the manifest's `unit`, else `at.%`).
        public var unit: String?
        /// Above this concentration the dilute-limit condition for RSFs is taken as violated (`nil`: the manifest's
        /// `dilute_limit`, else 1; in the unit).
        public var diluteLimit: Double?
        /// Write into a folder holding files sims did not write.
        public var force = false
        /// The command line, for the provenance.
        public var arguments: [String] = []
        /// Creates options.
        public init(table: String, output: String) { self.table = table; self.output = output }
    }

    /// One sample read from the table.
    public struct Sample: Sendable {
        /// Name.
        public var name: String
        /// Standard (with concentration) or unknown (nil).
        public var concentration: Double?
        /// Its spots.
        public var spots: [CalibrationSpot]
        /// Matrix name, when given.
        public var matrix: String?
        /// Number of phases, when given.
        public var phases: Int?
    }

    /// What the run produced.
    public struct Report: Sendable {
        /// The calibration.
        public var calibration: RSFCalibration
        /// Unknowns with their estimates, in table order.
        public var unknowns: [(name: String, estimate: RSFCalibration.Estimate)]
        /// The run record.
        public var record: RunRecord
        /// The concentration unit used (command line, else the manifest's, else `at.%`).
        public var unit: String
    }

    /// The series as read: samples in file order, and the manifest's unit and dilute limit when it is TOML.
    public struct Series: Sendable {
        /// Standards and unknowns.
        public var samples: [Sample]
        /// `[quantify] unit`, when given.
        public var unit: String?
        /// `[quantify] dilute_limit`, when given.
        public var diluteLimit: Double?
    }

    /// Reads the series: a `*.toml` file's `[quantify]` table (errors name the file, table and key) or a CSV table.
    public static func readSeries(_ path: String) throws(SIMSError) -> Series {
        guard path.lowercased().hasSuffix(".toml") else { return Series(samples: try readSamples(path)) }
        let manifest = try CalibrationManifest.read(from: path)
        let samples = manifest.samples.map { s in
            Sample(name: s.name, concentration: s.concentration,
                   spots: zip(s.analyteCounts, s.referenceCounts).map { CalibrationSpot(analyteCounts: $0, referenceCounts: $1) },
                   matrix: s.matrix, phases: s.phases)
        }
        return Series(samples: samples, unit: manifest.unit, diluteLimit: manifest.diluteLimit)
    }

    /// Reads a CSV table; errors name the file, line and column.
    public static func readSamples(_ path: String) throws(SIMSError) -> [Sample] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SIMSError(.fileNotFound, "cannot read the calibration table", file: path, expected: "a CSV file")
        }
        var header: [String]?
        var samples: [Sample] = []
        var index: [String: Int] = [:]
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let columns = header else {
                header = cells.map { $0.lowercased() }
                for required in ["sample", "role", "concentration", "analyte_counts", "reference_counts"] where !header!.contains(required) {
                    throw SIMSError(.invalidArgument, "the title line lacks column \(required)", file: path, line: offset + 1,
                                    expected: "sample,role,concentration,analyte_counts,reference_counts[,matrix,phases]")
                }
                continue
            }
            guard cells.count == columns.count else {
                throw SIMSError(.invalidArgument, "\(cells.count) cells where the title line has \(columns.count)", file: path, line: offset + 1, expected: "\(columns.count) cells")
            }
            func cell(_ name: String) -> String? { columns.firstIndex(of: name).map { cells[$0] } }
            func value(_ name: String) throws(SIMSError) -> Double {
                guard let text = cell(name), let parsed = Double(text), parsed.isFinite else {
                    throw SIMSError(.invalidArgument, "column \(name) is not a number", file: path, line: offset + 1, found: cell(name) ?? "", expected: "a finite number")
                }
                return parsed
            }
            let name = cell("sample") ?? ""
            guard !name.isEmpty else { throw SIMSError(.invalidArgument, "empty sample name", file: path, line: offset + 1, expected: "a name") }
            let role = (cell("role") ?? "").lowercased()
            var concentration: Double?
            switch role {
            case "standard": concentration = try value("concentration")
            case "unknown": concentration = nil
            default: throw SIMSError(.invalidArgument, "unknown role", file: path, line: offset + 1, found: role, expected: "standard or unknown")
            }
            let spot = CalibrationSpot(analyteCounts: try value("analyte_counts"), referenceCounts: try value("reference_counts"))
            let phases = cell("phases").flatMap { Int($0) }
            if let at = index[name] {
                guard samples[at].concentration == concentration else {
                    throw SIMSError(.invalidArgument, "sample \(name) has rows with different roles or concentrations", file: path, line: offset + 1, expected: "one concentration per sample")
                }
                samples[at].spots.append(spot)
            } else {
                index[name] = samples.count
                samples.append(Sample(name: name, concentration: concentration, spots: [spot], matrix: cell("matrix").flatMap { $0.isEmpty ? nil : $0 }, phases: phases))
            }
        }
        guard header != nil else { throw SIMSError(.invalidArgument, "the calibration table is empty", file: path, expected: "a title line and rows") }
        return samples
    }

    /// Runs: fits the calibration, estimates the unknowns, writes tables and the report.
    public static func run(_ options: Options) throws(SIMSError) -> Report {
        let series = try readSeries(options.table)
        let samples = series.samples
        var options = options
        options.unit = options.unit ?? series.unit ?? "at.%"
        options.diluteLimit = options.diluteLimit ?? series.diluteLimit ?? 1
        let unit = options.unit!, diluteLimit = options.diluteLimit!
        let folder = try OutputFolder(options.output, force: options.force, reading: [options.table])
        var record = RunRecord(command: "quantify", arguments: options.arguments)
        record.inputs.append(options.table)
        record.set("unit", unit)
        record.set("dilute limit", "\(CSVTable.format(diluteLimit)) \(unit)")
        let standards = samples.filter { $0.concentration != nil }
        let calibration: RSFCalibration
        do { calibration = try RSFCalibration(standards: standards.map { ($0.name, $0.concentration!, $0.spots) }) } catch { throw error.inFile(options.table) }
        let matrices = Set(standards.compactMap(\.matrix))
        var unknowns: [(String, RSFCalibration.Estimate)] = []
        for sample in samples where sample.concentration == nil {
            var estimate = try calibration.estimate(sample.spots, name: sample.name)
            if let matrix = sample.matrix, !matrices.isEmpty, !matrices.contains(matrix) {
                estimate.warnings.append("\(sample.name): matrix \(matrix) differs from the standards' (\(matrices.sorted().joined(separator: ", "))); the RSF does not transfer across matrices (matrix effect)")
            }
            if let phases = sample.phases, phases > 1 {
                estimate.warnings.append("\(sample.name): \(phases) phases; RSFs hold for single-phase samples (Lombardo et al. 2023, §II)")
            }
            if estimate.concentration > diluteLimit {
                estimate.warnings.append("\(sample.name): \(CSVTable.format(estimate.concentration)) \(unit) is above the dilute limit \(CSVTable.format(diluteLimit)) \(unit) where RSFs are valid (Lombardo et al. 2023, §II)")
            }
            for w in estimate.warnings { record.warn(w) }
            unknowns.append((sample.name, estimate))
        }
        if standards.contains(where: { ($0.phases ?? 1) > 1 }) { record.warn("some standards have more than one phase; RSFs hold for single-phase samples") }
        if let top = standards.compactMap(\.concentration).max(), top > diluteLimit {
            record.warn("standards reach \(CSVTable.format(top)) \(unit), above the dilute limit \(CSVTable.format(diluteLimit)) \(unit): the line may not hold there")
        }
        var report = Report(calibration: calibration, unknowns: unknowns, record: record, unit: unit)
        try write(&report, options: options, to: folder)
        try folder.commit(protecting: report.record.inputs)
        return report
    }

    static func write(_ report: inout Report, options: Options, to folder: OutputFolder) throws(SIMSError) {
        let unit = options.unit ?? "at.%"
        let c = report.calibration
        var standards = CSVTable(header: ["sample", "concentration", "spots", "mean_ratio", "standard_error_ratio", "replicate_sd_ratio", "residual_ratio"])
        for s in c.standards {
            standards.append([.text(s.name), .number(s.concentration), .integer(s.level.spots), .number(s.level.meanRatio),
                              .number(s.level.variance.squareRoot()), .optional(s.level.replicateStandardDeviation),
                              .number(s.level.meanRatio - c.intercept - c.slope * s.concentration)])
        }
        var fit = CSVTable(header: ["intercept", "intercept_se", "slope", "slope_se", "covariance", "chi_square", "degrees_of_freedom",
                                    "rsf", "limit_of_detection", "calibrated_min", "calibrated_max", "unit"])
        fit.append([.number(c.intercept), .number(c.varianceIntercept.squareRoot()), .number(c.slope), .number(c.varianceSlope.squareRoot()),
                    .number(c.covariance), .number(c.chiSquare), .integer(c.degreesOfFreedom), .number(c.relativeSensitivityFactor),
                    .number(c.limitOfDetection), .number(c.calibratedRange.lowerBound), .number(c.calibratedRange.upperBound), .text(unit)])
        var unknowns = CSVTable(header: ["sample", "spots", "mean_ratio", "concentration", "standard_error", "warnings"])
        for (name, e) in report.unknowns {
            unknowns.append([.text(name), .integer(e.level.spots), .number(e.level.meanRatio), .number(e.concentration), .number(e.standardError),
                             .text(e.warnings.joined(separator: "; "))])
        }
        for (file, table) in [("calibration_standards.csv", standards), ("calibration_fit.csv", fit), ("quantified.csv", unknowns)] {
            try table.write(to: folder.results(file))
            report.record.outputs.append("results/" + file)
        }
        var section = ReportSection(title: "RSF quantification", workflow: "quantify")
        section.paragraph("Calibration r = a + b·c from \(c.standards.count) standards (weighted least squares, counting and replicate errors; docs/deconvolution.md, “Quantification with standards”): "
                          + "b = \(CSVTable.format(c.slope)) ± \(CSVTable.format(c.varianceSlope.squareRoot())) per \(unit), RSF = \(CSVTable.format(c.relativeSensitivityFactor)) \(unit), "
                          + "LOD = \(CSVTable.format(c.limitOfDetection)) \(unit), χ² = \(CSVTable.format(c.chiSquare)) on \(c.degreesOfFreedom) degrees of freedom.")
        section.table("Unknowns", header: unknowns.header, rows: unknowns.rows, csv: "results/quantified.csv")
        report.record.add(section)
        _ = try report.record.writeReport(to: folder, title: "SIMSKit — quantify")
    }
}
