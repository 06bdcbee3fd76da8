import Foundation
import SIMSAnalysis
import SIMSFormats

/// `sims bench spectra`: peak integration of a folder of spectra (default: the 135 negative-polarity HEA
/// spectra) over ≥ 200 intervals, timed against NumPy in the same run.
///
/// Timed work, identical on both sides, on spectra already in memory: for every spectrum the TIC, and for
/// every interval the raw trapezoidal area, the TIC-normalized area and the counts. NumPy variants:
/// `loop` — a Python loop over intervals with `searchsorted` + `trapz` on slices (the straightforward port);
/// `vectorized` — all intervals of a spectrum at once via the cumulative trapezoid
/// (`c = cumsum(Δm·(y_i + y_{i+1})/2)`, area = `c[hi−1] − c[lo]`). Parsing is timed separately.
public enum SpectraBenchmark {
    /// Settings: the folder, repetitions and NumPy switch, plus which spectra and how many intervals.
    public struct Options: Sendable {
        /// Folder, repetitions (default 20), NumPy on/off.
        public var common: FolderBenchmarkOptions
        /// File name prefix that selects spectra (default `N_`, negative polarity).
        public var prefix = "N_"
        /// Number of intervals (nominal masses 1…count, ±0.2 u).
        public var intervals = 250
        /// Creates options.
        public init(_ common: FolderBenchmarkOptions) { self.common = common }
    }

    /// Timings in seconds. `pythonPerPointLoopSeconds` is the paper script's pattern (a Python loop over every
    /// data point for every interval), timed on 2 spectra and scaled to all.
    public struct Report: Sendable, Codable {
        public var spectra: Int
        public var intervals: Int
        public var dataPoints: Int
        public var swiftParseSeconds: Double
        public var swiftIntegrateSeconds: Double
        public var swiftIntegrateCPUSeconds: Double
        public var numpyVectorizedIntegrateCPUSeconds: Double?
        public var speedupVersusVectorizedNumPyCPU: Double?
        public var numpyLoopIntegrateSeconds: Double?
        public var numpyVectorizedIntegrateSeconds: Double?
        public var numpyParseSeconds: Double?
        public var pythonPerPointLoopSeconds: Double?
        public var speedupVersusPerPointLoop: Double?
        public var speedupVersusVectorizedNumPy: Double?
        public var speedupVersusLoopNumPy: Double?
        public var numpyVersion: String?
        public var maxRelativeDifferenceVersusNumPy: Double?
        public var machine: String
        public var date: String
    }

    /// The benchmark's intervals: `[M − 0.2, M + 0.2]` u for M = 1…count.
    public static func intervals(_ count: Int) -> [Peak] {
        (1...count).map { Peak(index: $0, assignment: "(null)", interval: MassInterval(lower: Double($0) - 0.2, upper: Double($0) + 0.2, center: Double($0))) }
    }

    /// Runs the benchmark.
    public static func run(_ options: Options) throws(SIMSError) -> Report {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: options.common.folder)
                .filter { $0.hasPrefix(options.prefix) && $0.hasSuffix(".txt") }.sorted()
        } catch { throw SIMSError(.fileNotFound, "cannot list the benchmark folder", file: options.common.folder) }
        guard !names.isEmpty else { throw SIMSError(.empty, "no \(options.prefix)*.txt spectra", file: options.common.folder) }
        let paths = names.map { options.common.folder + "/" + $0 }

        let clock = ContinuousClock()
        var spectra: [Spectrum] = []
        let parseStart = clock.now
        for path in paths { spectra.append(try IONTOFSpectrumFormat.read(from: path)) }
        let parseSeconds = seconds(clock.now - parseStart)

        let integrator = PeakIntegrator(peaks: intervals(options.intervals))
        var best = Double.infinity
        var bestCPU = Double.infinity
        var results: [SpectrumPeakAreas] = []
        for _ in 0..<max(1, options.common.repetitions) {
            var round: [SpectrumPeakAreas] = []
            round.reserveCapacity(spectra.count)
            let start = clock.now
            let startCPU = threadCPUSeconds()
            for spectrum in spectra { round.append(try integrator.integrate(spectrum)) }
            bestCPU = min(bestCPU, threadCPUSeconds() - startCPU)
            best = min(best, seconds(clock.now - start))
            results = round
        }

        var report = Report(spectra: spectra.count, intervals: options.intervals, dataPoints: spectra.reduce(0) { $0 + $1.count },
                            swiftParseSeconds: parseSeconds, swiftIntegrateSeconds: best, swiftIntegrateCPUSeconds: bestCPU,
                            machine: machineDescription(), date: ISO8601DateFormatter().string(from: Date()))
        if options.common.numpy, let numpy = try runNumPy(paths: paths, intervals: options.intervals, repetitions: options.common.repetitions) {
            report.numpyLoopIntegrateSeconds = numpy.loop
            report.numpyVectorizedIntegrateSeconds = numpy.vectorized
            report.numpyParseSeconds = numpy.parse
            report.numpyVersion = numpy.version
            report.pythonPerPointLoopSeconds = numpy.scriptLoop
            report.speedupVersusPerPointLoop = numpy.scriptLoop.map { $0 / best }
            report.speedupVersusVectorizedNumPy = numpy.vectorized / best
            report.speedupVersusLoopNumPy = numpy.loop / best
            report.numpyVectorizedIntegrateCPUSeconds = numpy.vectorizedCPU
            report.speedupVersusVectorizedNumPyCPU = numpy.vectorizedCPU.map { $0 / bestCPU }
            // Agreement check on the areas (NumPy loop variant = exact trapz on the same points).
            var worst = 0.0
            for (s, areas) in numpy.areas.enumerated() where s < results.count {
                for (k, value) in areas.enumerated() where k < results[s].rawArea.count {
                    let ours = results[s].rawArea[k]
                    if value != 0 || ours != 0 { worst = max(worst, abs(ours - value) / max(abs(value), abs(ours))) }
                }
            }
            report.maxRelativeDifferenceVersusNumPy = worst
        }
        return report
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// CPU time of the calling thread in seconds (`CLOCK_THREAD_CPUTIME_ID`): robust on a loaded machine.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    static func machineDescription() -> String {
        var model = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let value = line.split(separator: ":", maxSplits: 1).last {
            model = value.trimmingCharacters(in: .whitespaces)
        }
        return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores"
    }

    /// The NumPy side, run as a Python script fed on stdin; `nil` when python3/numpy is unavailable.
    static func runNumPy(paths: [String], intervals: Int, repetitions: Int) throws(SIMSError)
        -> (loop: Double, vectorized: Double, parse: Double, version: String, areas: [[Double]], scriptLoop: Double?, vectorizedCPU: Double?)? {
        guard let object = ReferenceProcess.runPythonJSON(numpyScript, arguments: [String(intervals), String(max(1, repetitions))] + paths),
              let loop = object["loop"] as? Double, let vectorized = object["vectorized"] as? Double,
              let parse = object["parse"] as? Double, let version = object["numpy"] as? String,
              let areas = object["areas"] as? [[Double]] else { return nil }
        return (loop, vectorized, parse, version, areas, object["script_loop_extrapolated"] as? Double, object["vectorized_cpu"] as? Double)
    }

    static let numpyScript = #"""
import json, sys, time
import numpy as np
nint, reps = int(sys.argv[1]), int(sys.argv[2])
paths = sys.argv[3:]
trapz = getattr(np, "trapezoid", None) or np.trapz
t = time.perf_counter()
spectra = []
for p in paths:
    with open(p) as f:
        lines = [l for l in f if not l.startswith("#")]
    titles = lines[0].rstrip("\r\n").split("\t")
    d = np.loadtxt(lines[1:], delimiter="\t", ndmin=2)
    spectra.append((np.ascontiguousarray(d[:, titles.index("m/z")]), np.ascontiguousarray(d[:, titles.index("Intensity")])))
parse = time.perf_counter() - t
lower = np.arange(1, nint + 1, dtype=float) - 0.2
upper = np.arange(1, nint + 1, dtype=float) + 0.2

def loop():
    out = []
    for m, y in spectra:
        tic = y.sum(); yn = y / tic
        lo = np.searchsorted(m, lower, "left"); hi = np.searchsorted(m, upper, "right")
        raw = []; 
        for a, b in zip(lo, hi):
            raw.append(trapz(y[a:b], m[a:b])); trapz(yn[a:b], m[a:b]); y[a:b].sum()
        out.append(raw)
    return out

def vectorized():
    out = []
    for m, y in spectra:
        tic = y.sum()
        dm = np.diff(m)
        seg = dm * (y[1:] + y[:-1]) * 0.5
        c = np.concatenate(([0.0], np.cumsum(seg)))
        cy = np.concatenate(([0.0], np.cumsum(y)))
        lo = np.searchsorted(m, lower, "left"); hi = np.searchsorted(m, upper, "right")
        last = np.maximum(hi - 1, lo)
        raw = c[last] - c[lo]
        norm = raw / tic
        counts = cy[hi] - cy[lo]
        out.append(raw)
    return out

def best(f, n=None):
    b = float("inf"); c = float("inf"); r = None
    for _ in range(n or reps):
        t = time.perf_counter(); p = time.process_time(); r = f()
        c = min(c, time.process_time() - p); b = min(b, time.perf_counter() - t)
    best.cpu = c
    return b, r

def script_loop(count):
    # The paper script's pattern: for every interval, walk every data point in Python.
    for m, y in spectra[:count]:
        ml = m.tolist(); yl = (y / y.sum()).tolist()
        for lo, hi in zip(lower.tolist(), upper.tolist()):
            xs = []; ys = []
            for mi, yi in zip(ml, yl):
                if lo <= mi <= hi:
                    xs.append(mi); ys.append(yi)
            trapz(ys, xs) if len(xs) > 1 else 0.0

tl, areas = best(loop, min(reps, 3))
tv, _ = best(vectorized)
tvc = best.cpu
sample = min(2, len(spectra))
t = time.perf_counter(); script_loop(sample); ts = (time.perf_counter() - t) * len(spectra) / sample
print(json.dumps({"loop": tl, "vectorized": tv, "parse": parse, "numpy": np.__version__, "script_loop_extrapolated": ts, "vectorized_cpu": tvc,
                  "areas": [[float(v) for v in a] for a in areas]}))
"""#
}
