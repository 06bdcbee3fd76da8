import Foundation
import SIMSChemistry
import SIMSCore
import SIMSFormats

/// `sims peaks`: build mass interval lists from formulas or a fragment library, and find + assign peaks in a
/// spectrum. The CLI only parses arguments; tests call these functions directly.
public enum PeaksWorkflow {
    /// Where the candidate ions come from.
    public enum Source: Sendable, Equatable {
        /// Ion labels given by the user (`Li+,LiF_2-`).
        case formulas([String])
        /// `battery`, `elements`, or the path of a library CSV (`assignment,category,source`).
        case library(String)
    }

    /// Loads the candidate library.
    /// - Parameters:
    ///   - source: where the candidate ions come from.
    ///   - polarity: needed for the `elements` library (every element as X⁺ or X⁻).
    public static func library(_ source: Source, polarity: Polarity?) throws(SIMSError) -> FragmentLibrary {
        switch source {
        case .formulas(let labels):
            return try FragmentLibrary(formulas: labels)
        case .library(let name):
            switch name.lowercased() {
            case "battery": return FragmentLibrary.battery
            case "elements":
                guard let polarity else {
                    throw .invalidArgument("the elements library needs a polarity", found: "none", expected: "--polarity pos|neg")
                }
                return FragmentLibrary.elements(polarity: polarity)
            default: return try FragmentLibrary(contentsOfFile: name)
            }
        }
    }

    // MARK: - Building interval lists

    /// Settings for ``buildIntervalList(source:polarity:resolvingPower:widthInFWHM:includeIsotopologues:)``.
    public static func buildIntervalList(source: Source, polarity: Polarity?, resolvingPower: Double,
                                         widthInFWHM: Double = 3, includeIsotopologues: Bool = false) throws(SIMSError) -> PeakList {
        guard resolvingPower > 0, resolvingPower.isFinite else {
            throw .invalidArgument("resolution must be a positive number (m/Δm, FWHM)", found: "\(resolvingPower)", expected: "e.g. 5000")
        }
        guard widthInFWHM > 0, widthInFWHM.isFinite else {
            throw .invalidArgument("interval width must be positive (in FWHM)", found: "\(widthInFWHM)", expected: "e.g. 3")
        }
        let list = try library(source, polarity: polarity).intervalList(
            polarity: polarity, resolvingPower: resolvingPower, widthInFWHM: widthInFWHM, includeIsotopologues: includeIsotopologues)
        guard !list.peaks.isEmpty else {
            throw .invalidArgument("no ions of the requested polarity in the library", found: polarity?.rawValue ?? "any",
                                   expected: "ions whose charge matches --polarity")
        }
        return list
    }

    /// Pairs of peaks whose intervals overlap (labels), for warnings.
    public static func overlaps(in list: PeakList) -> [(String, String)] {
        let sorted = list.sortedByMass
        var result: [(String, String)] = []
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.interval.lower <= a.interval.upper {
            result.append((a.assignment, b.assignment))
        }
        return result
    }

    /// Every file ``writeIntervalList(_:to:resolvingPower:)`` writes for `path` (and, when `finding`, the
    /// `<name>-candidates.csv` and the `<name>-spectrum.<format>` figures (``spectrumFigurePath(for:format:)``) of
    /// `sims peaks --find`): what must not be an input, nor replace a file without `--force`.
    public static func outputPaths(for path: String, finding: Bool, figures: Set<FigureFormat> = []) -> [String] {
        let base = PathName.deletingExtension(path)
        var paths = path.lowercased().hasSuffix(".csv") ? [path] : [path, base + ".csv"]
        if finding {
            paths.append(base + "-candidates.csv")
            paths += figures.sorted().map { spectrumFigurePath(for: path, format: $0) }
        }
        return paths
    }

    /// `<name>-spectrum.<format>`: the figure of `sims peaks --find … --out <name>.txt`.
    public static func spectrumFigurePath(for path: String, format: FigureFormat) -> String {
        PathName.deletingExtension(path) + "-spectrum." + format.fileExtension
    }

    /// Writes `list` in IONTOF's interval-list export layout (all SurfaceLab columns, tab separated, CRLF) at
    /// `path`, and as plain CSV (`assignment,lower,upper,description`) beside it with extension `.csv`.
    /// A `path` ending in `.csv` gets the plain CSV only. Returns the paths written.
    @discardableResult
    public static func writeIntervalList(_ list: PeakList, to path: String, resolvingPower: Double? = nil) throws(SIMSError) -> [String] {
        if path.lowercased().hasSuffix(".csv") {
            try PlainIntervalListFormat.write(list, to: path)
            return [path]
        }
        var export = list
        export.peaks = list.peaks.map { peak in
            var row = peak
            for column in IONTOFIntervalListFormat.standardValueColumns where row.values[column.title] == nil {
                row.values[column.title] = .nan
            }
            row.values["Mass Deviation (ppm)"] = 0
            row.values["Resolution"] = resolvingPower ?? (peak.interval.width > 0 ? peak.interval.center / (peak.interval.width / 3) : .nan)
            row.values["Color"] = 255
            return row
        }
        try IONTOFIntervalListFormat.write(export, to: path)
        let csvPath = PathName.deletingExtension(path) + ".csv"
        try PlainIntervalListFormat.write(list, to: csvPath)
        return [path, csvPath]
    }

    // MARK: - Finding and assigning peaks

    /// One found peak with its proposed assignments (best first).
    public struct FoundPeak: Sendable {
        /// The peak.
        public var peak: DetectedPeak
        /// Candidates, best first (empty when nothing in the library fits).
        public var candidates: [AssignmentCandidate]
    }

    /// Result of ``findPeaks(in:source:polarity:tolerancePPM:signalToNoise:minimumHeight:)``.
    public struct FindResult: Sendable {
        /// Found peaks, ascending m/z.
        public var peaks: [FoundPeak]
        /// Polarity used for candidates (`nil`: both).
        public var polarity: Polarity?
        /// The recalibration applied before peak finding, when requested.
        public var calibration: CalibrationFit?
        /// The spectrum the peaks were found in (after recalibration).
        public var spectrum: Spectrum?
    }

    /// The spectrum with the found peaks marked and labelled with their best assignment, typeset (or their
    /// m/z when nothing fits); the `labelled` highest peaks get labels so that the figure stays legible.
    public static func spectrumFigure(of result: FindResult, title: String, labelled: Int = 40) -> LinePlot? {
        guard let spectrum = result.spectrum else { return nil }
        let shown = result.peaks.sorted { $0.peak.height > $1.peak.height }.prefix(labelled).sorted { $0.peak.centroid < $1.peak.centroid }
        let marks = shown.map { found in
            (mass: found.peak.centroid, label: found.candidates.first.map { $0.ion.markup } ?? CSVTable.format((found.peak.centroid * 100).rounded() / 100))
        }
        return SpectrumFigures.foundPeaks(spectrum, peaks: marks, title: title)
    }

    /// Reads the spectrum at `path` (IONTOF export) and finds and assigns its peaks.
    /// The polarity defaults to the file's `Polarity` header when present. With `calibrate`, the mass scale is
    /// first refitted (m = ((t − t0)/SF)², ``MassCalibrator``) on the polarity's suggested reference ions.
    public static func findPeaks(inFile path: String, source: Source, polarity: Polarity?, tolerancePPM: Double = 200,
                                 signalToNoise: Double = 5, minimumHeight: Double = 10,
                                 calibrate: Bool = false) throws(SIMSError) -> FindResult {
        var spectrum = try IONTOFSpectrumFormat.read(from: path)
        let resolved = polarity ?? Acquisition(iontofHeader: spectrum.metadata).polarity
        var fit: CalibrationFit?
        if calibrate {
            guard let resolved else {
                throw SIMSError(.invalidArgument, "recalibration needs the polarity (no Polarity header)", file: path,
                                expected: "--polarity pos|neg")
            }
            do {
                let calibration = try MassCalibrator().fit(spectrum: spectrum, references: MassCalibrator.suggestedReferences(for: resolved))
                spectrum = try calibration.calibration.recalibrate(spectrum)
                fit = calibration
            } catch {
                throw error.inFile(path)
            }
        }
        var result = try findPeaks(in: spectrum, source: source, polarity: resolved, tolerancePPM: tolerancePPM,
                                   signalToNoise: signalToNoise, minimumHeight: minimumHeight)
        result.calibration = fit
        return result
    }

    /// Finds peaks (``PeakFinder``) and proposes assignments (``PeakAssigner`` with isotope-pattern fit).
    public static func findPeaks(in spectrum: Spectrum, source: Source, polarity: Polarity?, tolerancePPM: Double = 200,
                                 signalToNoise: Double = 5, minimumHeight: Double = 10) throws(SIMSError) -> FindResult {
        guard tolerancePPM > 0 else {
            throw .invalidArgument("tolerance must be positive (ppm)", found: "\(tolerancePPM)", expected: "e.g. 200")
        }
        let candidates = try library(source, polarity: polarity)
        let assigner = PeakAssigner(library: candidates, polarity: polarity, tolerancePPM: tolerancePPM)
        let detected = PeakFinder(signalToNoise: signalToNoise, minimumHeight: minimumHeight).find(in: spectrum)
        let peaks = detected.map { peak in
            FoundPeak(peak: peak, candidates: assigner.candidates(center: peak.centroid, width: peak.fwhm, spectrum: spectrum))
        }
        return FindResult(peaks: peaks, polarity: polarity, calibration: nil, spectrum: spectrum)
    }

    /// The found peaks as an interval list: best candidate as assignment (or `(null)`), interval
    /// centroid ± `widthInFWHM`/2 × FWHM.
    public static func intervalList(of result: FindResult, widthInFWHM: Double = 3) -> PeakList {
        let peaks = result.peaks.enumerated().map { offset, found in
            let half = max(found.peak.fwhm, 0) * widthInFWHM / 2
            return Peak(index: offset + 1, assignment: found.candidates.first?.label ?? "(null)",
                        description: found.candidates.first.map { "parent " + $0.parent.iontofNotation } ?? "",
                        interval: MassInterval(lower: found.peak.centroid - half, upper: found.peak.centroid + half,
                                               center: found.peak.centroid))
        }
        return PeakList(peaks: peaks)
    }

    /// A table of the found peaks with the best three candidates.
    public static func candidateTable(of result: FindResult) -> CSVTable {
        var table = CSVTable(header: ["centroid_u", "fwhm_u", "resolving_power", "height_counts", "area_counts",
                                      "assignment", "parent", "theoretical_u", "deviation_ppm", "pattern_fit", "alternatives"])
        for found in result.peaks {
            let best = found.candidates.first
            let alternatives = found.candidates.dropFirst().prefix(2)
                .map { "\($0.label) (\(CSVTable.format($0.deviationPPM)) ppm)" }.joined(separator: "; ")
            table.append([.number(found.peak.centroid), .number(found.peak.fwhm), .number(found.peak.resolvingPower),
                          .number(found.peak.height), .number(found.peak.area),
                          .text(best?.label ?? "(null)"), .text(best?.parent.iontofNotation ?? ""),
                          .optional(best?.theoreticalMass), .optional(best?.deviationPPM), .optional(best?.patternFit ?? nil),
                          .text(alternatives)])
        }
        return table
    }
}
