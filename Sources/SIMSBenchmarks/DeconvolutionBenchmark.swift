import Foundation
import SIMSFormats
import SIMSWorkflows

/// `sims bench deconvolve`: the isotope-cluster deconvolution problems of a folder of real spectra (default: the
/// 262 HEA exports, clusters of Ru, Rh, Pd, Ir, Pt up to 3 atoms, 0.5 u bins, weights 1/max(y, 1)) solved by
/// ``CertifiedNNLS``, by `scipy.optimize.nnls` on the same √w-scaled problems in the same run, and by a
/// fixed-iteration solver stopped after 1,000 sweeps (``FixedSweepNNLS``), whose coefficients and derived
/// cluster ratios are compared with the certified optimum (docs/deconvolution.md).
public enum DeconvolutionBenchmark {
    /// Settings.
    public struct Options: Sendable {
        /// Folder of spectrum exports.
        public var folder: String
        /// Cluster elements.
        public var elements = ["Ru", "Rh", "Pd", "Ir", "Pt"]
        /// Largest cluster.
        public var maximumAtoms = 3
        /// Bin width, u.
        public var binWidth = 0.5
        /// Sweeps of the fixed-iteration solver.
        public var sweeps = 1000
        /// Timed repetitions (the minimum is reported).
        public var repetitions = 3
        /// Also run SciPy.
        public var scipy = true
        /// Creates options for `folder`.
        public init(folder: String) { self.folder = folder }
    }

    /// Results.
    public struct Report: Sendable, Codable {
        /// Spectra (problems).
        public var spectra: Int
        /// Mean candidates (columns) and fitted rows per problem.
        public var meanColumns: Double, meanRows: Double
        /// CertifiedNNLS: seconds for all problems (minimum over repetitions) and spectra per second.
        public var certifiedSeconds: Double, certifiedSpectraPerSecond: Double
        /// Problems whose optimum is certified.
        public var certifiedCount: Int
        /// SciPy: seconds, spectra per second, version, and the largest |x_SciPy − x| / max(1, max x) over problems.
        public var scipySeconds: Double?, scipySpectraPerSecond: Double?, scipyVersion: String?, scipyMaxRelativeDifference: Double?
        /// Problems on which SciPy's solution passes our KKT certificate.
        public var scipyCertifiedCount: Int?
        /// Fixed-sweep solver: sweeps, seconds, problems whose result passes the certificate.
        public var fixedSweeps: Int, fixedSeconds: Double, fixedCertifiedCount: Int
        /// Coefficients positive in either solution, and the fraction of them that differ by more than 0.5 %.
        public var comparedCoefficients: Int, fractionDifferingOverHalfPercent: Double
        /// Median and largest relative difference of those coefficients.
        public var medianRelativeDifference: Double, maxRelativeDifference: Double
        /// Heteronuclear fraction per cluster size (Σ mixed / Σ all clusters of n atoms, n ≥ 2), per spectrum:
        /// median and largest relative change of the fixed-sweep value against the certified one.
        public var medianMixingChange: Double, maxMixingChange: Double
        /// Worst dual violation of the fixed-sweep results (normalized gradient).
        public var fixedWorstDualViolation: Double
        /// CPU model and core count; load average at the start; ISO 8601 date.
        public var machine: String, loadAverage: String, date: String
    }

    /// Builds the problems (binned templates, rows where a candidate has a line) of every readable spectrum.
    static func problems(_ options: Options) throws(SIMSError) -> [(name: String, problem: DeconvolutionProblem, weights: [Double])] {
        var result: [(String, DeconvolutionProblem, [Double])] = []
        for path in try DeconvolveWorkflow.spectrumFiles(options.folder) {
            guard let spectrum = try? IONTOFSpectrumFormat.read(from: path) else { continue }
            let name = (path as NSString).lastPathComponent
            guard let polarity = Acquisition(iontofHeader: spectrum.metadata).polarity ?? Polarity(fileName: (name as NSString).deletingPathExtension) else { continue }
            let species = try ClusterEnumeration(elements: options.elements, maximumAtoms: options.maximumAtoms,
                                                 charge: polarity == .negative ? -1 : 1).candidates(in: spectrum.coveredMassRange)
            guard !species.isEmpty else { continue }
            let problem = try IsotopeDeconvolution(species: species, peakShape: .binned(width: options.binWidth)).problem(spectrum)
            result.append((name, problem, problem.observations.map { 1 / max($0, 1) }))
        }
        guard !result.isEmpty else {
            throw SIMSError(.invalidArgument, "no spectrum with a known polarity in the folder", file: options.folder, expected: "N_/P_ IONTOF spectrum exports")
        }
        return result
    }

    /// Runs the benchmark.
    public static func run(_ options: Options) throws(SIMSError) -> Report {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
        let problems = try problems(options)
        let solver = CertifiedNNLS()
        let clock = ContinuousClock()
        var best = Double.infinity
        var certified: [NNLSSolution] = []
        for _ in 0..<max(1, options.repetitions) {
            let start = clock.now
            var solutions: [NNLSSolution] = []
            for p in problems { solutions.append(try solver.fit(design: p.problem.design, observations: p.problem.observations, weights: p.weights)) }
            best = min(best, SpectraBenchmark.seconds(clock.now - start))
            certified = solutions
        }
        var fixedBest = Double.infinity
        var fixed: [[Double]] = []
        for _ in 0..<max(1, options.repetitions) {
            let start = clock.now
            let solutions = problems.map { FixedSweepNNLS(sweeps: options.sweeps).solve(design: $0.problem.design, observations: $0.problem.observations, weights: $0.weights) }
            fixedBest = min(fixedBest, SpectraBenchmark.seconds(clock.now - start))
            fixed = solutions
        }
        // Comparison of the fixed-sweep coefficients with the certified optimum.
        var differences: [Double] = []
        var mixingChanges: [Double] = []
        var fixedCertified = 0
        var worstDual = 0.0
        for (p, (exact, approximate)) in zip(problems, zip(certified, fixed)) {
            let c = solver.certificate(of: approximate, design: p.problem.design, observations: p.problem.observations, weights: p.weights)
            if c.isCertified { fixedCertified += 1 }
            worstDual = max(worstDual, c.dualViolation)
            for (a, b) in zip(exact.coefficients, approximate) where a > 0 || b > 0 {
                differences.append(abs(b - a) / max(a, b))
            }
            let atoms = p.problem.species.map(\.formula.atomCount)
            let mixed = p.problem.species.map { $0.formula.composition.count > 1 }
            for n in Set(atoms) where n >= 2 {
                func fraction(_ x: [Double]) -> Double? {
                    var all = 0.0, hetero = 0.0
                    for j in x.indices where atoms[j] == n { all += x[j]; if mixed[j] { hetero += x[j] } }
                    return all > 0 ? hetero / all : nil
                }
                if let a = fraction(exact.coefficients), let b = fraction(approximate), a > 0 { mixingChanges.append(abs(b - a) / a) }
            }
        }
        differences.sort()
        mixingChanges.sort()
        func median(_ v: [Double]) -> Double { v.isEmpty ? 0 : v[v.count / 2] }
        var report = Report(
            spectra: problems.count, meanColumns: Double(problems.reduce(0) { $0 + $1.problem.design.columns }) / Double(problems.count),
            meanRows: Double(problems.reduce(0) { $0 + $1.problem.design.rows }) / Double(problems.count),
            certifiedSeconds: best, certifiedSpectraPerSecond: Double(problems.count) / best,
            certifiedCount: certified.filter(\.certificate.isCertified).count,
            fixedSweeps: options.sweeps, fixedSeconds: fixedBest, fixedCertifiedCount: fixedCertified,
            comparedCoefficients: differences.count,
            fractionDifferingOverHalfPercent: Double(differences.filter { $0 > 0.005 }.count) / Double(max(differences.count, 1)),
            medianRelativeDifference: median(differences), maxRelativeDifference: differences.last ?? 0,
            medianMixingChange: median(mixingChanges), maxMixingChange: mixingChanges.last ?? 0, fixedWorstDualViolation: worstDual,
            machine: SpectraBenchmark.machineDescription(), loadAverage: load, date: ISO8601DateFormatter().string(from: Date()))
        if options.scipy, let scipy = runSciPy(problems, repetitions: options.repetitions) {
            report.scipySeconds = scipy.seconds
            report.scipySpectraPerSecond = Double(problems.count) / scipy.seconds
            report.scipyVersion = scipy.version
            var worst = 0.0, passing = 0
            for (p, (mine, theirs)) in zip(problems, zip(certified, scipy.solutions)) where theirs.count == mine.coefficients.count {
                let scale = max(1, mine.coefficients.max() ?? 0)
                for (a, b) in zip(mine.coefficients, theirs) { worst = max(worst, abs(a - b) / scale) }
                if solver.certificate(of: theirs, design: p.problem.design, observations: p.problem.observations, weights: p.weights).isCertified { passing += 1 }
            }
            report.scipyMaxRelativeDifference = worst
            report.scipyCertifiedCount = passing
        }
        return report
    }

    /// SciPy on the same √w-scaled problems, in the same run; `nil` when python3/SciPy is unavailable.
    static func runSciPy(_ problems: [(name: String, problem: DeconvolutionProblem, weights: [Double])], repetitions: Int)
        -> (seconds: Double, version: String, solutions: [[Double]])? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("simskit-deconvolve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var data = Data(), shapes = ""
        for p in problems {
            shapes += "\(p.problem.design.rows) \(p.problem.design.columns)\n"
            p.problem.design.elements.withUnsafeBufferPointer { data.append(Data(buffer: $0)) }
            p.problem.observations.withUnsafeBufferPointer { data.append(Data(buffer: $0)) }
            p.weights.withUnsafeBufferPointer { data.append(Data(buffer: $0)) }
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: folder.appendingPathComponent("problems.f64"))
            try shapes.write(to: folder.appendingPathComponent("shapes.txt"), atomically: true, encoding: .utf8)
        } catch { return nil }
        guard let object = ReferenceProcess.runPythonJSON(scipyScript, arguments: [folder.path, String(max(1, repetitions))]),
              let seconds = object["seconds"] as? Double, let version = object["scipy"] as? String,
              let raw = try? Data(contentsOf: folder.appendingPathComponent("solutions.f64")) else { return nil }
        let values = raw.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
        var solutions: [[Double]] = [], offset = 0
        for p in problems {
            let k = p.problem.design.columns
            guard offset + k <= values.count else { return nil }
            solutions.append(Array(values[offset..<(offset + k)]))
            offset += k
        }
        return (seconds, version, solutions)
    }

    /// Reads the problems, scales by √w (part of the timed work, as the Swift side weights inside its solve) and
    /// solves each with `scipy.optimize.nnls`; prints the minimum time over repetitions and writes the solutions.
    static let scipyScript = #"""
import json, sys, time
import numpy as np, scipy
from scipy.optimize import nnls
d = sys.argv[1]; reps = int(sys.argv[2])
shapes = [tuple(map(int, l.split())) for l in open(d + "/shapes.txt") if l.strip()]
raw = np.fromfile(d + "/problems.f64"); problems = []; o = 0
for m, k in shapes:
    A = raw[o:o + m * k].reshape(m, k); o += m * k
    y = raw[o:o + m]; o += m
    w = raw[o:o + m]; o += m
    problems.append((A, y, w))
best = float("inf")
for _ in range(reps):
    t = time.perf_counter(); out = []
    for A, y, w in problems:
        s = np.sqrt(w)
        out.append(nnls(A * s[:, None], y * s, maxiter=50 * A.shape[1])[0])
    best = min(best, time.perf_counter() - t)
np.concatenate(out).astype(np.float64).tofile(d + "/solutions.f64")
print(json.dumps(dict(seconds=best, scipy=scipy.__version__)))
"""#
}

/// A fixed-iteration NNLS solver of the kind whose output the high-entropy-alloy tables come from: sequential
/// coordinate-wise descent with projection onto x ≥ 0 (Franc, Hlaváč & Navara, CAIP 2005, LNCS 3691, 407),
/// x_j ← max(0, x_j + (c − Gx)_j / G_jj) for j = 1…k, repeated for a fixed number of sweeps from x = 0, with no
/// test of optimality. Only for the comparison in `sims bench deconvolve`; SIMSKit fits with ``CertifiedNNLS``.
public struct FixedSweepNNLS: Sendable {
    /// Number of sweeps over all coordinates.
    public var sweeps: Int

    /// A solver stopping after `sweeps` sweeps.
    public init(sweeps: Int) { self.sweeps = sweeps }

    /// The coefficients after ``sweeps`` sweeps.
    public func solve(design a: Matrix, observations y: [Double], weights w: [Double]) -> [Double] {
        let m = a.rows, k = a.columns
        var scaled = a
        var c = [Double](repeating: 0, count: k)
        for i in 0..<m {
            let r = w[i].squareRoot()
            for j in 0..<k { scaled.elements[i * k + j] *= r }
            for j in 0..<k { c[j] += scaled.elements[i * k + j] * y[i] * r }
        }
        let gram = scaled.gram()
        var x = [Double](repeating: 0, count: k)
        var gradient = c  // c − Gx, kept up to date
        for _ in 0..<sweeps {
            for j in 0..<k where gram[j, j] > 0 {
                let updated = max(0, x[j] + gradient[j] / gram[j, j])
                let delta = updated - x[j]
                if delta != 0 {
                    for i in 0..<k { gradient[i] -= gram[i, j] * delta }
                    x[j] = updated
                }
            }
        }
        return x
    }
}
