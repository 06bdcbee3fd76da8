import Foundation
import SIMSAnalysis
import SIMSFormats
import SIMSMicrostructure

/// `sims bench tortuosity`: time and peak memory of the tortuosity factor of a `size³` volume (default 256³), and
/// the same solve against SciPy's sparse direct solver (`scipy.sparse.linalg.spsolve`) on a smaller volume in the
/// same run.
///
/// The medium: overlapping random spheres (radius 4–8 voxels, fixed seed) form the pore phase until the porosity
/// reaches ≈ 0.45; τ of the pores along z. Memory is the process's peak resident set (VmHWM of /proc/self/status)
/// read before and after the solve; the medium itself takes 1 byte per voxel.
public enum TortuosityBenchmark {
    /// Settings.
    public struct Options: Sendable {
        /// Edge of the benchmark volume in voxels.
        public var size = 256
        /// Edge of the volume solved by both SIMSKit and SciPy (0 = skip SciPy).
        public var scipySize = 40
        /// Relative residual tolerance.
        public var tolerance = 1e-8
        /// Random seed of the medium.
        public var seed: UInt64 = 1
        /// Creates default options.
        public init() {}
    }

    /// Results.
    public struct Report: Sendable, Codable {
        /// Volume edge (voxels).
        public var size: Int
        /// Pore volume fraction.
        public var porosity: Double
        /// τ of the pores along z.
        public var tortuosityFactor: Double
        /// CG iterations.
        public var iterations: Int
        /// Final relative residual.
        public var relativeResidual: Double
        /// Unknowns (percolating pore voxels).
        public var unknowns: Int
        /// Wall time of the solve in s (all cores).
        public var seconds: Double
        /// Peak resident memory before the solve (medium built), MiB.
        public var peakMemoryBeforeMiB: Double?
        /// Peak resident memory after the solve, MiB.
        public var peakMemoryAfterMiB: Double?
        /// Solver used.
        public var solver: String
        /// Cores the solver kernels could run on.
        public var cores: Int
        /// Edge of the SciPy comparison volume.
        public var comparisonSize: Int?
        /// SIMSKit time on the comparison volume, s.
        public var comparisonSwiftSeconds: Double?
        /// SciPy spsolve time (matrix assembly excluded) on the comparison volume, s.
        public var comparisonSciPySeconds: Double?
        /// τ from SIMSKit on the comparison volume.
        public var comparisonSwiftTau: Double?
        /// τ from SciPy on the comparison volume.
        public var comparisonSciPyTau: Double?
        /// SciPy version.
        public var scipyVersion: String?
        /// CPU model and core count.
        public var machine: String
        /// ISO 8601 date.
        public var date: String
    }

    /// Runs the benchmark.
    public static func run(_ options: Options) throws(SIMSError) -> Report {
        guard options.size >= 4 else { throw .invalidArgument("benchmark size too small", found: "\(options.size)", expected: "≥ 4") }
        let medium = try makeMedium(size: options.size, seed: options.seed)
        let before = ReferenceProcess.peakResidentMegabytes()
        let clock = ContinuousClock()
        let start = clock.now
        let result = try TortuosityFactor(axis: .z, tolerance: options.tolerance).fit(medium, phase: "pore")
        let seconds = SpectraBenchmark.seconds(clock.now - start)
        let after = ReferenceProcess.peakResidentMegabytes()
        var report = Report(
            size: options.size, porosity: result.volumeFraction, tortuosityFactor: result.tortuosityFactor ?? .infinity,
            iterations: result.iterations, relativeResidual: result.relativeResidual, unknowns: result.unknowns,
            seconds: seconds, peakMemoryBeforeMiB: before, peakMemoryAfterMiB: after,
            solver: "CG + multigrid W-cycle (2×2×2 Galerkin aggregation, red-black Gauss–Seidel)", cores: ProcessInfo.processInfo.activeProcessorCount, machine: SpectraBenchmark.machineDescription(),
            date: ISO8601DateFormatter().string(from: Date()))
        if options.scipySize >= 4 {
            let small = try makeMedium(size: options.scipySize, seed: options.seed)
            let smallStart = clock.now
            let mine = try TortuosityFactor(axis: .z, tolerance: options.tolerance).fit(small, phase: "pore")
            report.comparisonSize = options.scipySize
            report.comparisonSwiftSeconds = SpectraBenchmark.seconds(clock.now - smallStart)
            report.comparisonSwiftTau = mine.tortuosityFactor
            if let scipy = runSciPy(small) {
                report.comparisonSciPySeconds = scipy.seconds
                report.comparisonSciPyTau = scipy.tau
                report.scipyVersion = scipy.version
            }
        }
        return report
    }

    /// Overlapping random spheres (pore, label 1) in solid (label 0) until the porosity reaches 0.45.
    static func makeMedium(size: Int, seed: UInt64) throws(SIMSError) -> PhaseLabels {
        var labels = ContiguousArray<UInt8>(repeating: 0, count: size * size * size)
        var generator = SplitMix64(seed: seed)
        let target = Int(0.45 * Double(labels.count))
        var pore = 0
        labels.withUnsafeMutableBufferPointer { voxels in
            while pore < target {
                let cx = Double.random(in: 0 ..< Double(size), using: &generator)
                let cy = Double.random(in: 0 ..< Double(size), using: &generator)
                let cz = Double.random(in: 0 ..< Double(size), using: &generator)
                let r = Double.random(in: 4 ... 8, using: &generator)
                let r2 = r * r
                for z in max(0, Int(cz - r)) ... min(size - 1, Int(cz + r)) {
                    for y in max(0, Int(cy - r)) ... min(size - 1, Int(cy + r)) {
                        for x in max(0, Int(cx - r)) ... min(size - 1, Int(cx + r)) {
                            let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy, dz = Double(z) + 0.5 - cz
                            let v = (z * size + y) * size + x
                            if dx * dx + dy * dy + dz * dz <= r2 && voxels[v] == 0 {
                                voxels[v] = 1
                                pore += 1
                            }
                        }
                    }
                }
            }
        }
        return try PhaseLabels(width: size, height: size, depth: size, labels: labels, phases: ["solid", "pore"], voxelSizeMicrometers: nil)
    }



    /// Solves the same medium with SciPy (script mirrors `Tests/Reference/tortuosity_reference.py`); nil when
    /// python3/scipy is unavailable.
    static func runSciPy(_ medium: PhaseLabels) -> (seconds: Double, tau: Double, version: String)? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("simskit-tortuosity-\(UUID().uuidString).raw")
        defer { try? FileManager.default.removeItem(at: file) }
        do { try Data(medium.labels).write(to: file) } catch { return nil }
        guard let object = ReferenceProcess.runPythonJSON(scipyScript, arguments: [file.path, String(medium.width)]),
              let seconds = object["seconds"] as? Double, let tau = object["tau"] as? Double,
              let version = object["scipy"] as? String else { return nil }
        return (seconds, tau, version)
    }

    static let scipyScript = #"""
import json, sys, time
import numpy as np, scipy, scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import spsolve
n = int(sys.argv[2])
lab = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(n, n, n)  # (z, y, x)
cond = lab == 1
ids = np.arange(lab.size).reshape(lab.shape)
rows, cols = [], []
for a in range(3):
    lo = [slice(None)] * 3; hi = [slice(None)] * 3
    lo[a] = slice(0, -1); hi[a] = slice(1, None)
    m = cond[tuple(lo)] & cond[tuple(hi)]
    rows.append(ids[tuple(lo)][m]); cols.append(ids[tuple(hi)][m])
r = np.concatenate(rows); c = np.concatenate(cols)
G = sp.coo_matrix((np.ones(len(r)), (r, c)), shape=(lab.size, lab.size)).tocsr(); G = G + G.T
_, comp = connected_components(G, directed=False)
z = np.indices(lab.shape)[0].ravel(); flat = cond.ravel()
inl = flat & (z == 0); out = flat & (z == n - 1)
keep = np.intersect1d(np.unique(comp[inl]), np.unique(comp[out]))
act = flat & np.isin(comp, keep)
idx = np.flatnonzero(act)
A = G[idx][:, idx]
bi = inl[idx] * 2.0; bo = out[idx] * 2.0
M = (sp.diags(np.asarray(A.sum(axis=1)).ravel() + bi + bo) - A).tocsc()
t = time.perf_counter(); x = spsolve(M, bi); t = time.perf_counter() - t
J = 0.5 * (np.sum(bi * (1 - x)) + np.sum(bo * x))
deff = J * n / (n * n)
print(json.dumps(dict(seconds=t, tau=float(flat.mean() / deff), scipy=scipy.__version__)))
"""#
}
