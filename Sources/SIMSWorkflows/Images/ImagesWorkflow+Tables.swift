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
                    let plot = BoxPlot(groups: groups, yTitle: quantity.name == "mean_of_ratios" ? "mean of \(ion)/\(options.reference) per pixel" : "Σ\(ion) / Σ\(options.reference)",
                                       xTitle: "sample", title: "\(ion): \(quantity.name.replacingOccurrences(of: "_", with: " "))")
                    let name = "plots/" + OutputFolder.safeName(ion) + "_" + quantity.name
                    try AtomicFile.write(plot.svg, to: folder.file(name + ".svg"))
                    try AtomicFile.write(plot.png(scale: options.pngScale), to: folder.file(name + ".png"))
                    result.record.outputs += [name + ".svg", name + ".png"]
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
            var table = CSVTable(header: ["sample", "measurement", "ion", "dx_px", "dy_px"])
            for s in result.shifts { table.append([.text(s.sample), .text(s.measurement), .text(s.ion), .integer(s.dx), .integer(s.dy)]) }
            try table.write(to: folder.results("image_shifts.csv"))
            result.record.outputs.append("results/image_shifts.csv")
        }
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
