import Foundation
import SIMSAnalysis
import SIMSReport

/// Mass-spectrum figures (m/z against intensity): the overview of a polarity with each sample's mean spectrum,
/// a zoom on one peak with its integration interval shaded and every spot drawn in its sample's colour, and a
/// spectrum with found peaks and their assignments marked (`sims peaks --find`).
public enum SpectrumFigures {
    /// Bins of the overview's common mass grid (the plot reduces them to min/max per device column).
    static let overviewBins = 8192

    /// Each sample's mean spectrum overlaid: every spot's counts summed into `overviewBins` equal m/z bins over
    /// the study's mass range, averaged over the sample's spots (counts per bin).
    /// - Parameters:
    ///   - spots: the spectra with their sample names (one colour per sample, in order of first appearance).
    ///   - scale: `.log` (default: small peaks visible) or `.linear` intensity.
    ///   - title: figure title, e.g. `"Negative polarity: mean spectrum per sample"`.
    public static func overview(_ spots: [SpotSpectrum], scale: AxisScale = .log, title: String) -> LinePlot {
        let samples = orderedSamples(spots)
        var lo = Double.infinity, hi = -Double.infinity
        for spot in spots { if let r = spot.spectrum.massRange { lo = min(lo, r.lowerBound); hi = max(hi, r.upperBound) } }
        if !(lo < hi) { (lo, hi) = (0, 1) }
        let n = overviewBins, width = (hi - lo) / Double(n)
        var series: [LinePlot.Series] = []
        for (k, sample) in samples.enumerated() {
            var sums = [Double](repeating: 0, count: n)
            let members = spots.filter { $0.sample == sample }
            for spot in members {
                let s = spot.spectrum
                s.mass.withUnsafeBufferPointer { m in
                    s.intensity.withUnsafeBufferPointer { y in
                        for i in 0 ..< min(m.count, y.count) where y[i].isFinite {
                            let b = min(n - 1, max(0, Int((m[i] - lo) / width)))
                            sums[b] += y[i]
                        }
                    }
                }
            }
            let count = Double(max(1, members.count))
            let x = (0 ..< n).map { lo + (Double($0) + 0.5) * width }
            series.append(LinePlot.Series(name: "\(sample) (\(members.count))", x: x, y: sums.map { $0 / count }, color: Palette.color(k)))
        }
        var plot = LinePlot(series: series, xAxis: AxisOptions(title: "m/z (u)"),
                            yAxis: AxisOptions(title: "mean counts per \(CSVTable.format((width * 1000).rounded() / 1000)) u bin", scale: scale),
                            title: title, style: FigureStyle(width: 900, height: 440))
        plot.lineWidth = 1
        return plot
    }

    /// One peak: every spot's data points from one interval width below to one above the interval, coloured by
    /// sample, the interval shaded and labelled with the typeset assignment.
    public static func zoom(_ spots: [SpotSpectrum], peak: Peak, scale: AxisScale = .linear) -> LinePlot {
        let samples = orderedSamples(spots)
        let colour = Dictionary(uniqueKeysWithValues: samples.enumerated().map { ($1, Palette.color($0)) })
        let pad = max(peak.interval.upper - peak.interval.lower, 0.01)
        let window = (peak.interval.lower - pad) ... (peak.interval.upper + pad)
        var series: [LinePlot.Series] = []
        for spot in spots {
            let s = spot.spectrum
            var x: [Double] = [], y: [Double] = []
            s.mass.withUnsafeBufferPointer { m in
                s.intensity.withUnsafeBufferPointer { v in
                    // Masses ascend (validated on reading): binary search the window's start.
                    var a = 0, b = m.count
                    while a < b { let mid = (a + b) / 2; if m[mid] < window.lowerBound { a = mid + 1 } else { b = mid } }
                    var i = a
                    while i < min(m.count, v.count), m[i] <= window.upperBound { x.append(m[i]); y.append(v[i]); i += 1 }
                }
            }
            series.append(LinePlot.Series(name: spot.sample + "/" + spot.spot, x: x, y: y, color: colour[spot.sample]?.opacity(0.7)))
        }
        let label = AssignmentLabel.markup(peak.label)
        var plot = LinePlot(series: series, xAxis: AxisOptions(title: "m/z (u)", range: window),
                            yAxis: AxisOptions(title: "intensity (counts per channel)", scale: scale, includesZero: scale == .linear),
                            title: "\(label): \(CSVTable.format(peak.interval.lower))–\(CSVTable.format(peak.interval.upper)) u, every spot")
        plot.spans = [LinePlot.Span(peak.interval.lower ... peak.interval.upper, label: label)]
        plot.legend = samples.map { LegendEntry($0, colour[$0]!) }
        plot.lineWidth = 1
        return plot
    }

    /// A spectrum with found peaks marked at their centres and labelled with their assignment (or m/z).
    public static func foundPeaks(_ spectrum: Spectrum, peaks: [(mass: Double, label: String)], title: String,
                                  scale: AxisScale = .log) -> LinePlot {
        let series = LinePlot.Series(name: "spectrum", x: Array(spectrum.mass), y: Array(spectrum.intensity), color: Palette.color(0))
        var plot = LinePlot(series: [series], xAxis: AxisOptions(title: "m/z (u)"),
                            yAxis: AxisOptions(title: "intensity (counts per channel)", scale: scale),
                            markers: peaks.map { LinePlot.Marker(x: $0.mass, label: $0.label) }, title: title,
                            style: FigureStyle(width: 900, height: 440))
        plot.lineWidth = 1
        return plot
    }

    static func orderedSamples(_ spots: [SpotSpectrum]) -> [String] {
        var seen = Set<String>()
        return spots.map(\.sample).filter { seen.insert($0).inserted }
    }
}
