import SIMSFormats
import SIMSMultivariate
import SIMSReport

/// The `sims mva` section of `report.html`: what was computed, a per-measurement summary table, the component
/// image figures and component spectra, and links to the tables.
enum MVAReport {
    static func section(_ analyses: [MVAWorkflow.Analysis], options: MVAWorkflow.Options, record: RunRecord) -> ReportSection {
        let method = options.method
        var s = ReportSection(title: "Multivariate analysis of ion images (\(method.rawValue.uppercased()))", workflow: "mva")
        s.paragraph(description(options) + " Every measurement's ion images (without total) form one pixel × ion matrix; "
                    + "\(options.components) components per measurement.")
        // Columns that carry a value for this method only: a per-component statistic (PCA, MAF) and a fit measure
        // (MCR, NMF); the fit measure is one number per measurement.
        let statisticTitle: String? = method == .pca ? "explained variance (%)" : method == .maf ? "autocorrelation" : nil
        let fitTitle: String? = method == .mcr ? "lack of fit (%)" : method == .nmf ? "reconstruction error" : nil
        var rows: [[String]] = []
        for a in analyses {
            for c in 0..<a.componentSpectra.columns {
                var row = [a.measurement, "\(c + 1)"]
                if statisticTitle != nil {
                    row.append(c < a.componentStatistic.count
                        ? SpectraReport.number(method == .pca ? a.componentStatistic[c] * 100 : a.componentStatistic[c]) : "—")
                }
                if fitTitle != nil { row.append(a.fitQuality.map { SpectraReport.number($0) } ?? "—") }
                let strongest = a.ions.indices.max { abs(a.componentSpectra[$0, c]) < abs(a.componentSpectra[$1, c]) }.map { AssignmentLabel.markup(a.ions[$0]) } ?? "—"
                rows.append(row + [strongest])
            }
        }
        let header = ["measurement", "component"] + [statisticTitle, fitTitle].compactMap { $0 } + ["largest |spectrum| ion"]
        s.table("Components per measurement", header: header, rows: rows)
        if options.plots {
            let (imageQuantity, _) = MVAWorkflow.quantities(method)
            for a in analyses {
                let stem = MVAWorkflow.stem(a, method)
                for c in 0..<a.componentSpectra.columns {
                    s.figure("images/\(stem)_component\(c + 1).svg",
                             caption: "\(a.measurement): \(MVAWorkflow.componentLabel(a, method: method, c)) image (\(imageQuantity))")
                    s.figure("plots/\(stem)_component\(c + 1)_spectrum.svg",
                             caption: "\(a.measurement): component \(c + 1) spectrum over the ions")
                }
            }
        }
        for a in analyses {
            let stem = MVAWorkflow.stem(a, method)
            for name in ["\(stem)_components.csv", "\(stem)_summary.csv"] where record.outputs.contains("results/" + name) {
                s.file("results/" + name, label: name)
            }
        }
        for warning in record.warnings { s.warning(warning) }
        return s
    }

    /// One sentence on the method and its reference.
    static func description(_ options: MVAWorkflow.Options) -> String {
        switch options.method {
        case .pca:
            return "Principal component analysis after \(options.scaling.rawValue) scaling"
                + (options.scaling == .poisson ? " (Keenan & Kotula, Surf. Interface Anal. 36 (2004) 203; uncentred, loadings back-transformed)." : ".")
        case .mcr:
            return "MCR-ALS (Tauler 1995) with non-negative concentrations and spectra (Lawson–Hanson NNLS), SIMPLISMA initial estimates; lack of fit = 100·√(Σe²/Σd²) %."
        case .nmf:
            return "Non-negative matrix factorization (Lee & Seung multiplicative updates, Kullback–Leibler divergence, seed \(options.seed))."
        case .maf:
            return "Maximum autocorrelation factors (Switzer & Green 1984): factors ordered by spatial autocorrelation of neighbouring pixels."
        }
    }
}
