import SIMSFormats
import SIMSMultivariate
import SIMSReport

/// The figures of `sims pca`: scree plot, score and loading bar plots per component, score scatter plots of
/// component pairs with a 95 % confidence ellipse per sample (SVG + PNG each).
enum PCAPlots {
    static func save(_ figure: some Figure, _ name: String, folder: OutputFolder, record: inout RunRecord) throws(SIMSError) {
        try folder.write(figure, as: "plots/" + name, record: &record)
    }

    static func write(_ r: PCAWorkflow.Result, threshold: Double, folder: OutputFolder, record: inout RunRecord) throws(SIMSError) {
        let k = r.model.componentCount
        let x = (1...k).map(Double.init)
        let scree = LinePlot(
            series: [.init(name: "individual", x: x, y: r.model.explainedVarianceRatio.map { $0 * 100 }),
                     .init(name: "cumulative", x: x, y: r.model.cumulativeExplainedVarianceRatio.map { $0 * 100 })],
            xAxis: AxisOptions(title: "Principal component", categories: (1...k).map { "PC\($0)" }), yAxis: AxisOptions(title: "Explained variance (%)", includesZero: true),
            showsPoints: true, title: "Explained variance")
        try save(scree, "explained_variance", folder: folder, record: &record)

        // Score bars: labelled by spot within its sample without the words all spots share, coloured by sample (as
        // in the scatter plots) with a legend; the axis title says what the labels leave out.
        let spotLabels = SpotLabels(spots: r.spots, samples: r.samples)
        let sampleOrder = Array(Set(r.samples)).sorted()
        let sampleColor = Dictionary(uniqueKeysWithValues: sampleOrder.enumerated().map { ($1, Palette.color($0)) })
        for c in 0..<k {
            var scores = BarPlot(bars: (0..<r.samples.count).map { (spotLabels.labels[$0], r.model.scores[$0, c]) },
                                 yTitle: "PC\(c + 1) score (scaled units)", xTitle: spotLabels.axisTitle, title: "Scores on PC\(c + 1)")
            scores.colors = r.samples.map { sampleColor[$0] ?? .ink }
            scores.legend = sampleOrder.map { LegendEntry($0, sampleColor[$0] ?? .ink) }
            try save(scores, "scores_PC\(c + 1)", folder: folder, record: &record)
            let loadings = BarPlot(bars: (0..<r.peaks.count).map { (AssignmentLabel.markup(r.peaks[$0].label), r.model.loadings[$0, c]) },
                                   yTitle: "PC\(c + 1) loading (unit vector)", xTitle: "Peak", title: "Loadings of PC\(c + 1)")
            try save(loadings, "extra/loadings_PC\(c + 1)", folder: folder, record: &record)
            let important = r.model.importantPeaks(threshold: threshold)[c]
            if !important.isEmpty {
                let bars = BarPlot(bars: important.map { (AssignmentLabel.markup(r.peaks[$0.index].label), $0.loading) },
                                   yTitle: "PC\(c + 1) loading (unit vector)", xTitle: "Peak",
                                   title: "Important peaks of PC\(c + 1) (|loading| > \(CSVTable.format(threshold)))")
                try save(bars, "loadings_PC\(c + 1)_important", folder: folder, record: &record)
            }
        }

        // Score scatter plots for consecutive pairs and PC1 vs PC3, with a 95 % ellipse per sample (≥ 3 spots).
        var pairs: [(Int, Int)] = []
        for c in 0..<max(k - 1, 0) { pairs.append((c, c + 1)) }
        if k >= 3 { pairs.append((0, 2)) }
        for (a, b) in pairs {
            let groups = sampleOrder.map { name -> ScatterPlot.Group in
                let rows = r.samples.indices.filter { r.samples[$0] == name }
                let points = rows.map { Point(r.model.scores[$0, a], r.model.scores[$0, b]) }
                return ScatterPlot.Group(name: name, points: points, ellipse: ellipse(points))
            }
            let plot = ScatterPlot(groups: groups, xAxis: AxisOptions(title: "PC\(a + 1) score (\(percent(r.model.explainedVarianceRatio[a])) % of variance)"),
                                   yAxis: AxisOptions(title: "PC\(b + 1) score (\(percent(r.model.explainedVarianceRatio[b])) % of variance)"),
                                   title: "Scores PC\(a + 1) vs PC\(b + 1), 95 % ellipses per sample")
            try save(plot, "scores_PC\(a + 1)_PC\(b + 1)", folder: folder, record: &record)
        }
    }

    static func percent(_ ratio: Double) -> String { CSVTable.format((ratio * 1000).rounded() / 10) }

    /// The 95 % ellipse of a sample's points (sample covariance, divisor n − 1); nil below 3 points.
    static func ellipse(_ points: [Point]) -> ConfidenceEllipse? {
        guard points.count >= 3 else { return nil }
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.x } / n, my = points.reduce(0) { $0 + $1.y } / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for p in points { sxx += (p.x - mx) * (p.x - mx); sxy += (p.x - mx) * (p.y - my); syy += (p.y - my) * (p.y - my) }
        return ConfidenceEllipse(center: Point(mx, my), varianceX: sxx / (n - 1), covariance: sxy / (n - 1), varianceY: syy / (n - 1))
    }
}
