import Foundation
import SIMSAnalysis
import SIMSFormats
import SIMSReport

/// Box plots (every spot as a point, one box per sample) and violin plots of every peak, as SVG and PNG:
/// important peaks in `plots/`, the others in `plots/extra/`.
enum SpectraPlots {
    /// File stems per peak (unique even when several rows share a label).
    static func stems(for peaks: [Peak]) -> [String] {
        var used = Set<String>()
        return peaks.map { peak in
            var stem = OutputFolder.safeName(peak.label)
            if !used.insert(stem).inserted { stem += "_row\(peak.index)"; used.insert(stem) }
            return stem
        }
    }

    static func write(table: PeakAreaTable, normalization: PeakNormalization, important: Set<Int>,
                      folder: OutputFolder, record: inout RunRecord, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) {
        let stems = stems(for: table.peaks)
        for (k, peak) in table.peaks.enumerated() {
            progress.report(task: "drawing figures", completed: k, total: table.peaks.count)
            let groups = table.samples.map { (name: $0, values: table.values(peak: k, sample: $0, normalization)) }
            let subfolder = important.contains(k) ? "" : "extra/"
            let title = "\(peak.label) (\(CSVTable.format((peak.interval.lower * 1000).rounded() / 1000))–\(CSVTable.format((peak.interval.upper * 1000).rounded() / 1000)) u)"
            let box = BoxPlot(groups: groups, yTitle: normalization.axisTitle, xTitle: "Sample", title: title)
            let violin = BoxPlot(groups: groups, yTitle: normalization.axisTitle, xTitle: "Sample", title: title, showsViolin: true)
            for (figure, suffix) in [(box, ""), (violin, "_violin")] {
                let name = subfolder + stems[k] + suffix
                try AtomicFile.write(figure.svg, to: folder.plots(name + ".svg"))
                try AtomicFile.write(figure.png, to: folder.plots(name + ".png"))
                record.outputs += ["plots/" + name + ".svg", "plots/" + name + ".png"]
            }
        }
        progress.report(task: "drawing figures", completed: table.peaks.count, total: table.peaks.count)
    }
}
