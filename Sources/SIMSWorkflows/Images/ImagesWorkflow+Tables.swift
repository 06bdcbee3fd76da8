import Foundation
import SIMSAnalysis
import SIMSFormats
import SIMSReport

extension ImagesWorkflow {
    /// Writes `results/image_stats.csv`, per-sample statistics, ROI statistics, shifts and box plots.
    static func writeTables(_ result: inout Result, options: ImagesOptions, folder: OutputFolder) throws(SIMSError) {
        var stats = CSVTable(header: ImageStatisticsRow.header)
        for row in result.rows { stats.append(row.cells) }
        try stats.write(to: folder.results("image_stats.csv"))
        result.record.outputs.append("results/image_stats.csv")

        // Per sample and ion: spread over measurements of both normalizations (SampleSummary from Statistics).
        var summary = CSVTable(header: ["sample", "ion", "quantity", "n", "mean", "sd", "median", "ci95_lower", "ci95_upper"])
        let ions = unique(result.rows.map(\.ion))
        let samples = unique(result.rows.map(\.sample))
        let quantities: [(name: String, value: (ImageStatisticsRow) -> Double?)] = [("mean_of_ratios", { $0.meanOfRatios }), ("ratio_of_sums", { $0.ratioOfSums })]
        for ion in ions {
            for quantity in quantities {
                var groups: [(name: String, values: [Double])] = []
                for sample in samples {
                    let values = result.rows.filter { $0.ion == ion && $0.sample == sample }.compactMap(quantity.value)
                    guard !values.isEmpty else { continue }
                    groups.append((sample, values))
                    let s = SampleSummary(values)
                    summary.append([.text(sample), .text(ion), .text(quantity.name), .integer(s.n), .optional(s.mean), .optional(s.sd),
                                    .optional(s.median), .optional(s.tInterval?.lowerBound), .optional(s.tInterval?.upperBound)])
                }
                if options.plots, !groups.isEmpty {
                    let plot = BoxPlot(groups: groups, yTitle: quantity.name == "mean_of_ratios" ? "mean of \(AssignmentLabel.markup(ion)) / \(AssignmentLabel.markup(options.reference)) per pixel" : "Σ\(AssignmentLabel.markup(ion)) / Σ\(AssignmentLabel.markup(options.reference))",
                                       xTitle: "sample", title: "\(AssignmentLabel.markup(ion)): \(quantity.name.replacingOccurrences(of: "_", with: " "))")
                    let name = "plots/" + OutputFolder.safeName(ion) + "_" + quantity.name
                    try folder.write(plot, as: name, record: &result.record, pngScale: options.pngScale)
                }
            }
        }
        try summary.write(to: folder.results("image_sample_stats.csv"))
        result.record.outputs.append("results/image_sample_stats.csv")

        if !result.regions.isEmpty {
            var table = CSVTable(header: ["sample", "measurement", "ion", "roi", "pixels", "valid_pixels", "ion_counts", "reference_counts", "ratio_of_sums", "mean_of_ratios"])
            for entry in result.regions {
                let s = entry.statistics
                table.append([.text(entry.sample), .text(entry.measurement), .text(entry.ion), .text(s.region), .integer(s.pixels), .integer(s.validPixels),
                              .number(s.ionCounts), .number(s.referenceCounts), .optional(s.ratioOfSums), .optional(s.meanOfRatios)])
            }
            try table.write(to: folder.results("roi_stats.csv"))
            result.record.outputs.append("results/roi_stats.csv")
        }
        if !result.shifts.isEmpty {
            var table = CSVTable(header: ["sample", "measurement", "ion", "dx_px", "dy_px", "binning", "peak_height", "peak_significance_sd", "applied"])
            for s in result.shifts {
                table.append([.text(s.sample), .text(s.measurement), .text(s.ion), .integer(s.estimate.dx), .integer(s.estimate.dy),
                              .integer(options.binning), .number(s.estimate.peakHeight), .number(s.estimate.significance),
                              .text(s.estimate.refusal.map { "no: " + $0.rawValue } ?? "yes")])
            }
            try table.write(to: folder.results("image_shifts.csv"))
            result.record.outputs.append("results/image_shifts.csv")
        }
    }

    /// Adds the images section to the run record and writes report.html, provenance.json and methods.md.
    static func writeReport(_ result: inout Result, options: ImagesOptions, folder: OutputFolder) throws(SIMSError) {
        var section = ReportSection(title: "Pixel-by-pixel normalization of ion images", workflow: "images")
        section.paragraph("Each ion image was divided pixel by pixel by the \(options.reference) image (Lombardo et al., JVST A 41, 053207 (2023), Sec. V). "
            + "mean_of_ratios is the mean of the per-pixel ratios over valid pixels (insensitive to topography and porosity, which scale ion and reference alike); "
            + "ratio_of_sums is the whole-area normalization; sum_of_ratios is the paper script's quantity. Pixels whose reference had "
            + (options.minimumReference > 0 ? "fewer than \(CSVTable.format(options.minimumReference)) counts" : "no counts")
            + " were excluded (mask: images/<measurement>/excluded_mask.tif), never replaced.")
        if !options.multiply.isEmpty {
            section.paragraph("Multiplied images (A*B*…) are geometric means of the member images: counts per pixel, zero wherever any member is zero.")
        }
        let rows = result.rows.prefix(60).map { row in
            // Four significant digits on the page; results/image_stats.csv keeps every digit.
            [row.sample, row.measurement, AssignmentLabel.markup(row.ion), CSVTable.format(row.totalCounts), SpectraReport.number(row.ratioOfSums),
             SpectraReport.number(row.meanOfRatios), "\(row.validPixels)", "\(row.excludedPixels)"]
        }
        section.table("Per-measurement statistics" + (result.rows.count > 60 ? " (first 60 rows)" : ""),
                      header: ["sample", "measurement", "ion", "counts", "ratio of sums", "mean of ratios", "valid px", "excluded px"],
                      rows: Array(rows), csv: "results/image_stats.csv")
        if options.plots {
            // Every ion asked for in every measurement: raw counts, ratio map and the overlays it is part of.
            var grid: [(label: String, paths: [String])] = []
            let outputs = Set(result.record.outputs)
            for folderPath in unique(result.record.outputs.filter { $0.hasPrefix("images/") && $0.hasSuffix("excluded_mask.tif") }.map { String($0.dropLast("excluded_mask.tif".count)) }) {
                let overlays = result.record.outputs.filter { $0.hasPrefix(folderPath + "overlay_") }
                let measurement = String(folderPath.dropFirst("images/".count).dropLast())
                for ion in unique(result.rows.map(\.ion)) {
                    let base = folderPath + OutputFolder.safeName(ion)
                    guard outputs.contains(base + ".png") else { continue }
                    let overlay = overlays.first { $0.contains("_" + OutputFolder.safeName(ion)) || $0.hasPrefix(folderPath + "overlay_" + OutputFolder.safeName(ion)) } ?? ""
                    grid.append(("\(measurement) · \(AssignmentLabel.markup(ion))", [base + ".png", base + "_ratio.png", overlay]))
                }
            }
            if !grid.isEmpty {
                // The overlay column only when some ion is in an overlay (--overlay), not a column of dashes.
                let withOverlays = grid.contains { !$0.paths[2].isEmpty }
                if !withOverlays { grid = grid.map { ($0.label, Array($0.paths.prefix(2))) } }
                section.figureGrid("Every ion asked for, per measurement: raw counts, ratio to \(options.reference) (excluded pixels transparent)"
                                   + (withOverlays ? ", overlay" : "") + " (click for full size)",
                                   columns: ["raw counts", "ratio to \(options.reference)"] + (withOverlays ? ["overlay"] : []), rows: grid)
            }
            // Box plots only where a sample has ≥ 3 measurements; with fewer the table above says it all.
            let repeated = Dictionary(grouping: result.rows, by: { "\($0.sample)\u{0}\($0.ion)" }).values.contains { $0.count >= BoxPlot.minimumCountForBox }
            if repeated {
                for output in result.record.outputs where output.hasPrefix("plots/") && output.contains("_mean_of_ratios.") && folder.isReportFile(output) {
                    section.figure(output, caption: "Mean of per-pixel ratios per sample (every measurement shown)")
                }
            }
        }
        result.record.add(section)
        _ = try result.record.writeReport(to: folder, title: "SIMSKit — images")
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
