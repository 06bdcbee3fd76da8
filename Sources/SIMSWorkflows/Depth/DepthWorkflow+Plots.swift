import SIMSAnalysis
import SIMSReport

extension DepthWorkflow {
    /// At most this many ions per plot (the strongest by maximum counts); all ions are in the CSV files.
    static let ionsPerPlot = 8

    /// Non-positive values are not drawn on log axes (the line breaks there) rather than clamped to a floor.
    /// Writes the figures of a run: raw log-intensity profiles vs time (and depth), normalized profiles with
    /// the stack's interfaces marked, and replicate bands.
    func writePlots(_ result: inout Result, to output: OutputFolder) throws(SIMSError) {
        let unit = settings.normalization == .none ? "counts per cycle" : "intensity / \(settings.normalization)"
        for analysis in result.analyses {
            let base = "plots/profiles/" + OutputFolder.safeName(analysis.name)
            let shown = strongestIons(of: analysis)
            let time = Array(analysis.profile.sputterTime)
            let markers = analysis.layers.interfaceTimes.enumerated().map { LinePlot.Marker(x: $1, label: "I\($0 + 1)") }
            let raw = shown.map { ion in
                LinePlot.Series(name: AssignmentLabel.markup(ion), x: time, y: Array(analysis.profile.column(named: ion)!.values))
            }
            try output.write(LinePlot(series: raw, xAxis: AxisOptions(title: "sputter time (s)"),
                                      yAxis: AxisOptions(title: "intensity (counts per cycle)", scale: .log, range: Self.logRange(raw, floor: 0.5)),
                                      markers: markers, title: analysis.name),
                             as: base + "_raw", record: &result.record)
            let processed = shown.map { ion in
                LinePlot.Series(name: AssignmentLabel.markup(ion), x: time, y: Array(analysis.processed[analysis.ions.firstIndex(of: ion)!]))
            }
            try output.write(LinePlot(series: processed,
                                      xAxis: AxisOptions(title: "sputter time (s)"),
                                      yAxis: AxisOptions(title: unit, scale: .log, range: Self.logRange(processed)), markers: markers,
                                      title: "\(analysis.name) — normalized (\(settings.normalization))"),
                             as: base + "_normalized", record: &result.record)
            if let depth = analysis.depth, let scale = analysis.scale {
                let depthMarkers = analysis.layers.interfaceTimes.enumerated().map { LinePlot.Marker(x: scale.depth(atTime: $1), label: "I\($0 + 1)") }
                let series = processed.map { LinePlot.Series(name: $0.name, x: Array(depth), y: $0.y) }
                try output.write(LinePlot(series: series, xAxis: AxisOptions(title: "depth (nm)"),
                                          yAxis: AxisOptions(title: unit, scale: .log, range: Self.logRange(series)), markers: depthMarkers,
                                          title: "\(analysis.name) — vs depth"),
                                 as: base + "_depth", record: &result.record)
            }
        }
        for (sample, average) in result.replicates {
            let ions = average.mean.keys.sorted { (average.mean[$0]!.max() ?? 0) > (average.mean[$1]!.max() ?? 0) }.prefix(Self.ionsPerPlot)
            let series = ions.map { ion in
                let mean = average.mean[ion]!, sd = average.standardDeviation[ion]!
                return LinePlot.Series(name: AssignmentLabel.markup(ion), x: average.time, y: mean,
                                       band: (zip(mean, sd).map { $0 - $1 }, zip(mean, sd).map { $0 + $1 }))
            }
            try output.write(LinePlot(series: series, xAxis: AxisOptions(title: "sputter time from the \(AssignmentLabel.markup(average.alignmentIon)) interface (s)"),
                                      yAxis: AxisOptions(title: unit + ", mean ± sd", scale: .log, range: Self.logRange(series)),
                                      markers: [LinePlot.Marker(x: 0, label: AssignmentLabel.markup(average.alignmentIon))],
                                      title: "\(sample): \(average.replicateCount) replicates"),
                             as: "plots/replicates_" + OutputFolder.safeName(sample), record: &result.record)
        }
    }

    /// A log-axis range from the largest value down five decades (or to `floor`): single counts and the
    /// near-zero lower edges of sd bands would otherwise stretch the axis over many empty decades.
    static func logRange(_ series: [LinePlot.Series], floor: Double? = nil) -> ClosedRange<Double>? {
        let top = series.flatMap(\.y).filter { $0.isFinite && $0 > 0 }.max()
        guard let top else { return nil }
        let bottom = floor ?? top * 1e-5
        return bottom < top ? bottom...(top * 2) : nil
    }

    /// The analysed ions with the highest maximum raw counts, strongest first.
    func strongestIons(of analysis: DepthAnalysis) -> [String] {
        analysis.ions.filter(analysis.strongestIonSet.contains).sorted {
            let a = analysis.profile.column(named: $0)?.values.filter(\.isFinite).max() ?? 0
            let b = analysis.profile.column(named: $1)?.values.filter(\.isFinite).max() ?? 0
            return a != b ? a > b : $0 < $1
        }
    }
}
