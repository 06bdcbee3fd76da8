import Foundation
import SIMSChemistry
import SIMSFormats
import SIMSQuantification
import SIMSReport

/// `sims deconvolve SPECTRUM|ROOT`: every spectrum fitted as a non-negative sum of candidate species' isotope
/// patterns (``IsotopeDeconvolution``), each solved to a certified optimum; tables of amounts with standard
/// errors, certificates, non-identifiable groups, candidates and fitted spectra, and a report (docs/deconvolution.md).
public enum DeconvolveWorkflow {
    /// Where the candidates come from.
    public enum Candidates: Sendable, Equatable {
        /// Ion labels (`Ru_2-,RuPd-`); a spectrum is fitted with those whose charge matches its polarity (all of
        /// them when its polarity is unknown).
        case species([String])
        /// Every cluster of these elements with 1…`maximumAtoms` atoms, charged −1 in negative and +1 in positive
        /// spectra, pruned to the mass range the spectrum's channels cover (``Spectrum/coveredMassRange``).
        case elements([String], maximumAtoms: Int)
    }

    /// What every spectrum is fitted with: candidates, peak shape and weighting. `sims deconvolve` and the
    /// deconvolution step of `sims spectra` (``SpectraOptions/deconvolution``) share it.
    public struct Model: Sendable, Equatable {
        /// The candidates.
        public var candidates: Candidates
        /// Peak shape of the templates (default: 0.5 u bins).
        public var peakShape: PeakShape = .binned(width: 0.5)
        /// Observation weights (default: Poisson maximum likelihood).
        public var weighting: IsotopeDeconvolution.Weighting = .poisson
        /// Parametric Poisson bootstrap replicates per spectrum (0, the default: none): standard errors and 95 % upper
        /// bounds for species at zero (``IsotopeDeconvolution/bootstrapResamples``).
        public var bootstrapResamples = 0
        /// A model with the default peak shape (0.5 u bins) and weighting (Poisson).
        public init(candidates: Candidates) { self.candidates = candidates }
    }

    /// Settings.
    public struct Options: Sendable {
        /// A spectrum file or a folder searched recursively for `*.txt` spectrum exports.
        public var path: String
        /// Candidates, peak shape and weighting.
        public var model: Model
        /// The candidates.
        public var candidates: Candidates { get { model.candidates } set { model.candidates = newValue } }
        /// Peak shape of the templates (default: 0.5 u bins).
        public var peakShape: PeakShape { get { model.peakShape } set { model.peakShape = newValue } }
        /// Observation weights (default: Poisson maximum likelihood).
        public var weighting: IsotopeDeconvolution.Weighting { get { model.weighting } set { model.weighting = newValue } }
        /// Output folder.
        public var output: String
        /// Write into a folder holding files sims did not write.
        public var force = false
        /// The command line, for the provenance.
        public var arguments: [String] = []
        /// Creates options.
        public init(path: String, candidates: Candidates, output: String) {
            self.init(path: path, model: Model(candidates: candidates), output: output)
        }
        /// Creates options fitting `model`.
        public init(path: String, model: Model, output: String) {
            self.path = path
            self.model = model
            self.output = output
        }
    }

    /// One fitted spectrum.
    public struct SpectrumFit: Sendable {
        /// The file.
        public var path: String
        /// Its polarity (header or file name), when known.
        public var polarity: Polarity?
        /// The fit.
        public var result: DeconvolutionResult
        /// Sample and spot when the spectrum is a spot of a `sims spectra` study (tables then key rows by them).
        public var spot: (sample: String, spot: String)? = nil
        /// `sample/spot` for a study's spot, else the file name.
        public var name: String { spot.map { "\($0.sample)/\($0.spot)" } ?? (path as NSString).lastPathComponent }
    }

    /// What the run produced.
    public struct Report: Sendable {
        /// One entry per spectrum that could be fitted, in file order.
        public var fits: [SpectrumFit] = []
        /// The run record (failures: files that could not be read or fitted).
        public var record: RunRecord
        /// Spectra whose optimum is certified.
        public var certifiedCount: Int { fits.filter { $0.result.certificate.isCertified }.count }
    }

    /// The spectrum files under `path` (itself when it is a file), sorted.
    public static func spectrumFiles(_ path: String) throws(SIMSError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SIMSError(.fileNotFound, "nothing to deconvolve", file: path, expected: "a spectrum export or a folder of them")
        }
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.lowercased().hasSuffix(".txt") && !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                files.append((path as NSString).appendingPathComponent(relative))
            }
        }
        guard !files.isEmpty else {
            throw SIMSError(.invalidArgument, "the folder holds no spectrum exports", file: path, expected: "*.txt IONTOF spectrum exports")
        }
        return files.sorted()
    }

    /// The candidates for one spectrum.
    static func species(for candidates: Candidates, polarity: Polarity?, massRange: ClosedRange<Double>?, file: String) throws(SIMSError) -> [Ion] {
        switch candidates {
        case .species(let labels):
            let ions = try labels.map { label throws(SIMSError) in try Ion(parsing: label.trimmingCharacters(in: .whitespaces)) }
            guard let polarity else { return ions }
            let matching = ions.filter { $0.polarity == polarity }
            guard !matching.isEmpty else {
                throw SIMSError(.invalidArgument, "none of the given species has the spectrum's polarity (\(polarity.rawValue))", file: file,
                                expected: "species whose charge sign matches the spectrum")
            }
            return matching
        case .elements(let elements, let maximumAtoms):
            guard let polarity else {
                throw SIMSError(.invalidArgument, "the spectrum's polarity is unknown, so the clusters' charge is too", file: file,
                                expected: "a Polarity header or a file name starting N_ or P_ (or give --species with charges)")
            }
            return try ClusterEnumeration(elements: elements, maximumAtoms: maximumAtoms, charge: polarity == .negative ? -1 : 1)
                .candidates(in: massRange)
        }
    }

    /// Fits one spectrum file.
    public static func fit(file path: String, options: Options) throws(SIMSError) -> SpectrumFit {
        let spectrum = try IONTOFSpectrumFormat.read(from: path)
        let polarity = Acquisition(iontofHeader: spectrum.metadata).polarity
            ?? Polarity(fileName: ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
        return try fit(spectrum, polarity: polarity, model: options.model, file: path)
    }

    /// Fits one spectrum of known (or unknown) polarity with `model`; errors name `file`.
    public static func fit(_ spectrum: Spectrum, polarity: Polarity?, model: Model, file path: String) throws(SIMSError) -> SpectrumFit {
        let ions = try species(for: model.candidates, polarity: polarity, massRange: spectrum.coveredMassRange, file: path)
        guard !ions.isEmpty else {
            throw SIMSError(.invalidArgument, "no candidate cluster falls inside the spectrum's mass range", file: path,
                            expected: "elements and --max-atoms whose clusters lie within \(spectrum.massRange.map { "\(Int($0.lowerBound))–\(Int($0.upperBound)) u" } ?? "the spectrum")")
        }
        do {
            var deconvolution = IsotopeDeconvolution(species: ions, peakShape: model.peakShape, weighting: model.weighting)
            deconvolution.bootstrapResamples = model.bootstrapResamples
            let result = try deconvolution.fit(spectrum)
            return SpectrumFit(path: path, polarity: polarity, result: result)
        } catch {
            throw error.inFile(path)
        }
    }

    /// Runs the command: fits every spectrum (a corrupt file is recorded and skipped), writes the tables and the
    /// report into `options.output` as one staged run.
    public static func run(_ options: Options, progress: (any SIMSCore.ProgressReporting)? = nil) throws(SIMSError) -> Report {
        let files = try spectrumFiles(options.path)
        let folder = try OutputFolder(options.output, force: options.force, reading: [options.path])
        var report = Report(record: RunRecord(command: "deconvolve", arguments: options.arguments))
        record(options.model, into: &report.record)
        for (index, file) in files.enumerated() {
            report.record.inputs.append(file)
            do { report.fits.append(try fit(file: file, options: options)) } catch { report.record.fail(file, error) }
            progress?.report(task: "deconvolve", completed: index + 1, total: files.count)
        }
        warnAboutCertificates(report.fits, record: &report.record)
        try write(&report, to: folder)
        try folder.commit(protecting: report.record.inputs)
        return report
    }

    /// Warnings for uncertified optima, unconverged Poisson reweightings and species at their pattern bound.
    static func warnAboutCertificates(_ fits: [SpectrumFit], record: inout RunRecord) {
        let bounded = fits.filter { $0.result.species.contains { $0.status == .atPatternBound } }
        if let first = bounded.first {
            let names = first.result.species.filter { $0.status == .atPatternBound }.map(\.ion.iontofNotation).joined(separator: ", ")
            record.warn("\(bounded.count) of \(fits.count) spectra have species at their pattern bound (amounts are upper limits set by their weakest main peak, no standard error), e.g. \(first.name): \(names) — the candidates miss ions on those peaks; see status in deconvolution_amounts.csv")
        }
        for fit in fits where !fit.result.certificate.isCertified {
            record.warn("\(fit.name): the optimum is not certified (\(certificateText(fit.result.certificate)))")
        }
        let unconverged = fits.filter { !$0.result.reweightingConverged }
        if !unconverged.isEmpty {
            record.warn("\(unconverged.count) of \(fits.count) spectra: the Poisson reweighting did not reach its fixed point in \(IsotopeDeconvolution.maximumReweightings) steps (each weighted solve is certified; the weights are not yet the fitted counts'), e.g. \(unconverged[0].name) — candidates probably miss species present in the spectrum; see chi_square_per_dof")
        }
    }

    /// The model's settings in the run record, each name prefixed by `prefix`.
    static func record(_ model: Model, prefix: String = "", into record: inout RunRecord) {
        switch model.candidates {
        case .species(let labels): record.set(prefix + "species", labels.joined(separator: ","))
        case .elements(let elements, let n): record.set(prefix + "elements", elements.joined(separator: ",")); record.set(prefix + "max atoms", "\(n)")
        }
        switch model.peakShape {
        case .binned(let width): record.set(prefix + "peak shape", "binned, \(CSVTable.format(width)) u")
        case .gaussian(let r): record.set(prefix + "peak shape", "Gaussian, R = \(CSVTable.format(r))")
        }
        record.set(prefix + "weighting", model.weighting.rawValue)
        if model.bootstrapResamples > 0 { record.set(prefix + "bootstrap", "\(model.bootstrapResamples) parametric Poisson replicates per spectrum") }
        let solver = CertifiedNNLS()
        record.set(prefix + "KKT tolerances", "dual \(solver.dualTolerance), complementarity \(solver.complementarityTolerance), primal 0")
    }

    static func certificateText(_ c: KKTCertificate) -> String {
        "dual \(CSVTable.format(c.dualViolation)), complementarity \(CSVTable.format(c.complementarityViolation)), \(c.iterations) iterations" + (c.reachedIterationCap ? ", stopped at the safety cap" : "")
    }
}
