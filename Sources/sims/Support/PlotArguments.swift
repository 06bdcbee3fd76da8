import ArgumentParser
import SIMSWorkflows

/// `--no-plots` and `--figures`, on every command that draws figures and can skip them.
struct PlotArguments: ParsableArguments {
    @Flag(name: .long, help: "Draw no figures (PNG, SVG or PDF); tables, TIFF images and the report are still written.")
    var noPlots = false

    @OptionGroup var figureArguments: FigureArguments

    /// The parsed `--figures` formats (`nil`: each folder's defaults).
    func formats() throws -> Set<FigureFormat>? { try figureArguments.formats() }
}
