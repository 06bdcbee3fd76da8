import Foundation
import SIMSAnalysis
import SIMSFormats
import SIMSReport

/// Box plots (every spot as a point, one box per sample) and violin plots of every peak, in the run's figure
/// formats, drawn concurrently: important peaks in `plots/`, the others in `plots/extra/`.
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

    static func write(table: PeakAreaTable, normalization: PeakNormalization, important: Set<Int>, spots: [SpotSpectrum],
                      folder: OutputFolder, record: inout RunRecord, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) {
        let stems = stems(for: table.peaks)
        var figures: [(figure: any Figure, base: String)] = []
        // Spectra: the overview per polarity (mean spectrum of each sample) and a zoom on each important peak.
        let byPolarity = Dictionary(grouping: spots) { Acquisition(iontofHeader: $0.spectrum.metadata).polarity }
        for (polarity, members) in byPolarity.sorted(by: { ($0.key?.rawValue ?? "") < ($1.key?.rawValue ?? "") }) {
            let name = polarity?.rawValue ?? "spectra"
            let title = (polarity.map { $0 == .positive ? "Positive ions" : "Negative ions" } ?? "Spectra") + ": mean spectrum per sample"
            figures.append((SpectrumFigures.overview(members, title: title), "plots/spectrum_\(name)"))
        }
        for k in important.sorted() {
            figures.append((SpectrumFigures.zoom(spots, peak: table.peaks[k]), "plots/spectrum_" + stems[k]))
        }
        for (k, peak) in table.peaks.enumerated() {
            progress.report(task: "drawing figures", completed: k, total: table.peaks.count)
            let groups = table.samples.map { (name: $0, values: table.values(peak: k, sample: $0, normalization)) }
            let subfolder = important.contains(k) ? "" : "extra/"
            let title = "\(AssignmentLabel.markup(peak.label)) (\(CSVTable.format((peak.interval.lower * 1000).rounded() / 1000))–\(CSVTable.format((peak.interval.upper * 1000).rounded() / 1000)) u)"
            let box = BoxPlot(groups: groups, yTitle: normalization.axisTitle, xTitle: "Sample", title: title)
            let violin = BoxPlot(groups: groups, yTitle: normalization.axisTitle, xTitle: "Sample", title: title, showsViolin: true)
            figures.append((box, "plots/" + subfolder + stems[k]))
            figures.append((violin, "plots/" + subfolder + stems[k] + "_violin"))
        }
        try folder.write(figures, record: &record, progress: progress)
    }
}
