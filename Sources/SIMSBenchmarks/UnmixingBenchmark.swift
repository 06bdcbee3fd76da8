import Foundation
import SIMSAnalysis
import SIMSMicrostructure
import SIMSSimulator
import SIMSWorkflows

/// `sims bench unmix`: time and peak memory of the phase unmixing (``PhaseUnmixing``) and of the threshold
/// segmentation on the simulator's 3-D cathode stack (volume preset: 64 × 64 pixels × 24 planes, 5 scans), and in the
/// same run the hot part of the unmixing in NumPy/SciPy: smoothing every ion image (`scipy.ndimage.gaussian_filter`)
/// and one `scipy.optimize.nnls` per voxel with the signatures SIMSKit calibrated — a subset of SIMSKit's work (no
/// provisional labels, calibration, pores or islands), so the comparison favours NumPy.
public enum UnmixingBenchmark {
    /// Settings.
    public struct Options: Sendable {
        /// Pixels per edge of every plane.
        public var raster = 64
        /// Planes.
        public var planes = 24
        /// Scans per plane (dose).
        public var scans = 5
        /// Simulation seed.
        public var seed: UInt64 = 7
        /// Also time the NumPy/SciPy reference.
        public var numpy = true
        /// Creates default options.
        public init() {}
    }

    /// Results.
    public struct Report: Sendable, Codable {
        /// Voxels of the stack.
        public var voxels: Int
        /// Ion images.
        public var ions: Int
        /// Smoothing σ (px, automatic: 70 counts of the total per kernel).
        public var sigma: Double
        /// Threshold segmentation (CEI as a phase of its own), s.
        public var thresholdSeconds: Double
        /// Unmixing (CEI as an interphase of the SE, calibrated), s.
        public var unmixingSeconds: Double
        /// Calibrated SO₃⁻ level of the CEI and its relative standard error.
        public var interphaseLevel: Double
        /// Relative standard error of that level (block jackknife).
        public var interphaseLevelRelativeError: Double
        /// Peak resident memory after both, MiB.
        public var peakMemoryMiB: Double?
        /// NumPy/SciPy: smoothing + per-voxel NNLS only, s.
        public var numpySeconds: Double?
        /// Voxels whose NumPy label (largest merged amount, before pores and islands) equals SIMSKit's unmixed label.
        public var numpyAgreement: Double?
        /// SciPy version.
        public var scipyVersion: String?
        /// CPU model and core count.
        public var machine: String
        /// ISO 8601 date.
        public var date: String
    }

    /// The rules of the benchmark (docs/microstructure.md).
    static let rules = ["NCM=NiO_2-,O-", "SE=S-,Cl-,PS_2-", "SE=SO_3-,PO_3-", "carbon=C_2-", "pore=low-total"]

    /// Runs the benchmark.
    public static func run(_ options: Options) throws(SIMSError) -> Report {
        guard options.raster >= 8, options.planes >= 1, options.scans >= 1 else {
            throw .invalidArgument("benchmark stack too small", found: "\(options.raster)² × \(options.planes), \(options.scans) scans", expected: "raster ≥ 8")
        }
        var design = VolumeDesign()
        let pixel = design.beam.areaMicrometers / Double(design.beam.raster)
        design.beam.raster = options.raster
        design.beam.areaMicrometers = pixel * Double(options.raster)
        design.planes = options.planes
        design.planeThicknessMicrometers = pixel
        design.beam.scans = options.scans
        let channels = try ImageChannels(simulateVolume(design, seed: options.seed).volume)
        let mean = channels.total.reduce(0, +) / Double(channels.voxelCount)
        let sigma = GaussianFilter.sigma(countsPerKernel: MicrostructureSettings.automaticSmoothingCounts, meanCounts: mean, dimensions: 3)
        let smoothing = GaussianFilter(sigma: sigma, sigmaZ: sigma)
        let background = GaussianFilter(sigma: 8, sigmaZ: 8)
        let unmixRules = try rules.map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        var thresholdRules = unmixRules
        thresholdRules[2].name = "CEI"
        let clock = ContinuousClock()
        var start = clock.now
        _ = try PhaseSegmentation(rules: thresholdRules, smoothing: smoothing, minimumIslandVoxels: 2, backgroundSmoothing: background).fit(channels)
        let thresholdSeconds = SpectraBenchmark.seconds(clock.now - start)
        start = clock.now
        let unmixed = try PhaseUnmixing(rules: unmixRules, smoothing: smoothing, minimumIslandVoxels: 2, backgroundSmoothing: background).fit(channels)
        let unmixingSeconds = SpectraBenchmark.seconds(clock.now - start)
        let cei = unmixed.components[2]
        var report = Report(
            voxels: channels.voxelCount, ions: channels.ions.count, sigma: sigma, thresholdSeconds: thresholdSeconds,
            unmixingSeconds: unmixingSeconds, interphaseLevel: cei.signature[channels.ions.firstIndex(of: cei.specificMarker)!],
            interphaseLevelRelativeError: cei.levelRelativeStandardError ?? .infinity,
            peakMemoryMiB: ReferenceProcess.peakResidentMegabytes(), machine: SpectraBenchmark.machineDescription(),
            date: ISO8601DateFormatter().string(from: Date()))
        if options.numpy, let numpy = runNumPy(channels, unmixed: unmixed, sigma: sigma) {
            report.numpySeconds = numpy.seconds
            report.numpyAgreement = numpy.agreement
            report.scipyVersion = numpy.version
        }
        return report
    }


    /// The NumPy reference on the same counts and signatures; nil when python3, NumPy or SciPy is unavailable.
    static func runNumPy(_ channels: ImageChannels, unmixed: UnmixingResult, sigma: Double) -> (seconds: Double, agreement: Double, version: String)? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("simskit-unmix-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var counts = Data(), signatures = Data()
        for channel in channels.counts { channel.withUnsafeBufferPointer { counts.append(Data(buffer: $0)) } }
        for component in unmixed.components { component.signature.withUnsafeBufferPointer { signatures.append(Data(buffer: $0)) } }
        // Merged phase of each component: 0 NCM, 1 SE (+ CEI), 2 carbon; labels of SIMSKit before pores are not kept,
        // so agreement is counted on the voxels SIMSKit did not call pore.
        let labels = Data(unmixed.segmentation.labels.labels)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try counts.write(to: folder.appendingPathComponent("counts.f64"))
            try signatures.write(to: folder.appendingPathComponent("signatures.f64"))
            try labels.write(to: folder.appendingPathComponent("labels.u8"))
        } catch { return nil }
        let shape = [channels.depth, channels.height, channels.width, channels.ions.count, unmixed.components.count].map(String.init)
        guard let object = ReferenceProcess.runPythonJSON(numpyScript, arguments: [folder.path, String(sigma)] + shape),
              let seconds = object["seconds"] as? Double, let agreement = object["agreement"] as? Double,
              let version = object["scipy"] as? String else { return nil }
        return (seconds, agreement, version)
    }

    /// Smoothing (reflect, truncate 4 as ``GaussianFilter``'s default) and per-voxel NNLS with ions weighted by
    /// 1/√(largest level among the non-interphase components), as ``PhaseUnmixing`` does; components 0 NCM, 1 SE,
    /// 2 CEI (merged with SE), 3 carbon.
    static let numpyScript = #"""
import json, sys, time
import numpy as np, scipy
from scipy.ndimage import gaussian_filter
from scipy.optimize import nnls
d = sys.argv[1]; sigma = float(sys.argv[2]); nz, ny, nx, ni, k = map(int, sys.argv[3:8])
counts = np.fromfile(d + "/counts.f64").reshape(ni, nz, ny, nx)
S = np.fromfile(d + "/signatures.f64").reshape(k, ni).T
ref = np.fromfile(d + "/labels.u8", dtype=np.uint8).ravel()
t = time.perf_counter()
Y = np.stack([gaussian_filter(c, sigma, mode="reflect", truncate=4.0).ravel() for c in counts], axis=1)
w = 1 / np.sqrt(np.maximum(S[:, [0, 1, 3]].max(axis=1), 1e-6))
Mw = S * w[:, None]
A = np.array([nnls(Mw, y)[0] for y in Y * w])
merged = np.stack([A[:, 0], A[:, 1] + A[:, 2], A[:, 3]], axis=1)
lab = merged.argmax(axis=1)
t = time.perf_counter() - t
solid = ref != 3
print(json.dumps(dict(seconds=t, agreement=float(np.mean(lab[solid] == ref[solid])), scipy=scipy.__version__)))
"""#
}
