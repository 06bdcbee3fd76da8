import Foundation
import SIMSFormats
import SIMSQuantification
import SIMSReport

extension DeconvolveWorkflow {
    /// `results/deconvolution_amounts.csv`: one row per spectrum and candidate.
    static func amountsTable(_ fits: [SpectrumFit], bySpot: Bool = false) -> CSVTable {
        var table = CSVTable(header: keyHeader(bySpot) + ["polarity", "species", "status", "amount_counts", "standard_error_counts",
                                      "standard_error_scaled_counts", "group", "pattern_coverage",
                                                          "bootstrap_standard_error_counts", "bootstrap_upper95_counts"])
        for fit in fits {
            // Counting error inflated by √(χ²/dof) when the model does not explain the spectrum to counting precision.
            let inflation = max(1, fit.result.chiSquare / Double(fit.result.degreesOfFreedom)).squareRoot()
            for s in fit.result.species {
                var group = ""
                if case .notIdentifiable(let g) = s.status { group = "\(g + 1)" }
                table.append(keyCells(fit) + [.text(fit.polarity?.rawValue ?? ""), .text(s.ion.iontofNotation), .text(s.status.label),
                              .number(s.amount), .optional(s.standardError),
                              .optional(s.standardError.map { $0 * inflation }), .text(group), .number(s.coverage),
                                              .optional(s.bootstrapStandardError), .optional(s.bootstrapUpperBound)])
            }
        }
        return table
    }

    /// `results/deconvolution_certificates.csv`: the KKT certificate and fit statistics per spectrum.
    static func certificateTable(_ fits: [SpectrumFit], bySpot: Bool = false) -> CSVTable {
        var table = CSVTable(header: keyHeader(bySpot) + ["certified", "primal_violation", "dual_violation", "complementarity_violation", "dual_tolerance",
                                      "complementarity_tolerance", "iterations", "reached_cap", "poisson_reweightings", "reweighting_converged", "chi_square",
                                      "degrees_of_freedom", "chi_square_per_dof", "candidates", "selected", "groups", "bootstrap_resamples"])
        for fit in fits {
            let c = fit.result.certificate
            table.append(keyCells(fit) + [.text(c.isCertified ? "yes" : "no"), .number(c.primalViolation), .number(c.dualViolation),
                          .number(c.complementarityViolation), .number(c.dualTolerance), .number(c.complementarityTolerance), .integer(c.iterations),
                          .text(c.reachedIterationCap ? "yes" : "no"), .integer(fit.result.reweightings),
                          .text(fit.result.reweightingConverged ? "yes" : "no"), .number(fit.result.chiSquare),
                          .integer(fit.result.degreesOfFreedom), .number(fit.result.chiSquare / Double(fit.result.degreesOfFreedom)),
                          .integer(fit.result.species.count), .integer(fit.result.selected.count),
                          .integer(fit.result.groups.count), .integer(fit.result.bootstrapResamples)])
        }
        return table
    }

    /// `results/deconvolution_groups.csv`: the non-identifiable groups per spectrum.
    static func groupTable(_ fits: [SpectrumFit], bySpot: Bool = false) -> CSVTable {
        var table = CSVTable(header: keyHeader(bySpot) + ["group", "members"])
        for fit in fits {
            for (g, members) in fit.result.groups.enumerated() {
                table.append(keyCells(fit) + [.integer(g + 1), .text(members.map(\.iontofNotation).joined(separator: " "))])
            }
        }
        return table
    }

    /// `results/deconvolution_candidates.csv`: each candidate, in how many spectra it was fitted and selected.
    static func candidateTable(_ fits: [SpectrumFit]) -> CSVTable {
        var order: [String] = []
        var fitted: [String: Int] = [:], selected: [String: Int] = [:], mass: [String: Double] = [:]
        for fit in fits {
            for s in fit.result.species {
                let label = s.ion.iontofNotation
                if fitted[label] == nil { order.append(label); mass[label] = s.ion.monoisotopicMass }
                fitted[label, default: 0] += 1
                if s.amount > 0 { selected[label, default: 0] += 1 }
            }
        }
        var table = CSVTable(header: ["species", "monoisotopic_mz", "spectra_fitted", "spectra_selected"])
        for label in order.sorted(by: { mass[$0]! < mass[$1]! }) {
            table.append([.text(label), .number(mass[label]!), .integer(fitted[label]!), .integer(selected[label] ?? 0)])
        }
        return table
    }

    /// `results/fits/<file>.csv`: m/z, observed, fitted and residual counts on the fitted rows.
    static func fitTable(_ fit: SpectrumFit) -> CSVTable {
        var table = CSVTable(header: ["mz", "observed_counts", "fitted_counts", "residual_counts"])
        for (i, m) in fit.result.mass.enumerated() {
            table.append([.number(m), .number(fit.result.observed[i]), .number(fit.result.fitted[i]), .number(fit.result.observed[i] - fit.result.fitted[i])])
        }
        return table
    }

    static func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    /// The columns naming a spectrum: `file` for `sims deconvolve`, `sample`, `spot` for a `sims spectra` study.
    static func keyHeader(_ bySpot: Bool) -> [String] { bySpot ? ["sample", "spot"] : ["file"] }

    static func keyCells(_ fit: SpectrumFit) -> [CSVTable.Cell] {
        fit.spot.map { [.text($0.sample), .text($0.spot)] } ?? [.text(name(fit.path))]
    }

    static func write(_ report: inout Report, to folder: OutputFolder) throws(SIMSError) {
        var record = report.record
        defer { report.record = record }
        let tables: [(String, CSVTable)] = [
            ("deconvolution_amounts.csv", amountsTable(report.fits)), ("deconvolution_certificates.csv", certificateTable(report.fits)),
            ("deconvolution_groups.csv", groupTable(report.fits)), ("deconvolution_candidates.csv", candidateTable(report.fits)),
        ]
        for (file, table) in tables {
            try table.write(to: folder.results(file))
            record.outputs.append("results/" + file)
        }
        var used = Set<String>()
        for fit in report.fits {
            var base = OutputFolder.safeName((name(fit.path) as NSString).deletingPathExtension)
            while !used.insert(base).inserted { base += "_" }
            try fitTable(fit).write(to: folder.results("fits/\(base).csv"))
            record.outputs.append("results/fits/\(base).csv")
        }
        var section = ReportSection(title: "Isotope-cluster deconvolution", workflow: "deconvolve")
        let certified = report.certifiedCount
        section.paragraph("\(report.fits.count) spectra fitted as non-negative sums of isotope-pattern templates (docs/deconvolution.md); "
                          + "\(certified) of \(report.fits.count) optima certified by the KKT conditions"
                          + (record.failures.isEmpty ? "." : "; \(record.failures.count) file(s) could not be fitted (see warnings)."))
        let candidates = candidateTable(report.fits)
        section.table("Candidates: spectra in which each was fitted and selected (positive amount at the certified optimum)",
                      header: candidates.header, rows: Array(candidates.rows.prefix(60)), csv: "results/deconvolution_candidates.csv")
        let certificates = certificateTable(report.fits)
        section.table("KKT certificate per spectrum", header: Array(certificates.header.prefix(9)),
                      rows: certificates.rows.prefix(300).map { Array($0.prefix(9)) }, csv: "results/deconvolution_certificates.csv")
        record.add(section)
        _ = try record.writeReport(to: folder, title: "SIMSKit — deconvolution")
    }
}
