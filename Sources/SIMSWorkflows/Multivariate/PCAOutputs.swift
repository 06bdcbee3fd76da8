import SIMSFormats
import SIMSMultivariate

/// The CSV tables of `sims pca`.
enum PCAOutputs {
    static func componentNames(_ k: Int) -> [String] { (1...max(k, 1)).prefix(k).map { "PC\($0)" } }

    static func write(_ r: PCAWorkflow.Result, threshold: Double, folder: OutputFolder, record: inout RunRecord) throws(SIMSError) {
        let k = r.model.componentCount
        let pcs = componentNames(k)
        func save(_ table: CSVTable, _ name: String) throws(SIMSError) {
            try table.write(to: folder.results(name))
            record.outputs.append("results/" + name)
        }
        var scores = CSVTable(header: ["sample", "spot"] + pcs)
        for i in 0..<r.model.scores.rows {
            scores.append([.text(r.samples[i]), .text(r.spots[i])] + (0..<k).map { .number(r.model.scores[i, $0]) })
        }
        try save(scores, "scores.csv")

        let back = r.scaler.backTransformLoadings(r.model.loadings)
        var loadings = CSVTable(header: ["row", "peak", "center_u"] + pcs + pcs.map { $0 + "_unscaled" })
        for j in 0..<r.peaks.count {
            let peak = r.peaks[j]
            loadings.append([.integer(peak.index), .text(peak.label), .number(peak.interval.center)]
                            + (0..<k).map { .number(r.model.loadings[j, $0]) } + (0..<k).map { .number(back[j, $0]) })
        }
        try save(loadings, "loadings.csv")

        // Per PC, sorted by loading (descending), as the script's loadings/PC<n>.csv.
        for c in 0..<k {
            var table = CSVTable(header: ["row", "peak", "center_u", pcs[c]])
            for j in (0..<r.peaks.count).sorted(by: { r.model.loadings[$0, c] > r.model.loadings[$1, c] || (r.model.loadings[$0, c] == r.model.loadings[$1, c] && $0 < $1) }) {
                table.append([.integer(r.peaks[j].index), .text(r.peaks[j].label), .number(r.peaks[j].interval.center), .number(r.model.loadings[j, c])])
            }
            try save(table, "loadings_\(pcs[c]).csv")
        }

        var variance = CSVTable(header: ["component", "explained_variance", "explained_variance_ratio", "cumulative_ratio"])
        let cumulative = r.model.cumulativeExplainedVarianceRatio
        for c in 0..<k {
            variance.append([.text(pcs[c]), .number(r.model.explainedVariance[c]), .number(r.model.explainedVarianceRatio[c]), .number(cumulative[c])])
        }
        try save(variance, "explained_variance.csv")

        var important = CSVTable(header: ["component", "rank", "row", "peak", "loading"])
        for (c, list) in r.model.importantPeaks(threshold: threshold).enumerated() {
            for (rank, entry) in list.enumerated() {
                important.append([.text(pcs[c]), .integer(rank + 1), .integer(r.peaks[entry.index].index), .text(r.peaks[entry.index].label), .number(entry.loading)])
            }
        }
        try save(important, "important_peaks.csv")

        if let clusters = r.clusters {
            var table = CSVTable(header: ["sample", "spot", "gmm_cluster", "kmeans_cluster"])
            for i in 0..<clusters.count {
                table.append([.text(r.samples[i]), .text(r.spots[i]), .integer(clusters[i] + 1), .integer((r.kMeansClusters?[i] ?? -1) + 1)])
            }
            try save(table, "clusters.csv")
            if !r.bic.isEmpty {
                var bic = CSVTable(header: ["k", "bic", "covariance", "eligible", "chosen"])
                // The selection rule: the lowest BIC among the eligible fits.
                let eligibility = r.bic.indices.map { $0 < r.bicEligible.count ? r.bicEligible[$0] : true }
                let chosen = r.bic.indices.filter { eligibility[$0] }.min { r.bic[$0] < r.bic[$1] }.map { $0 + 1 }
                for (index, value) in r.bic.enumerated() {
                    bic.append([.integer(index + 1), .number(value), .text(r.clusterCovariance.rawValue),
                                .text(eligibility[index] ? "yes" : "no: a cluster holds < 2 spots"), .text(index + 1 == chosen ? "yes" : "no")])
                }
                try save(bic, "clusters_bic.csv")
            }
        }
    }
}
