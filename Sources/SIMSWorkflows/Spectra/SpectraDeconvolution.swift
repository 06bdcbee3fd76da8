import Foundation
import SIMSAnalysis
import SIMSFormats
import SIMSQuantification
import SIMSReport

/// The deconvolution step of `sims spectra` (`--deconvolve`, or a `[deconvolution]` table in `sims.toml`): every
/// spot's spectrum fitted with the same model as `sims deconvolve` (``DeconvolveWorkflow/fit(_:polarity:model:file:)``),
/// the per-spot tables keyed by sample and spot, per-sample statistics of the species amounts like `summary.csv`,
/// and a report section (docs/deconvolution.md).
enum SpectraDeconvolution {
    /// Fits every spot (spread over the cores; spots in study order). A spot that cannot be fitted is recorded as a
    /// failure (`sample/spot`) and the others go on. The spot's polarity comes from its header, else the run's
    /// polarity, else its file name (`N_`/`P_`).
    static func fit(_ spots: [SpotSpectrum], polarity: Polarity?, model: DeconvolveWorkflow.Model,
                    record: inout RunRecord) -> [DeconvolveWorkflow.SpectrumFit] {
        let outcomes = spots.concurrentMap { spot in
            Result { () throws(SIMSError) -> DeconvolveWorkflow.SpectrumFit in
                let spotPolarity = Acquisition(iontofHeader: spot.spectrum.metadata).polarity ?? polarity ?? Polarity(fileName: spot.spot)
                var fit = try DeconvolveWorkflow.fit(spot.spectrum, polarity: spotPolarity, model: model, file: spot.sample + "/" + spot.spot)
                fit.spot = (spot.sample, spot.spot)
                return fit
            }
        }
        var fits: [DeconvolveWorkflow.SpectrumFit] = []
        for (spot, outcome) in zip(spots, outcomes) {
            switch outcome {
            case .success(let fit): fits.append(fit)
            case .failure(let error): record.fail(spot.sample + "/" + spot.spot, error)
            }
        }
        DeconvolveWorkflow.warnAboutCertificates(fits, record: &record)
        return fits
    }

    /// `results/deconvolution_summary.csv`: per species and sample, statistics of the amounts (counts) over the spots
    /// where the species is identifiable and inside the mass range (a species at zero counts as 0: that is its
    /// certified amount), with the mean of the spots' Fisher standard errors beside the spot-to-spot scatter.
    static func summaryTable(_ fits: [DeconvolveWorkflow.SpectrumFit], resamples: Int) -> CSVTable {
        var csv = CSVTable(header: ["species", "monoisotopic_mz", "sample", "n", "spots_selected", "mean_counts", "sd_counts", "median_counts",
                                    "q1_counts", "q3_counts", "min_counts", "max_counts", "ci95_t_low", "ci95_t_high", "ci95_bootstrap_low",
                                    "ci95_bootstrap_high", "mean_standard_error_counts"])
        for row in summaries(fits, resamples: resamples) {
            let s = row.summary
            csv.append([.text(row.species), .number(row.mass), .text(row.sample), .integer(s.n), .integer(row.selected), .optional(s.mean),
                        .optional(s.sd), .optional(s.median), .optional(s.q1), .optional(s.q3), .optional(s.min), .optional(s.max),
                        .optional(s.tInterval?.lowerBound), .optional(s.tInterval?.upperBound), .optional(s.bootstrapInterval?.lowerBound),
                        .optional(s.bootstrapInterval?.upperBound), .optional(row.meanStandardError)])
        }
        return csv
    }

    /// One species in one sample.
    struct SpeciesSummary {
        var species: String
        var mass: Double
        var sample: String
        /// Spots with a positive amount.
        var selected: Int
        var summary: SampleSummary
        /// Mean Fisher standard error over the spots where the species is fitted (`nil` when it never is).
        var meanStandardError: Double?
    }

    /// Species in order of mass, samples in study order.
    static func summaries(_ fits: [DeconvolveWorkflow.SpectrumFit], resamples: Int) -> [SpeciesSummary] {
        var samples: [String] = [], species: [String] = [], mass: [String: Double] = [:]
        var amounts: [String: [String: [Double]]] = [:], errors: [String: [String: [Double]]] = [:]
        for fit in fits {
            let sample = fit.spot?.sample ?? ""
            if !samples.contains(sample) { samples.append(sample) }
            for s in fit.result.species {
                let label = s.ion.iontofNotation
                if mass[label] == nil { species.append(label); mass[label] = s.ion.monoisotopicMass }
                switch s.status {
                case .fitted, .zero, .atPatternBound: amounts[label, default: [:]][sample, default: []].append(s.amount)
                case .notIdentifiable, .outsideMassRange: break
                }
                if let e = s.standardError { errors[label, default: [:]][sample, default: []].append(e) }
            }
        }
        var out: [SpeciesSummary] = []
        for label in species.sorted(by: { mass[$0]! < mass[$1]! }) {
            for sample in samples {
                let values = amounts[label]?[sample] ?? []
                let e = errors[label]?[sample] ?? []
                out.append(SpeciesSummary(species: label, mass: mass[label]!, sample: sample, selected: values.filter { $0 > 0 }.count,
                                          summary: SampleSummary(values, resamples: resamples),
                                          meanStandardError: e.isEmpty ? nil : e.reduce(0, +) / Double(e.count)))
            }
        }
        return out
    }

    /// Writes the tables into `folder/results/` and returns the report section.
    static func write(_ fits: [DeconvolveWorkflow.SpectrumFit], resamples: Int, failed: Int, folder: OutputFolder,
                      record: inout RunRecord) throws(SIMSError) -> ReportSection {
        let summary = summaryTable(fits, resamples: resamples)
        let tables: [(String, CSVTable)] = [
            ("deconvolution_amounts.csv", DeconvolveWorkflow.amountsTable(fits, bySpot: true)),
            ("deconvolution_certificates.csv", DeconvolveWorkflow.certificateTable(fits, bySpot: true)),
            ("deconvolution_groups.csv", DeconvolveWorkflow.groupTable(fits, bySpot: true)),
            ("deconvolution_candidates.csv", DeconvolveWorkflow.candidateTable(fits)),
            ("deconvolution_summary.csv", summary),
        ]
        for (file, table) in tables {
            try table.write(to: folder.results(file))
            record.outputs.append("results/" + file)
        }
        var section = ReportSection(title: "Isotope-cluster deconvolution", workflow: "spectra")
        let certified = fits.filter { $0.result.certificate.isCertified }.count
        section.paragraph("Every spot's spectrum fitted as a non-negative sum of the candidates' isotope-pattern templates (as sims deconvolve, docs/deconvolution.md): "
                          + "\(fits.count) spots fitted, \(certified) optima certified by the KKT conditions"
                          + (failed == 0 ? "." : "; \(failed) spot(s) could not be fitted (see warnings).")
                          + " Amounts are counts of the species over all its isotopologues; below, the mean over the spots with its 95 % t interval, "
                          + "and the mean Fisher standard error of one spot (counting precision) beside the spot-to-spot SD.")
        let rows = summaries(fits, resamples: 0).filter { $0.selected > 0 }
        section.table("Species selected in at least one spot: amount per sample (counts)",
                      header: ["species", "sample", "spots selected", "mean", "95 % CI (t)", "sd", "mean SE of a spot"],
                      rows: rows.prefix(120).map { row in
                          [AssignmentLabel.markup(row.species), row.sample, "\(row.selected) of \(row.summary.n)", SpectraReport.number(row.summary.mean),
                           row.summary.tInterval.map { SpectraReport.number($0.lowerBound) + " – " + SpectraReport.number($0.upperBound) } ?? "",
                           SpectraReport.number(row.summary.sd), SpectraReport.number(row.meanStandardError)]
                      }, csv: "results/deconvolution_summary.csv")
        for file in ["results/deconvolution_amounts.csv", "results/deconvolution_certificates.csv", "results/deconvolution_groups.csv"] {
            section.file(file, label: file)
        }
        return section
    }
}
