import Foundation
import SIMSCore
import SIMSFormats
import SIMSWorkflows
import SIMSBenchmarks

/// `sims bench view`: the server-side work behind `sims view`'s retrospective images on a large processed imzML
/// (default 256 × 256 pixels × 1400 points ≈ 1.1 GB, like `sims bench imzml`): opening the file, building the
/// ``RetrospectiveIndex`` once, then imaging m/z windows and answering a 64 × 64 ROI (counts + region spectrum),
/// each as the API does it. Spectrum decimation is timed on the same file's mean spectrum.
public enum ViewBenchmark {
    /// Benchmark settings.
    public struct Options: Sendable {
        /// Raster width and height (pixels).
        public var size = 256
        /// Data points per spectrum.
        public var pointsPerSpectrum = 1400
        /// Folder for the temporary file (default: the system temporary folder); deleted afterwards.
        public var folder: String?
        /// Creates the default options.
        public init() {}
    }

    /// The result (JSON).
    public struct Report: Sendable, Codable {
        public var pixels: Int
        public var points: Int
        public var ibdBytes: Int
        public var generateSeconds: Double
        public var openSeconds: Double
        public var indexSeconds: Double
        /// Of ``indexSeconds``, the in-memory sort after the one pass over the .ibd.
        public var indexSortSeconds: Double
        /// Median and maximum over 20 m/z windows of 0.1 u (a peak) and 5 windows of 20 u.
        public var windowImageMedianMilliseconds: Double
        public var windowImageMaxMilliseconds: Double
        public var wideWindowImageMedianMilliseconds: Double
        /// 64 × 64 rectangle: counts of the shown layer plus the region spectrum (decimated), as `/api/roi`
        /// computes them; median of 5, like the other ROI timings (whole image: median of 3).
        public var roiMilliseconds: Double
        /// The same rectangle's region spectrum summed over every m/z-ordered point (the pass over all points;
        /// before the file-order copy it was the only way).
        public var roiScanMilliseconds: Double
        /// The same rectangle's region spectrum alone, from its spectra's file-order points.
        public var roiRegionMilliseconds: Double
        /// The whole image's region spectrum from the file-order points and by the pass over the m/z-ordered
        /// ones: their ratio is the relative cost of a point (``RetrospectiveIndex/regionCost``).
        public var wholeImageRegionMilliseconds: Double
        public var wholeImageScanMilliseconds: Double
        /// Mean spectrum decimated to 1000 columns (whole range and a 1 u window).
        public var decimateMilliseconds: Double
        public var peakResidentMegabytes: Double?
        public var loadAverage: String
        public var date: String
    }

    /// Generates the file, measures, deletes the file.
    public static func run(_ options: Options, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> Report {
        let folder = (options.folder ?? FileManager.default.temporaryDirectory.path) + "/simskit-bench-view-\(UInt32.random(in: 0...UInt32.max))"
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw SIMSError(.writeFailed, "cannot create the benchmark folder", file: folder)
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/view.imzML"
        let generateSeconds = try seconds { () throws(SIMSError) in try generate(options, at: path, progress: progress) }
        var file: ImzML?
        let openSeconds = try seconds { () throws(SIMSError) in file = try ImzML.open(path) }
        var index: RetrospectiveIndex?
        let indexSeconds = try seconds { () throws(SIMSError) in
            index = try RetrospectiveIndex(file!) { phase, done, total in
                progress.report(task: phase == .reading ? "indexing: reading spectra" : "indexing: sorting points by m/z", completed: done, total: total)
            }
        }
        let idx = index!
        var narrow: [Double] = [], wide: [Double] = []
        for k in 0..<20 {
            let center = 20 + 460 * Double(k) / 19
            narrow.append(try seconds { () throws(SIMSError) in _ = idx.image(lower: center - 0.05, upper: center + 0.05) } * 1000)
        }
        for k in 0..<5 {
            let lower = 20 + 90 * Double(k)
            wide.append(try seconds { () throws(SIMSError) in _ = idx.image(lower: lower, upper: lower + 20) } * 1000)
        }
        let polygon = try PixelPolygon(flat: [96, 96, 160, 96, 160, 160, 96, 160])
        // The ROI timings are medians of 5 (of 3 for the whole image): single runs on the shared machine varied 3×.
        let roi = try medianSeconds(5) { () throws(SIMSError) in
            let mask = polygon.mask(width: idx.width, height: idx.height)
            let image = idx.image(lower: 99.95, upper: 100.05)
            var sum = 0.0
            for i in 0..<mask.count where mask[i] { sum += image[i] }
            let spectrum = idx.spectrum(mask: mask)
            _ = MinMaxPyramid(mass: spectrum.mass, intensity: spectrum.intensity).decimate(lower: idx.lowestMass, upper: idx.highestMass, columns: 800)
            _ = sum
        } * 1000
        let mask = polygon.mask(width: idx.width, height: idx.height)
        let roiScan = try medianSeconds(5) { () throws(SIMSError) in _ = idx.scannedSums(mask: mask) } * 1000
        let roiRegion = try medianSeconds(5) { () throws(SIMSError) in
            _ = idx.regionSums(spectra: idx.spectrumPixel.indices.filter { mask[Int(idx.spectrumPixel[$0])] })
        } * 1000
        let everything = [Bool](repeating: true, count: idx.width * idx.height)
        let wholeRegion = try medianSeconds(3) { () throws(SIMSError) in _ = idx.regionSums(spectra: Array(idx.spectrumPixel.indices)) } * 1000
        let wholeScan = try medianSeconds(3) { () throws(SIMSError) in _ = idx.scannedSums(mask: everything) } * 1000
        let pyramid = MinMaxPyramid(mass: idx.meanSpectrum.mass, intensity: idx.meanSpectrum.intensity)
        let decimate = try seconds { () throws(SIMSError) in
            _ = pyramid.decimate(lower: idx.lowestMass, upper: idx.highestMass, columns: 1000)
            _ = pyramid.decimate(lower: 250, upper: 251, columns: 1000)
        } * 1000
        let ibdBytes = (try? FileManager.default.attributesOfItem(atPath: folder + "/view.ibd")[.size] as? Int) ?? 0
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        return Report(pixels: options.size * options.size, points: idx.pixel.count, ibdBytes: ibdBytes, generateSeconds: generateSeconds,
                      openSeconds: openSeconds, indexSeconds: indexSeconds, indexSortSeconds: idx.sortSeconds,
                      windowImageMedianMilliseconds: median(narrow), windowImageMaxMilliseconds: narrow.max() ?? 0,
                      wideWindowImageMedianMilliseconds: median(wide), roiMilliseconds: roi, roiScanMilliseconds: roiScan, roiRegionMilliseconds: roiRegion,
                      wholeImageRegionMilliseconds: wholeRegion, wholeImageScanMilliseconds: wholeScan, decimateMilliseconds: decimate,
                      peakResidentMegabytes: ImzMLBenchmark.peakResidentMegabytes(), loadAverage: load,
                      date: ISO8601DateFormatter().string(from: Date()))
    }

    /// A processed imzML (float64 m/z, float32 counts) with sorted, jittered m/z over 10–500 u and integer
    /// counts 0–99 (deterministic LCG), the shape of `sims bench imzml`'s file.
    static func generate(_ options: Options, at path: String, progress: any SIMSCore.ProgressReporting) throws(SIMSError) {
        let writer = try ImzMLWriter(path: path, storage: .processed, mzType: .float64, intensityType: .float32,
                                     width: options.size, height: options.size, pixelSizeMicrometers: 1)
        var state: UInt64 = 0x2545F4914F6CDD1D
        let n = options.pointsPerSpectrum
        var mz = [Double](repeating: 0, count: n), counts = [Double](repeating: 0, count: n)
        for y in 1...options.size {
            for x in 1...options.size {
                var m = 10.0
                for i in 0..<n {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    m += 490 / Double(n) * (0.5 + Double(state >> 11) / Double(1 << 53))
                    mz[i] = m
                    counts[i] = Double((state >> 33) % 100)
                }
                try writer.append(x: x, y: y, mz: mz, intensities: counts)
            }
            if y % 16 == 0 { progress.report(task: "generating imzML", completed: y, total: options.size) }
        }
        try writer.finish()
    }

    static func seconds(_ body: () throws(SIMSError) -> Void) throws(SIMSError) -> Double {
        let start = ContinuousClock.now
        try body()
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// The median of `count` timings of `body` (s).
    static func medianSeconds(_ count: Int, _ body: () throws(SIMSError) -> Void) throws(SIMSError) -> Double {
        var times: [Double] = []
        for _ in 0..<count { times.append(try seconds(body)) }
        return median(times)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
