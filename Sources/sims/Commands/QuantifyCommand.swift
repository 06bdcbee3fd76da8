import ArgumentParser
import Foundation
import SIMSWorkflows

/// `sims quantify`: RSF calibration from standards and quantities with uncertainties for unknowns. Thin wrapper
/// over ``QuantifyWorkflow``.
struct QuantifyCommand: AsyncParsableCommand, OutputFolderCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantify",
        abstract: "Calibrate an ion on standards of known concentration (RSF) and quantify unknowns with propagated uncertainty.",
        discussion: """
        sims quantify calibration.toml --out DIR
        sims quantify calibration.csv --unit at.% --out DIR

        A TOML file holds a [quantify] table: [[quantify.standard]] tables (sample, concentration, analyte_counts \
        and reference_counts as one number per spot, optional matrix and phases), [[quantify.unknown]] tables (the \
        same without concentration), optional unit and dilute_limit (the options below win). A CSV table has one row per spot: sample,role,concentration,analyte_counts,reference_counts[,matrix,phases] \
        (role standard or unknown; concentration empty for unknowns). The curve is a weighted straight line with \
        intercept through the standards (counting and replicate errors); unknowns get c = (r − a)/b with propagated \
        uncertainty and warnings below the LOD, outside the calibrated range, above the dilute limit, in another \
        matrix or with several phases. Writes results/calibration_standards.csv, calibration_fit.csv, quantified.csv \
        and the report.
        """)

    @Argument(help: "The calibration series: a TOML file with a [quantify] table (*.toml) or a CSV table.")
    var table: String

    @Option(name: .long, help: "Concentration unit (for tables and report; default: the TOML's unit, else at.%).")
    var unit: String?

    @Option(name: .customLong("dilute-limit"), parsing: .unconditional, help: "Concentration above which RSFs are not trusted (in the unit; default: the TOML's dilute_limit, else 1).", transform: OptionRange.number(0...1e9))
    var diluteLimit: Double?

    @OptionGroup(title: "Output") var output: OutputArguments<QuantifyCommand>

    func run() async throws {
        var options = QuantifyWorkflow.Options(table: table, output: output.out)
        options.unit = unit
        options.diluteLimit = diluteLimit
        options.force = output.force
        options.arguments = Array(CommandLine.arguments.dropFirst())
        let report = try QuantifyWorkflow.run(options)
        for (name, e) in report.unknowns {
            print("\(name): \(String(format: "%.4g", e.concentration)) ± \(String(format: "%.2g", e.standardError)) \(report.unit)")
        }
        try StderrProgress().finish(report.record, summary: "wrote \(report.record.outputs.count) files to \(output.out)")
    }
}
