import SIMSFormats
import SIMSReport

extension OutputFolder {
    /// Writes `figure` as `<relativeBase>.svg` and `<relativeBase>.png` (atomically) under this folder and
    /// records both in `record.outputs`.
    ///
    /// `relativeBase` is relative to the folder, e.g. `plots/extra/Li-` (no extension); make labels safe with
    /// ``OutputFolder/safeName(_:)``. Returns the relative SVG path, for ``ReportSection/figure(_:caption:)``.
    /// - Parameters:
    ///   - figure: the figure to render.
    ///   - relativeBase: the output path under this folder without extension.
    ///   - record: the run record that lists the written files.
    ///   - pngScale: pixel density of the PNG relative to the SVG's size (2 = crisp on screens and in print).
    @discardableResult
    public func write(_ figure: some Figure, as relativeBase: String, record: inout RunRecord, pngScale: Double = 2) throws(SIMSError) -> String {
        try AtomicFile.write(figure.svg, to: file(relativeBase + ".svg"))
        try AtomicFile.write(figure.png(scale: pngScale), to: file(relativeBase + ".png"))
        record.outputs += [relativeBase + ".svg", relativeBase + ".png"]
        return relativeBase + ".svg"
    }
}
