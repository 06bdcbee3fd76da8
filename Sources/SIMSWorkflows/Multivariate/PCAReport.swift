import SIMSFormats
import SIMSMultivariate
import SIMSReport

/// The `sims pca` section of `report.html`: what was computed, explained variance, important peaks, clusters,
/// figures and tables.
enum PCAReport {
    static func section(_ r: PCAWorkflow.Result, options: PCAOptions) -> ReportSection {
        var s = ReportSection(title: "Principal component analysis", workflow: "pca")
        let k = r.model.componentCount
        let explained = CSVTable.format(((r.model.cumulativeExplainedVarianceRatio.last ?? 0) * 1000).rounded() / 10)
        s.paragraph("\(r.samples.count) spots × \(r.peaks.count) peaks (\(options.normalization.axisTitle.lowercased())), scaled by \(options.scaling.rawValue) scaling; \(k) principal components explain \(explained) % of the variance. Signs are fixed so that the largest loading of each component is positive; important peaks have |loading| > \(CSVTable.format(options.importantThreshold)).")
        let cumulative = r.model.cumulativeExplainedVarianceRatio
        s.table("Explained variance", header: ["component", "ratio (%)", "cumulative (%)"],
                rows: (0..<k).map { ["PC\($0 + 1)", SpectraReport.number(r.model.explainedVarianceRatio[$0] * 100), SpectraReport.number(cumulative[$0] * 100)] },
                csv: "results/explained_variance.csv")
        var rows: [[String]] = []
        var summary: [String] = []
        for (c, list) in r.model.importantPeaks(threshold: options.importantThreshold).enumerated() {
            for entry in list.prefix(8) { rows.append(["PC\(c + 1)", AssignmentLabel.markup(r.peaks[entry.index].label), SpectraReport.number(entry.loading)]) }
            // The summary above the (collapsed) table: each component's three largest loadings, with their signs.
            let top = list.prefix(3).map { (($0.loading < 0) ? "−" : "+") + AssignmentLabel.markup(r.peaks[$0.index].label) }
            if !top.isEmpty { summary.append("PC\(c + 1): " + top.joined(separator: ", ") + (list.count > 3 ? " (\(list.count) important)" : "")) }
        }
        if !summary.isEmpty { s.paragraph("Largest loadings — " + summary.joined(separator: "; ") + ".") }
        s.table("Most important peaks (up to 8 per component)", header: ["component", "peak", "loading"], rows: rows, csv: "results/important_peaks.csv")
        if let clusters = r.clusters {
            let counts = Dictionary(grouping: clusters, by: { $0 }).mapValues(\.count)
            let search = r.bic.isEmpty ? "" : ", k = 1…\(r.bic.count) compared by BIC, the lowest chosen (results/clusters_bic.csv)"
            s.paragraph("Gaussian-mixture clustering of the scores (\(r.clusterCovariance.rawValue) covariance\(search)): " +
                        counts.keys.sorted().map { "cluster \($0 + 1): \(counts[$0]!) spots" }.joined(separator: ", ") + ".")
        }
        if options.plots {
            s.figure("plots/explained_variance.svg", caption: "Explained variance per component and cumulative")
            if k >= 2 { s.figure("plots/scores_PC1_PC2.svg", caption: "Scores PC1 vs PC2 with 95 % confidence ellipses per sample") }
            // Scree, the scores plane and the loadings first; the per-component score bars after them.
            for c in 0..<min(k, 4) {
                let important = "plots/loadings_PC\(c + 1)_important.svg"
                if r.record.outputs.contains(important) {
                    s.figure(important, caption: "Loadings on PC\(c + 1): the important peaks (|loading| > \(CSVTable.format(options.importantThreshold)))")
                } else if r.record.outputs.contains("plots/extra/loadings_PC\(c + 1).svg") {
                    s.figure("plots/extra/loadings_PC\(c + 1).svg", caption: "Loadings on PC\(c + 1)")
                }
            }
            for c in 0..<min(k, 4) { s.figure("plots/scores_PC\(c + 1).svg", caption: "Scores on PC\(c + 1)") }
        }
        for name in ["scores.csv", "loadings.csv", "important_peaks.csv", "clusters.csv"] where r.record.outputs.contains("results/" + name) {
            s.file("results/" + name, label: name)
        }
        return s
    }
}
