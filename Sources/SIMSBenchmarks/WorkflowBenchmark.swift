import Foundation
import SIMSCore
import SIMSFormats
import SIMSSimulator

/// `sims bench workflows`: `sims spectra`, `sims images` and `sims pca` run end to end as a user runs them
/// (one whole `sims` process each, figures off), next to `Tests/Reference/workflows_numpy.py` doing the same
/// reading, integration/normalization, statistics and CSV writing with vectorized NumPy/SciPy, in the same run.
///
/// Inputs (written into a scratch folder first, not timed):
/// - spectra and pca: the 135 negative-polarity HEA spectra (`N_*.txt`), one sample per composition and
///   primary ion (`N_<sample>_<ion>_<replicate>.txt`, 33 samples), × 200 intervals `[M − 0.2, M + 0.2]` u;
/// - images: a simulated 256 × 256 study, 3 samples × 3 measurements × (10 ions + total), IONTOF ASCII.
///
/// Each process is timed with `wait4`: CPU = user + system time of the child, wall = spawn to exit; the
/// minimum over the repetitions is reported for each (the machine may be shared).
public enum WorkflowBenchmark {
    /// Settings.
    public struct Options: Sendable {
        /// Folder of the HEA spectra.
        public var spectraFolder: String
        /// The `sims` executable to run.
        public var executable: String
        /// The NumPy script (`Tests/Reference/workflows_numpy.py`); `nil` skips NumPy.
        public var numpyScript: String?
        /// Scratch folder for inputs and outputs (removed afterwards unless given).
        public var scratch: String?
        /// Runs per side and workflow; the minimum CPU and wall times are reported.
        public var repetitions = 3
        /// Image side in pixels.
        public var imageSize = 256
        /// Intervals of the spectra peak list.
        public var intervals = 200
        /// Creates options.
        public init(spectraFolder: String, executable: String, numpyScript: String?) {
            self.spectraFolder = spectraFolder
            self.executable = executable
            self.numpyScript = numpyScript
        }
    }

    /// One workflow's timings.
    public struct Entry: Sendable, Codable {
        /// `spectra`, `images` or `pca`.
        public var workflow: String
        /// What the inputs are.
        public var inputs: String
        /// The `sims` process (best of the repetitions).
        public var simskit: ChildProcessUsage
        /// The NumPy process (best of the repetitions), when run.
        public var numpy: ChildProcessUsage?
        /// SIMSKit CPU ÷ NumPy CPU (goal ≤ 1/3).
        public var cpuRatioSIMSKitOverNumPy: Double?
        /// SIMSKit wall ÷ SIMSKit CPU (goal ≤ 0.6 on 2 cores: both cores used).
        public var simskitWallOverCPU: Double
    }

    /// The report.
    public struct Report: Sendable, Codable {
        public var entries: [Entry]
        public var repetitions: Int
        public var numpyVersion: String?
        public var loadAverageBefore: String?
        public var loadAverageAfter: String?
        public var machine: String
        public var date: String
    }

    /// Runs the benchmark.
    public static func run(_ options: Options, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> Report {
        let scratch = options.scratch ?? (NSTemporaryDirectory() + "/sims-bench-workflows-\(UUID().uuidString)")
        defer { if options.scratch == nil { try? FileManager.default.removeItem(atPath: scratch) } }
        let before = loadAverage()
        progress.report(task: "preparing inputs", completed: 0, total: 2)
        let spectraRoot = try makeSpectraStudy(from: options.spectraFolder, in: scratch + "/spectra-study")
        let peaks = scratch + "/peaks.csv"
        try AtomicFile.write("assignment,lower,upper\n" + (1...options.intervals).map { "m\($0),\(Double($0) - 0.2),\(Double($0) + 0.2)\n" }.joined(), to: peaks)
        progress.report(task: "preparing inputs", completed: 1, total: 2)
        let imagesRoot = try makeImageStudy(size: options.imageSize, in: scratch + "/images-study")
        progress.report(task: "preparing inputs", completed: 2, total: 2)

        let spots = (try? FileManager.default.subpathsOfDirectory(atPath: spectraRoot).filter { $0.hasSuffix(".txt") }.count) ?? 0
        let plans: [(name: String, inputs: String, sims: [String], numpy: [String])] = [
            ("spectra", "\(spots) negative HEA spectra × \(options.intervals) intervals",
             ["spectra", spectraRoot, "--peaks", peaks, "--no-plots", "--out", scratch + "/out-sims-spectra"],
             ["spectra", spectraRoot, peaks, scratch + "/out-numpy-spectra"]),
            ("images", "\(options.imageSize)² simulated, 3 samples × 3 measurements × (10 ions + total)",
             ["images", imagesRoot, "--no-plots", "--out", scratch + "/out-sims-images"],
             ["images", imagesRoot, scratch + "/out-numpy-images"]),
            ("pca", "\(spots) negative HEA spectra × \(options.intervals) intervals",
             ["pca", spectraRoot, "--peaks", peaks, "--no-plots", "--out", scratch + "/out-sims-pca"],
             ["pca", spectraRoot, peaks, scratch + "/out-numpy-pca"]),
        ]
        var entries: [Entry] = []
        for (number, plan) in plans.enumerated() {
            progress.report(task: "timing workflows", completed: number, total: plans.count)
            let simskit = try best(options.repetitions) { ChildProcessUsage.measure(options.executable, plan.sims) }
            guard let simskit else {
                throw SIMSError(.numerical, "sims \(plan.name) failed", file: options.executable, expected: "exit status 0")
            }
            var numpy: ChildProcessUsage?
            if let script = options.numpyScript {
                numpy = try best(options.repetitions) { ChildProcessUsage.measure("python3", [script] + plan.numpy) }
            }
            entries.append(Entry(workflow: plan.name, inputs: plan.inputs, simskit: simskit, numpy: numpy,
                                 cpuRatioSIMSKitOverNumPy: numpy.map { simskit.cpuSeconds / $0.cpuSeconds },
                                 simskitWallOverCPU: simskit.wallSeconds / simskit.cpuSeconds))
        }
        progress.report(task: "timing workflows", completed: plans.count, total: plans.count)
        let version = options.numpyScript == nil ? nil
            : ReferenceProcess.runPythonJSON("import json, numpy, scipy; print(json.dumps({'v': numpy.__version__ + ' / SciPy ' + scipy.__version__}))", arguments: [])?["v"] as? String
        return Report(entries: entries, repetitions: options.repetitions, numpyVersion: version, loadAverageBefore: before,
                      loadAverageAfter: loadAverage(), machine: SpectraBenchmark.machineDescription(),
                      date: ISO8601DateFormatter().string(from: Date()))
    }

    /// The minimum user, system and wall time over `count` runs (each minimised separately); `nil` when a
    /// run fails.
    static func best(_ count: Int, _ run: () -> ChildProcessUsage?) throws(SIMSError) -> ChildProcessUsage? {
        var best: ChildProcessUsage?
        for _ in 0..<max(1, count) {
            guard let usage = run() else { return nil }
            if let current = best {
                best = usage.cpuSeconds < current.cpuSeconds ? usage : current
                best!.wallSeconds = min(usage.wallSeconds, current.wallSeconds)
            } else {
                best = usage
            }
        }
        return best
    }

    /// `/proc/loadavg` (1, 5, 15 min), or `nil` off Linux.
    static func loadAverage() -> String? {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)).map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
    }

    /// ROOT/<sample>/<spot>.txt symbolic links to the negative spectra of `folder`, one sample per
    /// composition and primary ion (`N_<sample>_<ion>_<replicate>.txt`).
    static func makeSpectraStudy(from folder: String, in root: String) throws(SIMSError) -> String {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("N_") && $0.hasSuffix(".txt") }.sorted() } catch {
            throw SIMSError(.fileNotFound, "cannot list the HEA spectra", file: folder)
        }
        guard !names.isEmpty else { throw SIMSError(.empty, "no N_*.txt spectra", file: folder) }
        for name in names {
            var parts = name.dropFirst(2).dropLast(4).split(separator: "_")
            if parts.count > 1 { parts.removeLast() }
            let sample = root + "/" + parts.joined(separator: "_")
            do {
                try FileManager.default.createDirectory(atPath: sample, withIntermediateDirectories: true)
                let link = sample + "/" + name
                if !FileManager.default.fileExists(atPath: link) {
                    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: URL(fileURLWithPath: folder + "/" + name).standardizedFileURL.path)
                }
            } catch { throw SIMSError(.writeFailed, "cannot link \(name)", file: sample) }
        }
        return root
    }

    /// 3 samples × 3 measurements of `size`² simulated images: the 8 negative-polarity ions of
    /// ``ImagingDesign/ions(_:electrolyte:)``, ⁶Li⁺ and ⁷Li⁺ of the same section, and the negative total.
    static func makeImageStudy(size: Int, in root: String) throws(SIMSError) -> String {
        for (s, sample) in ["A", "B", "C"].enumerated() {
            for m in 1...3 {
                var design = ImagingDesign()
                design.beam.raster = size
                design.measurement = "\(sample)_m\(m)"
                let imaging = try simulateImaging(design, seed: UInt64(100 * s + m))
                guard let negative = imaging.results[.negative]?.images, let positive = imaging.results[.positive]?.images else {
                    throw .inconsistent("the imaging simulation lacks a polarity")
                }
                let images = negative.images + positive.images.prefix(2)
                let set = try ImageSet(measurement: design.measurement, id: 1, images: Array(images), total: negative.total)
                _ = try set.writeIONTOFASCII(to: root + "/" + sample)
            }
        }
        return root
    }
}
