import ArgumentParser
import Foundation
import SIMSWorkflows

/// `sims peaks`: build a mass interval list from formulas or a fragment library, or find and assign the
/// peaks of a spectrum. Thin wrapper over ``PeaksWorkflow``.
struct PeaksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peaks",
        abstract: "Build a mass interval list (IONTOF layout + CSV) or find and assign the peaks of a spectrum.",
        discussion: """
        Build:  sims peaks --library battery --polarity neg --resolution 5000 --out list.txt
                sims peaks --formulas "Li+,LiF_2-,^6Li+" --resolution 8000 --out list.txt
        Writes list.txt in IONTOF SurfaceLab's interval-list layout and list.csv (assignment,lower,upper,description).

        Find:   sims peaks --find spectrum.txt --library elements --polarity pos --out found.txt
        Prints the peaks with proposed assignments; with --out also writes the list and <name>-candidates.csv.

        Libraries: battery (built in), elements (every element as X+ or X-), or a CSV file with a title line \
        assignment,category,source.
        """)

    @Option(name: .long, help: "Comma-separated ion labels in IONTOF or plain notation (C_2H-, LiF2-).")
    var formulas: String?

    @Option(name: .long, help: "Fragment library: battery, elements, or a CSV file.")
    var library: String?

    @Option(name: .long, help: "Polarity: pos or neg (default: both for building; the file header for --find).")
    var polarity: String?

    @Option(name: .long, parsing: .unconditional, help: "Resolving power m/Δm (FWHM) for interval widths.", transform: OptionRange.number(10...1e7))
    var resolution: Double = 5000

    @Option(name: .long, parsing: .unconditional, help: "Interval width in units of the FWHM.", transform: OptionRange.number(0.01...100, "FWHM"))
    var width: Double = 3

    @Flag(name: .long, help: "Also list isotopologue lines (≥ 5 % of the main line), e.g. ^37ClCl-.")
    var isotopes = false

    @Option(name: .long, help: "Find peaks in this IONTOF spectrum export and propose assignments.")
    var find: String?

    @Option(name: .long, parsing: .unconditional, help: "Assignment tolerance in ppm (a peak's FWHM is always accepted too).", transform: OptionRange.number(0.001...1e6, "ppm"))
    var tolerance: Double = 200

    @Option(name: .long, parsing: .unconditional, help: "Peak detection threshold in noise standard deviations.", transform: OptionRange.number(0...1e6, excludingLower: true))
    var snr: Double = 5

    @Flag(name: .long, help: "With --find: refit the mass scale on the polarity's reference ions first.")
    var calibrate = false

    @Option(name: .long, help: "Output path (.txt: IONTOF layout + .csv beside it; .csv: plain CSV only).")
    var out: String?

    @Flag(name: .long, help: OutputHelp.forceFile)
    var force = false

    func validate() throws {
        if formulas != nil && library != nil { throw ValidationError("give either --formulas or --library, not both") }
        if find == nil && formulas == nil && library == nil { throw ValidationError("give --formulas, --library or --find") }
        if find == nil && out == nil { throw ValidationError("building an interval list needs --out PATH") }
        if let polarity, Polarity(parsing: polarity) == nil { throw ValidationError("--polarity must be pos or neg, found \"\(polarity)\"") }
    }

    @OptionGroup(title: "Output") var figureArguments: FigureArguments

    func run() async throws {
        let chosenPolarity = polarity.flatMap(Polarity.init(parsing:))
        let source: PeaksWorkflow.Source = formulas.map { .formulas($0.components(separatedBy: ",")) }
            ?? .library(library ?? "battery")
        let figureFormats = try figureArguments.formats() ?? FigureFormat.defaults
        if let out {
            try OutputFile.checkWritable(PeaksWorkflow.outputPaths(for: out, finding: find != nil, figures: figureFormats),
                                         inputs: [find, library].compactMap { $0 }, force: force)
        }
        if let find {
            let result = try PeaksWorkflow.findPeaks(inFile: find, source: source, polarity: chosenPolarity,
                                                     tolerancePPM: tolerance, signalToNoise: snr, calibrate: calibrate)
        if let fit = result.calibration {
            printToStderr("calibration: t0 = \(fit.calibration.t0), SF = \(fit.calibration.sf), rms \(fit.rmsPPM) ppm\n")
            for (point, residual) in zip(fit.points, fit.residualsPPM) { printToStderr("  \(point.label): \(residual) ppm\n") }
        }
            print(PeaksWorkflow.candidateTable(of: result).text, terminator: "")
            if let out {
                let written = try PeaksWorkflow.writeIntervalList(PeaksWorkflow.intervalList(of: result, widthInFWHM: width), to: out)
                let candidates = PathName.deletingExtension(out) + "-candidates.csv"
                try PeaksWorkflow.candidateTable(of: result).write(to: candidates)
                var files = written + [candidates]
                if let figure = PeaksWorkflow.spectrumFigure(of: result, title: "Peaks found in \((find as NSString).lastPathComponent)") {
                    for format in figureFormats.sorted() {
                        let path = PeaksWorkflow.spectrumFigurePath(for: out, format: format)
                        try AtomicFile.write(figure.data(as: format), to: path)
                        files.append(path)
                    }
                }
                printToStderr("wrote \(files.joined(separator: ", "))\n")
            }
        } else if let out {
            let list = try PeaksWorkflow.buildIntervalList(source: source, polarity: chosenPolarity, resolvingPower: resolution,
                                                           widthInFWHM: width, includeIsotopologues: isotopes)
            for (a, b) in PeaksWorkflow.overlaps(in: list) { printToStderr("warning: intervals of \(a) and \(b) overlap\n") }
            let written = try PeaksWorkflow.writeIntervalList(list, to: out, resolvingPower: resolution)
            printToStderr("wrote \(list.count) intervals to \(written.joined(separator: ", "))\n")
        }
    }
}
