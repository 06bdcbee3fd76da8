import ArgumentParser
import Foundation
import SIMSWorkflows

/// `sims quantify`: RSF calibration from standards and quantities with uncertainties for unknowns. Thin wrapper
/// over ``QuantifyWorkflow``.
struct QuantifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantify",
        abstract: "Calibrate an ion on standards of known concentration (RSF) and quantify unknowns with propagated uncertainty.",
        discussion: """
        sims quantify calibration.csv --unit at.% --out DIR

        The table has one row per spot: sample,role,concentration,analyte_counts,reference_counts[,matrix,phases] \
        (role standard or unknown; concentration empty for unknowns). The curve is a weighted straight line with \
        intercept through the standards (counting and replicate errors); unknowns get c = (r − a)/b with propagated \
        uncertainty and warnings below the LOD, outside the calibrated range, above the dilute limit, in another \
        matrix or with several phases. Writes results/calibration_standards.csv, calibration_fit.csv, quantified.csv \
        and the report.
        """)

    @Argument(help: "The calibration table (CSV).")
    var table: String

    @Option(name: .long, help: "Concentration unit (for tables and report).")
    var unit = "at.%"

    @Option(name: .customLong("dilute-limit"), parsing: .unconditional, help: "Concentration above which RSFs are not trusted (in --unit).", transform: OptionRange.number(0...1e9))
    var diluteLimit = 1.0

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Flag(name: .long, help: "Write into a folder holding files sims did not write.")
    var force = false

    func run() async throws {
        var options = QuantifyWorkflow.Options(table: table, output: out)
        options.unit = unit
        options.diluteLimit = diluteLimit
        options.force = force
        options.arguments = Array(CommandLine.arguments.dropFirst())
        let report = try QuantifyWorkflow.run(options)
        for (name, e) in report.unknowns {
            print("\(name): \(String(format: "%.4g", e.concentration)) ± \(String(format: "%.2g", e.standardError)) \(unit)")
        }
        try StderrProgress().finish(report.record, summary: "wrote \(report.record.outputs.count) files to \(out)")
    }
}
