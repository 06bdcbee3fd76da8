import Foundation
import SIMSAnalysis
import SIMSFormats
import SIMSReport

/// The spectra workflow's sections of `report.html`: peak areas with box plots, saturation, isotope
/// checks, sample comparisons and the study design.
enum SpectraReport {
    static func number(_ value: Double?, digits: Int = 4) -> String {
        guard let value, value.isFinite else { return "" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e5 {
            let scale = pow10(max(0, digits - 1 - Int(log10(magnitude).rounded(.down))))
            return CSVTable.format((value * scale).rounded() / scale)
        }
        let exponent = Int(log10(magnitude).rounded(.down))
        let mantissa = value / pow10(exponent)
        return CSVTable.format((mantissa * 1000).rounded() / 1000) + "e" + String(exponent)
    }

    static func pow10(_ n: Int) -> Double { var x = 1.0; for _ in 0..<abs(n) { x *= 10 }; return n >= 0 ? x : 1 / x }

    static func sections(table: PeakAreaTable, primary: PeakNormalization, important: Set<Int>,
                         isotopes: [(sample: String, spot: String, results: [IsotopeCheck.Result])], isotopeSummary: [IsotopeSampleSummary],
                         tests: [SampleComparison], plots: Bool, intervalList: PeakList, record: RunRecord) -> [ReportSection] {
        var out: [ReportSection] = []
        let stems = SpectraPlots.stems(for: table.peaks)

        var areas = ReportSection(title: "Peak areas", workflow: "spectra")
        areas.paragraph("\(table.rows.count) spots in \(table.samples.count) samples, \(table.peaks.count) intervals. Areas are trapezoidal integrals over the data points inside each interval (bounds inclusive); values below are \(primary.axisTitle.lowercased()). Unassigned peaks are kept apart and labelled by mass.")
        let shown = important.isEmpty ? Array(table.peaks.indices.prefix(12)) : important.sorted()
        var rows: [[String]] = []
        for k in shown {
            for sample in table.samples {
                let s = SampleSummary(table.values(peak: k, sample: sample, primary), resamples: 0)
                rows.append([AssignmentLabel.markup(table.peaks[k].label), sample, String(s.n), number(s.mean), number(s.sd), number(s.median),
                             s.tInterval.map { number($0.lowerBound) + " – " + number($0.upperBound) } ?? ""])
            }
        }
        areas.table(important.isEmpty ? "First peaks of the list" : "Important peaks", header: ["peak", "sample", "n", "mean", "sd", "median", "95 % CI (t)"],
                    rows: rows, csv: "results/summary.csv")
        if plots {
            // Spectra first: the overview per polarity, then the zoom on each important peak.
            var spectra: [String] = []
            for output in record.outputs where output.hasPrefix("plots/spectrum_") {
                guard let dot = output.lastIndex(of: ".") else { continue }
                let base = String(output[..<dot])
                if !spectra.contains(base) { spectra.append(base) }
            }
            let zooms = Dictionary(uniqueKeysWithValues: important.map { ("plots/spectrum_" + stems[$0], $0) })
            for base in spectra where zooms[base] == nil {
                areas.figure(base + ".svg", caption: "Mean spectrum of each sample (counts per m/z bin, log scale)")
            }
            for base in spectra { if let k = zooms[base] {
                areas.figure(base + ".svg", caption: "\(AssignmentLabel.markup(table.peaks[k].label)): every spot's spectrum around the interval (shaded), coloured by sample")
            } }
            for k in shown {
                let folder = important.contains(k) ? "plots/" : "plots/extra/"
                // The box plot is shown; its violin (the same points) is linked, not shown again.
                areas.figure(folder + stems[k] + ".svg", caption: "\(AssignmentLabel.markup(table.peaks[k].label)): every spot as a point, a box for each sample of ≥ \(BoxPlot.minimumCountForBox) spots")
                areas.file(folder + stems[k] + "_violin.svg", label: "\(table.peaks[k].label): violin with all points (\(folder)\(stems[k])_violin.svg)")
            }
        }
        for name in ["results/peak_areas.csv", "results/peak_areas_wide_\(primary.rawValue).csv", "results/summary.csv"] {
            areas.file(name, label: name)
        }
        out.append(areas)

        var saturation = ReportSection(title: "Detector saturation and dead time", workflow: "spectra")
        if table.hasDeadTime {
            saturation.paragraph("Saturation fraction I/N of registered counts per peak (N primary pulses; Stephan, Zehnpfenning & Benninghoven 1994). Peaks above 0.1 are flagged, above 0.5 unreliable; the TIC without flagged peaks and the dead-time corrected TIC are offered as normalizations.")
            var flagged: [[String]] = []
            for (k, peak) in table.peaks.enumerated() {
                let fractions = table.rows.compactMap { $0.saturation?[k].fraction }
                guard let worst = fractions.max(), SaturationLevel(fraction: worst) >= .flagged else { continue }
                flagged.append([AssignmentLabel.markup(peak.label), number(worst, digits: 3), SaturationLevel(fraction: worst).rawValue])
            }
            if flagged.isEmpty { saturation.paragraph("No peak exceeds I/N = 0.1.") } else {
                saturation.table("Flagged peaks (largest I/N over spots)", header: ["peak", "I/N", "level"], rows: flagged, csv: "results/saturation.csv")
            }
        } else {
            saturation.warning("The number of primary pulses N is unknown: saturation was not assessed and no dead-time correction applied. Give --primary-pulses or [acquisition] raster, scans and shots_per_pixel in sims.toml.")
        }
        let listRows = intervalList.peaks.compactMap { peak -> [String]? in
            guard let s = IntervalListSaturation(peak: peak), s.level >= .flagged else { return nil }
            return [AssignmentLabel.markup(peak.label), number(s.ratio, digits: 4), number(s.countingLoss * 100, digits: 3), number(s.equivalentFraction, digits: 3), s.level.rawValue]
        }
        if !listRows.isEmpty {
            saturation.table("From the interval list's Area vs Uncorrected Area", header: ["peak", "Area/Uncorrected", "counts lost (%)", "equivalent I/N", "level"],
                             rows: listRows, csv: "results/saturation_interval_list.csv")
        }
        out.append(saturation)

        var isotopeSection = ReportSection(title: "Isotope ratios", workflow: "spectra")
        if isotopeSummary.isEmpty {
            isotopeSection.paragraph("No element has two isotopes among the monatomic peaks of the list.")
        } else {
            let flagged = isotopeSummary.filter(\.flagged)
            isotopeSection.paragraph("Measured ratios of isotope peaks against natural abundance (IUPAC), per sample: median and range over the spots, with a Clopper–Pearson 95 % interval from the counts in each spot. "
                                     + "A ratio is flagged only when, among the spots where both peaks have ≥ \(Int(IsotopeSampleSummary.minimumCounts)) counts, most intervals exclude the natural ratio — one spot in twenty excludes it by chance. "
                                     + "A flag points to saturation, isotope enrichment or an interfering ion. \(flagged.count) of \(isotopeSummary.filter { $0.spots > 0 }.count) sample × ratio pairs flagged; every spot is in results/isotopes.csv.")
            let ordered = flagged + isotopeSummary.filter { !$0.flagged && $0.spots > 0 }
            isotopeSection.table("Isotope ratios by sample (flagged first)", header: ["ratio", "sample", "natural", "median", "range", "spots off natural (≥ \(Int(IsotopeSampleSummary.minimumCounts)) counts)", "flag"],
                                 rows: ordered.map { row in
                                     [row.pair.label.split(separator: "/").map { AssignmentLabel.markup(String($0)) }.joined(separator: "/"), row.sample, number(row.pair.naturalRatio), number(row.median),
                                      number(row.minimum) + " – " + number(row.maximum), "\(row.deviatingSpots) of \(row.countedSpots)", row.flagged ? "flagged" : ""]
                                 }, csv: "results/isotopes_by_sample.csv")
        }
        out.append(isotopeSection)

        var comparison = ReportSection(title: "Sample comparisons", workflow: "spectra")
        comparison.paragraph("Every peak, every pair of samples: Welch's t-test and Mann–Whitney U (exact for small samples without ties, otherwise the tie-corrected normal approximation), p-values adjusted with Benjamini–Hochberg over all \(tests.count) comparisons, effect size Hedges' g.")
        // The 25 smallest adjusted p, ties in table order (a stable sort). Indices are sorted, not the 10⁵
        // comparisons themselves, whose moves were a serial 0.1 s of a 135-spot run.
        let p = { (index: Int) in tests[index].welchAdjustedP ?? 1 }
        let significant = tests.indices.filter { p($0) < 0.05 }.sorted { p($0) < p($1) || (p($0) == p($1) && $0 < $1) }
        comparison.table("Comparisons with BH-adjusted Welch p < 0.05 (at most 25 shown)", header: ["peak", "samples", "Welch p (BH)", "Mann–Whitney p (BH)", "Hedges' g"],
                         rows: significant.prefix(25).map { tests[$0] }.map { test in
                             [AssignmentLabel.markup(table.peaks[test.peak].label), test.first + " vs " + test.second, number(test.welchAdjustedP, digits: 3),
                              number(test.mannWhitneyAdjustedP, digits: 3), number(test.hedgesG, digits: 3)]
                         }, csv: "results/tests.csv")
        out.append(comparison)

        var design = ReportSection(title: "Study design", workflow: "spectra")
        let counts = table.samples.map { sample in (sample, table.rows.filter { $0.sample == sample }.count) }
        design.table("Spots per sample", header: ["sample", "spots"], rows: counts.map { [$0.0, String($0.1)] })
        for warning in DesignCheck().warnings(spotsPerSample: counts) { design.warning(warning) }
        out.append(design)
        return out
    }
}
