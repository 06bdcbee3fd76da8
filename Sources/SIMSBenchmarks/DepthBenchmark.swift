import Foundation
import SIMSAnalysis
import SIMSFormats
import SIMSWorkflows

/// `sims bench depth`: reading and analysing every depth-profile export of a folder (default: the 27 real
/// perovskite profiles), timed against NumPy in the same run.
///
/// Timed work: parse each export (separately timed), then per profile normalize every ion column to the total
/// per cycle and detect the interfaces of every ion column on its raw counts with the default
/// ``InterfaceDetector`` (moving average 3, hysteresis 0.4/0.6, plateau medians, Poisson significance, 16/50/84 %
/// crossings). SIMSKit runs the full ``DepthAnalysis`` (which also builds the layer sequence). The NumPy side
/// is a direct port of the same algorithm (vectorized where NumPy allows: `np.loadtxt`, `np.convolve`,
/// array normalization; the hysteresis walk and crossings loop in Python); the JSON reports the
/// largest difference of interface positions between the two, which must be ~0.
public enum DepthBenchmark {
    /// Settings: folder, repetitions, NumPy on/off.
    public typealias Options = FolderBenchmarkOptions

    /// Timings in seconds and the agreement with the NumPy port.
    public struct Report: Sendable, Codable {
        public var profiles: Int
        public var ionColumns: Int
        public var cycles: Int
        public var megabytes: Double
        public var interfaces: Int
        public var swiftParseSeconds: Double
        public var swiftAnalysisSeconds: Double
        public var numpyParseSeconds: Double?
        public var numpyAnalysisSeconds: Double?
        public var numpyInterfaces: Int?
        public var speedupParse: Double?
        public var speedupAnalysis: Double?
        public var maxInterfaceTimeDifferenceSeconds: Double?
        public var numpyVersion: String?
        public var machine: String
        public var loadAverage: Double?
        public var date: String
    }

    /// Runs the benchmark.
    public static func run(_ options: Options) throws(SIMSError) -> Report {
        let paths = InspectWorkflow.files(in: options.folder).filter { (try? FileKind.detect(path: $0)) == .depthProfile }
        guard !paths.isEmpty else { throw SIMSError(.empty, "no IONTOF depth-profile exports found", file: options.folder) }
        let bytes = paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        let clock = ContinuousClock()
        let repetitions = max(1, options.repetitions)

        var profiles: [DepthProfile] = []
        var parseSeconds = Double.infinity
        for _ in 0..<repetitions {
            let start = clock.now
            var round: [DepthProfile] = []
            for path in paths { round.append(try IONTOFDepthProfileFormat.read(from: path)) }
            parseSeconds = min(parseSeconds, SpectraBenchmark.seconds(clock.now - start))
            profiles = round
        }

        var settings = DepthSettings()
        settings.normalization = .total
        var analyses: [DepthAnalysis] = []
        var analysisSeconds = Double.infinity
        for _ in 0..<repetitions {
            var record = RunRecord(command: "bench depth")
            let start = clock.now
            var round: [DepthAnalysis] = []
            for (path, profile) in zip(paths, profiles) {
                round.append(try DepthAnalysis(name: path, profile: profile, settings: settings, record: &record))
            }
            analysisSeconds = min(analysisSeconds, SpectraBenchmark.seconds(clock.now - start))
            analyses = round
        }

        var report = Report(
            profiles: profiles.count, ionColumns: analyses.reduce(0) { $0 + $1.ions.count },
            cycles: profiles.reduce(0) { $0 + $1.cycleCount }, megabytes: Double(bytes) / 1e6,
            interfaces: analyses.reduce(0) { $0 + $1.interfaces.count },
            swiftParseSeconds: parseSeconds, swiftAnalysisSeconds: analysisSeconds,
            machine: SpectraBenchmark.machineDescription(), loadAverage: ParseBenchmark.loadAverage(),
            date: ISO8601DateFormatter().string(from: Date()))
        if options.numpy, let object = ReferenceProcess.runPythonJSON(numpyScript, arguments: [String(repetitions)] + paths),
           let parse = object["parse"] as? Double, let analysis = object["analysis"] as? Double,
           let found = object["interfaces"] as? [[Any]], let version = object["numpy"] as? String {
            report.numpyParseSeconds = parse
            report.numpyAnalysisSeconds = analysis
            report.numpyVersion = version
            report.numpyInterfaces = found.count
            report.speedupParse = parse / parseSeconds
            report.speedupAnalysis = analysis / analysisSeconds
            // Match interfaces by (profile, ion, rising/falling, order); a missing partner counts as infinite.
            var ours: [String: [Double]] = [:]
            for (k, analysis) in analyses.enumerated() {
                for interface in analysis.interfaces {
                    ours["\(k)\u{1}\(interface.ion)\u{1}\(interface.direction == .rising)", default: []].append(interface.time)
                }
            }
            var theirs: [String: [Double]] = [:]
            for entry in found where entry.count == 4 {
                guard let k = entry[0] as? Int, let ion = entry[1] as? String, let rising = entry[2] as? Bool, let time = entry[3] as? Double else { continue }
                theirs["\(k)\u{1}\(ion)\u{1}\(rising)", default: []].append(time)
            }
            var worst = 0.0
            for key in Set(ours.keys).union(theirs.keys) {
                let a = ours[key] ?? [], b = theirs[key] ?? []
                guard a.count == b.count else { worst = .infinity; continue }
                for (x, y) in zip(a, b) { worst = max(worst, abs(x - y)) }
            }
            report.maxInterfaceTimeDifferenceSeconds = worst
        }
        return report
    }

    static let numpyScript = #"""
import json, sys, time
import numpy as np
reps = int(sys.argv[1]); paths = sys.argv[2:]

def read(path):
    with open(path, encoding="latin-1") as f:
        lines = f.read().splitlines()
    comments = [l for l in lines if l.startswith("#")]
    names = [n.strip() for n in comments[1].split("\t")]
    masses = comments[2].split("\t")
    kinds = comments[3].lstrip("#").rstrip("\t").split("\t")
    data = np.loadtxt([l for l in lines if l and not l.startswith("#")], delimiter="\t", ndmin=2,
                      usecols=range(len(kinds)))
    time_col = kinds.index("Sputter Time (s)")
    cols = [i for i, k in enumerate(kinds) if k.strip() == "Intensity"]
    total = [i for i in cols if names[i] == "total"]
    counted = [i for i in cols if " / " not in names[i]]
    # Trailing all-zero rows (the cycle after the last acquired one) are dropped, as SIMSKit's reader does.
    keep = len(data)
    while keep > 1 and not data[keep - 1, counted].any(): keep -= 1
    data = data[:keep]
    ions = [i for i in counted if names[i] != "total"]
    seen, labels = set(), []
    for i in ions:
        label = names[i]
        if label in seen: label = "%s (%.4f u)" % (names[i], float(masses[i]))
        seen.add(label); labels.append(label)
    return data[:, time_col].copy(), data[:, total[0]].copy() if total else None, labels, data[:, ions].copy()

def smooth3(x):
    s = np.convolve(x, np.ones(3) / 3, mode="same")
    s[0] = x[0]; s[-1] = x[-1]
    return s

def crossing(t, s, level, near, lo, hi):
    a = s[lo:hi] - level; b = s[lo + 1:hi + 1] - level
    idx = np.nonzero((a == 0) | (a * b < 0))[0]
    if idx.size == 0: return None
    i = idx[np.argmin(np.abs(idx + lo - near))]
    fa, fb = a[i], b[i]
    frac = 0.0 if fa == 0 else fa / (fa - fb)
    j = i + lo
    return t[j] + frac * (t[j + 1] - t[j]), j

def core_median(s, a, b):
    q = (b - a + 1) // 4
    return float(np.median(s[a + q:b - q + 1]))

def detect(t, y):
    n = len(y)
    if n < 6: return []
    clean = np.where(np.isfinite(y), y, 0.0)
    s = smooth3(clean)
    low, high = s.min(), s.max()
    if not high > low: return []
    rng = high - low
    r = (s - low) / rng
    segs = []; state = r[0] > 0.5; start = 0
    for i in range(1, n):
        if (state and r[i] < 0.4) or (not state and r[i] > 0.6):
            segs.append([start, i - 1, state]); state = not state; start = i
    segs.append([start, n - 1, state])
    merged = []
    for g in segs:
        if merged and (g[1] - g[0] + 1 < 3 or merged[-1][2] == g[2]): merged[-1][1] = g[1]
        else: merged.append(g)
    folded = []
    for g in merged:
        if folded and folded[-1][2] == g[2]: folded[-1][1] = g[1]
        else: folded.append(list(g))
    out = []
    for k in range(1, len(folded)):
        (a0, a1, _), (b0, b1, _) = folded[k - 1], folded[k]
        before = core_median(s, a0, a1); after = core_median(s, b0, b1)
        d = abs(after - before)
        if d < 0.3 * rng or d < 0.25 * max(abs(before), abs(after)): continue
        ma = clean[a0:a1 + 1].mean(); mb = clean[b0:b1 + 1].mean()
        se = np.sqrt(max(ma, 0) / (a1 - a0 + 1) + max(mb, 0) / (b1 - b0 + 1))
        z = abs(ma - mb) / se if se > 0 else (0.0 if ma == mb else np.inf)
        if z < 5: continue
        c = crossing(t, s, before + 0.5 * (after - before), b0, a0, b1)
        c16 = crossing(t, s, before + 0.16 * (after - before), b0, a0, b1)
        c84 = crossing(t, s, before + 0.84 * (after - before), b0, a0, b1)
        if c is None or c16 is None or c84 is None: continue
        out.append((after > before, float(c[0])))
    return out

t0 = time.perf_counter()
for _ in range(reps):
    t = time.perf_counter(); profiles = [read(p) for p in paths]; parse = time.perf_counter() - t
    parse_best = parse if _ == 0 else min(parse_best, parse)
best = float("inf")
for _ in range(reps):
    t = time.perf_counter(); found = []
    for k, (tm, total, names, ions) in enumerate(profiles):
        if total is not None:
            ok = (total > 0) & np.isfinite(total)
            norm = np.where(ok[:, None], np.where(np.isfinite(ions), ions, 0) / np.where(ok, total, 1)[:, None], 0.0)
        for j, name in enumerate(names):
            for rising, pos in detect(tm, ions[:, j]):
                found.append([k, name, bool(rising), pos])
    best = min(best, time.perf_counter() - t)
print(json.dumps({"parse": parse_best, "analysis": best, "interfaces": found, "numpy": np.__version__}))
"""#
}
