import Foundation
import SIMSMultivariate

/// `sims bench pca`: PCA of a 65,536 × 400 matrix (a 256 × 256 image × 400 peaks) for 5 and 20 components,
/// timed against scikit-learn's `PCA(n_components=k).fit_transform` on the same matrix in the same run (when
/// python3 with scikit-learn is importable). Goal: SIMSKit no slower than 1.5 × scikit-learn.
///
/// The matrix is synthetic and seeded: 12 latent non-negative "phase" profiles mixed into 400 peaks plus
/// Gaussian noise, so the leading components are well separated and the two implementations can be checked for
/// agreement (explained-variance ratios).
public enum PCABenchmark {
    /// Settings.
    public struct Options: Sendable {
        /// Rows (pixels).
        public var rows = 65_536
        /// Columns (peaks).
        public var columns = 400
        /// Component counts to time.
        public var components = [5, 20]
        /// Timed repetitions (the minimum is reported).
        public var repetitions = 3
        /// Whether to run scikit-learn.
        public var sklearn = true
        /// Creates default options.
        public init() {}
    }

    /// One component count's timings.
    public struct Case: Sendable, Codable {
        public var components: Int
        public var swiftSeconds: Double
        public var swiftRandomizedSeconds: Double
        public var sklearnSeconds: Double?
        public var sklearnSolver: String?
        /// Swift time ÷ scikit-learn time (goal ≤ 1.5).
        public var ratioVersusSklearn: Double?
        /// max |explained-variance ratio (Swift) − (scikit-learn)|.
        public var maxExplainedVarianceRatioDifference: Double?
    }

    /// The report written as JSON.
    public struct Report: Sendable, Codable {
        public var rows: Int
        public var columns: Int
        public var cases: [Case]
        public var sklearnVersion: String?
        public var numpyVersion: String?
        public var threads: Int
        /// The system BLAS behind SIMSKit's kernels (``SystemBLAS/description``) and its thread count.
        public var blas: String
        public var blasThreads: Int
        public var machine: String
        public var date: String
    }

    /// The benchmark matrix (seeded).
    public static func matrix(rows: Int, columns: Int, seed: UInt64 = 2023) -> Matrix {
        var g = SeededGenerator(seed: seed)
        let latent = 12
        let profiles = Matrix(rows: latent, columns: columns) { _, _ in max(0, g.normal()) + 0.1 }
        let abundances = Matrix(rows: rows, columns: latent) { _, c in abs(g.normal()) * Double(latent - c) }
        var x = abundances.multiplied(by: profiles)
        for t in 0..<x.elements.count { x.elements[t] += 0.5 * g.normal() }
        return x
    }

    /// Runs the benchmark.
    public static func run(_ options: Options) throws(SIMSError) -> Report {
        let x = matrix(rows: options.rows, columns: options.columns)
        let clock = ContinuousClock()
        var cases: [Case] = []
        var ratios: [Int: [Double]] = [:]
        for k in options.components {
            var best = Double.infinity, bestRandomized = Double.infinity
            for _ in 0..<max(1, options.repetitions) {
                let start = clock.now
                let model = try PCA(components: .count(k), solver: .covariance).fit(x)
                best = min(best, SpectraBenchmark.seconds(clock.now - start))
                ratios[k] = model.explainedVarianceRatio
                let startRandomized = clock.now
                _ = try PCA(components: .count(k), solver: .randomized(powerIterations: 4, seed: 0)).fit(x)
                bestRandomized = min(bestRandomized, SpectraBenchmark.seconds(clock.now - startRandomized))
            }
            cases.append(Case(components: k, swiftSeconds: best, swiftRandomizedSeconds: bestRandomized))
        }
        var report = Report(rows: x.rows, columns: x.columns, cases: cases, threads: ProcessInfo.processInfo.activeProcessorCount,
                            blas: SystemBLAS.description, blasThreads: SystemBLAS.threads,
                            machine: SpectraBenchmark.machineDescription(), date: ISO8601DateFormatter().string(from: Date()))
        if options.sklearn, let python = try runSklearn(x, components: options.components, repetitions: options.repetitions) {
            report.sklearnVersion = python.version
            report.numpyVersion = python.numpy
            for index in report.cases.indices {
                let k = report.cases[index].components
                guard let entry = python.cases[k] else { continue }
                report.cases[index].sklearnSeconds = entry.seconds
                report.cases[index].sklearnSolver = entry.solver
                report.cases[index].ratioVersusSklearn = report.cases[index].swiftSeconds / entry.seconds
                if let ours = ratios[k], ours.count == entry.ratios.count {
                    report.cases[index].maxExplainedVarianceRatioDifference = zip(ours, entry.ratios).map { abs($0 - $1) }.max()
                }
            }
        }
        return report
    }

    /// scikit-learn on the same matrix (raw float64 file); `nil` when python3 or scikit-learn is missing.
    static func runSklearn(_ x: Matrix, components: [Int], repetitions: Int) throws(SIMSError)
        -> (version: String, numpy: String, cases: [Int: (seconds: Double, solver: String, ratios: [Double])])? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sims-bench-pca-\(UUID().uuidString).f64").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = x.elements.withUnsafeBufferPointer { Data(buffer: $0) }
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw SIMSError(.writeFailed, "cannot write the benchmark matrix", file: path)
        }
        guard let object = ReferenceProcess.runPythonJSON(script, arguments: [path, String(x.rows), String(x.columns), String(max(1, repetitions))] + components.map(String.init)),
              let version = object["sklearn"] as? String, let numpy = object["numpy"] as? String,
              let list = object["cases"] as? [[String: Any]] else { return nil }
        var cases: [Int: (Double, String, [Double])] = [:]
        for entry in list {
            guard let k = entry["components"] as? Int, let seconds = entry["seconds"] as? Double,
                  let solver = entry["solver"] as? String, let ratios = entry["ratios"] as? [Double] else { continue }
            cases[k] = (seconds, solver, ratios)
        }
        return (version, numpy, cases)
    }

    static let script = #"""
import json, sys, time
import numpy as np
import sklearn
from sklearn.decomposition import PCA
path, n, p, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
X = np.fromfile(path, dtype=np.float64).reshape(n, p)
cases = []
for k in map(int, sys.argv[5:]):
    best = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        model = PCA(n_components=k)
        model.fit_transform(X)
        best = min(best, time.perf_counter() - t)
    cases.append({"components": k, "seconds": best, "solver": getattr(model, "_fit_svd_solver", "?"),
                  "ratios": model.explained_variance_ratio_.tolist()})
print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}))
"""#
}
