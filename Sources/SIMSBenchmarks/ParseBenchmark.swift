import Foundation
import SIMSFormats

/// `sims bench parse`: parsing speed of the IONTOF spectrum reader over a folder of exports (default: all
/// spectra of `hea-catalyst-spectra`, ~40 MB), single-threaded, against the fastest NumPy way to parse the
/// same bytes in the same run.
///
/// Files are read into memory first; only parsing is timed (best of `repetitions`). Throughput is
/// file bytes ÷ seconds, in MB/s (10⁶ bytes/s). NumPy variants, each on the same in-memory bytes with the
/// header lines cut off: `fromstring` (`np.fromstring(body, sep=" ")`, C-level whitespace tokenising),
/// `split` (`np.array(body.split(), float)`), `loadtxt` (`np.loadtxt`). The point count and the sum of all
/// intensities are compared between Swift and NumPy to check both parsed the same numbers.
public enum ParseBenchmark {
    /// Settings: folder, repetitions, NumPy on/off.
    public typealias Options = FolderBenchmarkOptions

    /// Results.
    public struct Report: Sendable, Codable {
        /// Number of spectrum files parsed.
        public var files: Int
        /// Their total size in bytes.
        public var bytes: Int
        /// Total data points (rows).
        public var dataPoints: Int
        /// Sum of all intensities (counts), for cross-checking.
        public var intensitySum: Double
        /// Best Swift parse time in s (single thread).
        public var swiftSeconds: Double
        /// Swift throughput in MB/s (wall clock).
        public var swiftMegabytesPerSecond: Double
        /// Best Swift parse time in CPU seconds of the parsing thread (immune to other processes on a busy machine).
        public var swiftCPUSeconds: Double
        /// Swift throughput per core: bytes ÷ thread CPU seconds, MB/s.
        public var swiftMegabytesPerCPUSecond: Double
        /// Best CPU time (process) in s of each NumPy variant.
        public var numpyCPUSeconds: [String: Double]?
        /// Fastest NumPy variant per core: bytes ÷ CPU seconds, MB/s.
        public var numpyBestMegabytesPerCPUSecond: Double?
        /// Load average (1 min) when the benchmark started: other work competing for the cores.
        public var loadAverage: Double?
        /// Best time in s of each NumPy variant.
        public var numpySeconds: [String: Double]?
        /// Throughput of the fastest NumPy variant in MB/s.
        public var numpyBestMegabytesPerSecond: Double?
        /// Name of the fastest NumPy variant.
        public var numpyBestVariant: String?
        /// Swift speed ÷ fastest NumPy speed.
        public var speedupVersusNumPy: Double?
        /// `true` when NumPy found the same number of points and the same intensity sum.
        public var numpyAgrees: Bool?
        /// NumPy version.
        public var numpyVersion: String?
        /// Repetitions.
        public var repetitions: Int
        /// CPU model and core count.
        public var machine: String
        /// ISO 8601 date of the run.
        public var date: String
    }

    /// Runs the benchmark.
    public static func run(_ options: Options) throws(SIMSError) -> Report {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: options.folder).filter { !$0.hasPrefix(".") }.sorted()
        } catch { throw SIMSError(.fileNotFound, "cannot list the benchmark folder", file: options.folder) }
        var paths: [String] = []
        var contents: [Data] = []
        for name in names {
            let path = options.folder + "/" + name
            guard (try? FileKind.detect(path: path)) == .spectrum else { continue }
            paths.append(path)
            contents.append(try FileBytes(contentsOf: path).data)
        }
        guard !paths.isEmpty else { throw SIMSError(.empty, "no IONTOF spectrum exports in the folder", file: options.folder) }
        // Force the memory-mapped pages in, so the timing measures parsing, not disk reads.
        contents = contents.map { Data($0) }
        let bytes = contents.reduce(0) { $0 + $1.count }

        let clock = ContinuousClock()
        var best = Double.infinity
        var bestCPU = Double.infinity
        var points = 0
        var sum = 0.0
        for _ in 0..<max(1, options.repetitions) {
            var roundPoints = 0
            var roundSum = 0.0
            let start = clock.now
            let startCPU = threadCPUSeconds()
            for (index, data) in contents.enumerated() {
                let spectrum = try IONTOFSpectrumFormat.decode(data, source: paths[index])
                roundPoints += spectrum.count
                roundSum += spectrum.intensity[spectrum.count - 1]
            }
            best = min(best, SpectraBenchmark.seconds(clock.now - start))
            bestCPU = min(bestCPU, threadCPUSeconds() - startCPU)
            points = roundPoints
            _ = roundSum
        }
        // Intensity sum outside the timed loop.
        for (index, data) in contents.enumerated() { sum += try IONTOFSpectrumFormat.decode(data, source: paths[index]).totalIonCount }

        var report = Report(
            files: paths.count, bytes: bytes, dataPoints: points, intensitySum: sum, swiftSeconds: best,
            swiftMegabytesPerSecond: Double(bytes) / best / 1e6, swiftCPUSeconds: bestCPU,
            swiftMegabytesPerCPUSecond: Double(bytes) / bestCPU / 1e6, loadAverage: loadAverage(), repetitions: max(1, options.repetitions),
            machine: SpectraBenchmark.machineDescription(), date: ISO8601DateFormatter().string(from: Date()))
        if options.numpy, let numpy = runNumPy(paths: paths, repetitions: options.repetitions) {
            report.numpySeconds = numpy.seconds
            report.numpyVersion = numpy.version
            if let fastest = numpy.seconds.min(by: { $0.value < $1.value }) {
                report.numpyBestVariant = fastest.key
                report.numpyBestMegabytesPerSecond = Double(bytes) / fastest.value / 1e6
                report.speedupVersusNumPy = fastest.value / best
            }
            report.numpyCPUSeconds = numpy.cpu
            if let fastestCPU = numpy.cpu.values.min() { report.numpyBestMegabytesPerCPUSecond = Double(bytes) / fastestCPU / 1e6 }
            report.numpyAgrees = numpy.points == points && abs(numpy.sum - sum) <= 1e-9 * max(1, abs(sum))
        }
        return report
    }

    /// CPU time consumed by the calling thread, in s (`CLOCK_THREAD_CPUTIME_ID`).
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    /// The 1-minute load average from `/proc/loadavg` (Linux), when readable.
    static func loadAverage() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    /// The NumPy side; `nil` when python3/numpy is unavailable or fails.
    static func runNumPy(paths: [String], repetitions: Int) -> (seconds: [String: Double], cpu: [String: Double], points: Int, sum: Double, version: String)? {
        guard let object = ReferenceProcess.runPythonJSON(numpyScript, arguments: [String(max(1, repetitions))] + paths),
              let seconds = object["seconds"] as? [String: Double], let cpu = object["cpu"] as? [String: Double], let points = object["points"] as? Int,
              let sum = object["sum"] as? Double, let version = object["numpy"] as? String else { return nil }
        return (seconds, cpu, points, sum, version)
    }

    /// Parses every file's bytes (already in memory) with three NumPy approaches; prints JSON.
    static let numpyScript = #"""
import json, sys, time, warnings
import numpy as np
warnings.filterwarnings("ignore")
reps = int(sys.argv[1]); paths = sys.argv[2:]
blobs = [open(p, "rb").read() for p in paths]

def body(blob):
    # Skip '#' header lines and the title line; return the numeric part and the column count.
    pos = 0
    while blob.startswith(b"#", pos):
        pos = blob.index(b"\n", pos) + 1
    end = blob.index(b"\n", pos)
    ncol = len(blob[pos:end].split(b"\t"))
    return blob[end + 1:], ncol

def fromstring():
    out = []
    for b in blobs:
        data, n = body(b)
        out.append(np.fromstring(data, sep=" ").reshape(-1, n))
    return out

def split():
    out = []
    for b in blobs:
        data, n = body(b)
        out.append(np.array(data.split(), dtype=np.float64).reshape(-1, n))
    return out

def loadtxt():
    out = []
    for b in blobs:
        data, n = body(b)
        out.append(np.loadtxt(data.decode().splitlines(), delimiter="\t", ndmin=2))
    return out

seconds = {}
cpu = {}
result = None
for name, f in (("fromstring", fromstring), ("split", split), ("loadtxt", loadtxt)):
    best = float("inf"); best_cpu = float("inf")
    for _ in range(reps if name != "loadtxt" else 1):
        t = time.perf_counter(); c = time.process_time(); r = f()
        best = min(best, time.perf_counter() - t); best_cpu = min(best_cpu, time.process_time() - c)
    seconds[name] = best; cpu[name] = best_cpu
    if result is None: result = r
points = sum(a.shape[0] for a in result)
total = float(sum(a[:, -1].sum() for a in result))
print(json.dumps({"seconds": seconds, "cpu": cpu, "points": points, "sum": total, "numpy": np.__version__}))
"""#
}
