import Foundation
import SIMSFormats

/// `sims bench imzml`: peak-image extraction from a large simulated *processed* imzML (≥ 1 GB by default),
/// generated into a temporary folder and deleted afterwards. Reports throughput (MB of .ibd per second) and
/// the process's peak resident memory (VmHWM from /proc/self/status), which must stay bounded regardless of
/// file size, and times the same extraction with pyimzML + NumPy (vectorized per spectrum) when available.
public enum ImzMLBenchmark {
    /// Benchmark settings.
    public struct Options: Sendable {
        /// Raster width (pixels).
        public var width = 256
        /// Raster height (pixels).
        public var height = 256
        /// Data points per spectrum (m/z float64 + intensity float32 = 12 bytes each).
        public var pointsPerSpectrum = 1400
        /// Number of peak intervals extracted.
        public var peaks = 50
        /// Run the pyimzML/NumPy comparison (needs python3 with numpy and pyimzML).
        public var numpy = true
        /// Folder for the temporary data (default: the system temporary folder).
        public var folder: String?
        /// Creates default options (256 × 256 pixels × 1400 points ≈ 1.1 GB).
        public init() {}
    }

    /// The benchmark result (JSON).
    public struct Report: Sendable, Codable {
        public var pixels: Int
        public var pointsPerSpectrum: Int
        public var peaks: Int
        public var ibdBytes: Int
        public var xmlBytes: Int
        public var generateSeconds: Double
        public var openSeconds: Double
        public var extractSeconds: Double
        public var megabytesPerSecond: Double
        public var peakResidentMegabytes: Double?
        public var residentBeforeExtractionMegabytes: Double?
        public var numpySeconds: Double?
        public var numpyParseSeconds: Double?
        public var numpyPeakResidentMegabytes: Double?
        public var maxAbsoluteDifferenceVersusNumPy: Double?
        public var numpyNote: String?
        public var machine: String
        public var date: String
    }

    /// Peak resident set size of this process in MiB (VmHWM), or `nil` where /proc is unavailable.
    public static func peakResidentMegabytes() -> Double? { ReferenceProcess.peakResidentMegabytes() }

    /// The peak intervals: `count` windows of ±0.05 u spread over 20–480 u.
    public static func intervals(_ count: Int) -> [ImzML.Peak] {
        (0..<count).map { k in
            let center = 20 + 460 * Double(k) / Double(max(count - 1, 1))
            return ImzML.Peak(ion: "p\(k)", interval: MassInterval(lower: center - 0.05, upper: center + 0.05, center: center))
        }
    }

    /// Generates the data set, times extraction, deletes the data.
    public static func run(_ options: Options, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> Report {
        let base = options.folder ?? FileManager.default.temporaryDirectory.path
        let folder = base + "/simskit-bench-imzml-\(UInt32.random(in: 0...UInt32.max))"
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw SIMSError(.writeFailed, "cannot create the benchmark folder", file: folder)
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/bench.imzML"

        // Generate: sorted m/z with peaks near the interval centres, deterministic (SplitMix64-like LCG).
        let start = Date()
        let writer = try ImzMLWriter(path: path, storage: .processed, mzType: .float64, intensityType: .float32,
                                     width: options.width, height: options.height, pixelSizeMicrometers: 1)
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var mz = [Double](repeating: 0, count: options.pointsPerSpectrum)
        var intensity = [Double](repeating: 0, count: options.pointsPerSpectrum)
        let n = options.pointsPerSpectrum
        for y in 1...options.height {
            for x in 1...options.width {
                var m = 10.0
                for i in 0..<n {
                    m += (490.0 / Double(n)) * (0.5 + next())
                    mz[i] = m
                    intensity[i] = (next() * 100).rounded()
                }
                try writer.append(x: x, y: y, mz: mz, intensities: intensity)
            }
            if y % 16 == 0 { progress.report(task: "generating imzML", completed: y, total: options.height) }
        }
        try writer.finish()
        let generateSeconds = Date().timeIntervalSince(start)
        let ibdBytes = (try? FileManager.default.attributesOfItem(atPath: folder + "/bench.ibd")[.size] as? Int) ?? 0
        let xmlBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

        let openStart = Date()
        let file = try ImzML.open(path)
        let openSeconds = Date().timeIntervalSince(openStart)
        let before = peakResidentMegabytes()
        let peaks = intervals(options.peaks)
        let extractStart = Date()
        let set = try file.peakImages(peaks, progress: progress)
        let extractSeconds = Date().timeIntervalSince(extractStart)
        let peak = peakResidentMegabytes()

        var report = Report(
            pixels: options.width * options.height, pointsPerSpectrum: n, peaks: options.peaks, ibdBytes: ibdBytes, xmlBytes: xmlBytes,
            generateSeconds: generateSeconds, openSeconds: openSeconds, extractSeconds: extractSeconds,
            megabytesPerSecond: Double(ibdBytes) / 1e6 / extractSeconds, peakResidentMegabytes: peak,
            residentBeforeExtractionMegabytes: before, machine: machine(), date: ISO8601DateFormatter().string(from: Date()))
        if options.numpy {
            let python = runNumPy(path: path, peaks: peaks)
            report.numpySeconds = python.seconds
            report.numpyParseSeconds = python.parseSeconds
            report.numpyPeakResidentMegabytes = python.peakMB
            report.numpyNote = python.note
            if let values = python.firstImage {
                var worst = 0.0
                for (a, b) in zip(set.images[0].counts, values) { worst = max(worst, abs(a - b)) }
                report.maxAbsoluteDifferenceVersusNumPy = worst
            }
        }
        return report
    }

    static func machine() -> String {
        var model = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            model = String(line[line.index(after: colon)...]).trimmingSpaces()
        }
        return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores"
    }

    /// pyimzML parses the XML; each spectrum is read with getspectrum and the intervals summed with
    /// np.searchsorted on the cumulative sum (vectorized per spectrum).
    static let numpyScript = """
    import sys, time, json, resource
    import numpy as np
    from pyimzml.ImzMLParser import ImzMLParser
    path = sys.argv[1]
    lows = np.array(json.loads(sys.argv[2])); highs = np.array(json.loads(sys.argv[3]))
    t0 = time.perf_counter()
    p = ImzMLParser(path, parse_lib='ElementTree')
    t1 = time.perf_counter()
    w = p.imzmldict["max count of pixels x"]; h = p.imzmldict["max count of pixels y"]
    images = np.zeros((len(lows), h, w))
    for i, (x, y, z) in enumerate(p.coordinates):
        mzs, ints = p.getspectrum(i)
        c = np.concatenate(([0.0], np.cumsum(ints, dtype=np.float64)))
        a = np.searchsorted(mzs, lows, side='left'); b = np.searchsorted(mzs, highs, side='right')
        images[:, y - 1, x - 1] = c[b] - c[a]
    t2 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"parse": t1 - t0, "extract": t2 - t1, "peakMB": peak, "first": images[0].ravel().tolist()}))
    """

    static func runNumPy(path: String, peaks: [ImzML.Peak]) -> (seconds: Double?, parseSeconds: Double?, peakMB: Double?, firstImage: [Double]?, note: String?) {
        let lows = "[" + peaks.map { "\($0.interval.lower)" }.joined(separator: ",") + "]"
        let highs = "[" + peaks.map { "\($0.interval.upper)" }.joined(separator: ",") + "]"
        guard let object = ReferenceProcess.runPythonJSON(numpyScript, arguments: [path, lows, highs]) else {
            return (nil, nil, nil, nil, "pyimzML/NumPy comparison failed (are python3, NumPy and pyimzML installed?)")
        }
        return (object["extract"] as? Double, object["parse"] as? Double, object["peakMB"] as? Double, object["first"] as? [Double],
                "pyimzML \(peaks.count) intervals via np.searchsorted on cumulative sums per spectrum")
    }
}
