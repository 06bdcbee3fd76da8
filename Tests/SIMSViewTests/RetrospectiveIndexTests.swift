import Foundation
import Testing
import SIMSCore
import SIMSFormats
import SIMSTestSupport
@testable import SIMSView

@Suite("Retrospective images from imzML")
struct RetrospectiveIndexTests {
    /// Any m/z window imaged from the index equals ImzML.peakImages' closed-interval sum over the real files
    /// (to Float32 rounding of the stored m/z and intensity).
    @Test(arguments: ["imzml/Example_Continuous.imzML", "imzml/Example_Processed.imzML"])
    func windowImagesMatchPeakImages(_ relative: String) throws {
        let file = try ImzML.open(try SharedData.path(relative))
        let index = try RetrospectiveIndex(file)
        let span = index.highestMass - index.lowestMass
        let windows = [(0.1, 0.1003), (0.25, 0.26), (0.5, 0.7), (0.0, 1.0)].map { (index.lowestMass + $0.0 * span, index.lowestMass + $0.1 * span) }
        let reference = try file.peakImages(windows.enumerated().map { ImzML.Peak(ion: "w\($0.offset)", interval: MassInterval(lower: $0.element.0, upper: $0.element.1)) })
        for (k, window) in windows.enumerated() {
            let image = index.image(lower: window.0, upper: window.1)
            let expected = reference.images[k].counts
            let scale = max(1, expected.max() ?? 1)
            for i in image.indices { #expect(abs(image[i] - expected[i]) <= 1e-5 * scale, "window \(k) pixel \(i)") }
        }
        #expect(zip(index.total, reference.total!.counts).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, $1) })
        // The region spectrum of every pixel sums to the total counts.
        let all = index.spectrum(mask: [Bool](repeating: true, count: file.width * file.height))
        #expect(abs(all.totalIonCount - index.total.reduce(0, +)) <= 1e-6 * index.total.reduce(0, +))
    }

    /// One pass and an in-place sort: on a processed file with unsorted, overlapping m/z per spectrum, every bin
    /// holds only its own points, every point survives, windows equal a brute-force sum over the written points,
    /// and progress reaches the end of both phases.
    @Test func onePassIndexSortsEveryPointIntoItsBin() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (width, height) = (7, 5)   // 70 000 points: > 1024 bins, so the sort's two levels both work
        let written = try Self.writeUnsortedFile(folder + "/t.imzML", width: width, height: height, points: 2000)
        var phases: [RetrospectiveIndex.Phase: (done: Int, total: Int)] = [:]
        let index = try RetrospectiveIndex(try ImzML.open(folder + "/t.imzML")) { phase, done, total in phases[phase] = (done, total) }
        #expect(index.pixel.count == written.count && index.binStart.count - 1 > 1024)
        let bins = index.binStart.count - 1
        for b in 0..<bins {
            for i in index.binStart[b]..<index.binStart[b + 1] {
                #expect(RetrospectiveIndex.bin(Double(index.mass[i]), lowest: index.lowestMass, width: index.binWidth, bins: bins) == b)
            }
        }
        func key(_ p: (pixel: Int, mz: Float, y: Float)) -> [Double] { [Double(p.pixel), Double(p.mz), Double(p.y)] }
        let kept = zip(index.pixel, zip(index.mass, index.intensity)).map { key((Int($0.0), $0.1.0, $0.1.1)) }
        #expect(kept.sorted { $0.lexicographicallyPrecedes($1) } == written.map(key).sorted { $0.lexicographicallyPrecedes($1) })
        for (lower, upper) in [(10.0, 100.0), (33.3, 33.4), (50.0, 61.5), (99.9, 200.0), (-5.0, 10.5)] {
            var expected = [Double](repeating: 0, count: width * height)
            for p in written where Double(p.mz) >= lower && Double(p.mz) <= upper { expected[p.pixel] += Double(p.y) }
            let image = index.image(lower: lower, upper: upper)
            for i in 0..<expected.count { #expect(abs(image[i] - expected[i]) < 1e-9, "window \(lower)–\(upper) pixel \(i)") }
        }
        #expect(index.image(lower: -1e300, upper: 1e300).reduce(0, +) == written.reduce(0) { $0 + Double($1.y) })
        #expect(phases[.reading].map { $0.done == $0.total && $0.total == width * height } == true)
        #expect(phases[.sorting].map { $0.done == $0.total && $0.total == bins } == true)
    }

    /// A region's spectrum summed from its spectra's file-order points (tile by tile) equals the sum over the
    /// m/z-ordered points in the region (only the order of addition differs), for single pixels, rectangles, a
    /// polygon, the whole image and no pixel, on both real files and a processed file with unsorted m/z; and
    /// `spectrum(mask:)`, whichever it uses, equals both.
    @Test func regionSpectrumFromFileOrderEqualsTheIndexSum() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Self.writeUnsortedFile(folder + "/t.imzML", width: 7, height: 5, points: 2000)
        let paths = [try SharedData.path("imzml/Example_Continuous.imzML"), try SharedData.path("imzml/Example_Processed.imzML"), folder + "/t.imzML"]
        for path in paths {
            let index = try RetrospectiveIndex(try ImzML.open(path))
            let (w, h) = (index.width, index.height)
            let polygons = [[0, 0, 1, 0, 1, 1, 0, 1], [Double(w - 1), Double(h - 1), Double(w), Double(h - 1), Double(w), Double(h), Double(w - 1), Double(h)],
                            [0, 0, 2, 0, 2, 2, 0, 2], [0.2, 0.1, Double(w), 0.4, 1.5, Double(h)], [0, 0, Double(w), 0, Double(w), Double(h), 0, Double(h)],
                            [-3, -3, -2, -3, -2, -2]].map { try! PixelPolygon(flat: $0) }
            for polygon in polygons {
                let mask = polygon.mask(width: w, height: h)
                let chosen = index.spectrumPixel.indices.filter { mask[Int(index.spectrumPixel[$0])] }
                let scanned = index.scannedSums(mask: mask)
                let regionTotal = zip(mask, index.total).reduce(0.0) { $0 + ($1.0 ? $1.1 : 0) }
                for read in [index.regionSums(spectra: chosen), index.regionSums(spectra: chosen, tile: 7)] {   // one tile (≤ 1 366 bins here) and many
                    #expect(read.count == scanned.count)
                    for b in read.indices where abs(read[b] - scanned[b]) > 1e-9 * max(1, scanned[b]) {
                        Issue.record("\(path): bin \(b): file order \(read[b]), m/z order \(scanned[b]) (\(polygon.vertices))")
                        break
                    }
                    #expect(abs(read.reduce(0, +) - regionTotal) <= 1e-6 * max(1, regionTotal))
                }
                let spectrum = index.spectrum(mask: mask)
                #expect(zip(spectrum.intensity, scanned).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, $1) })
            }
        }
    }

    static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.path + "/retro-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A processed imzML (float64 m/z, float32 counts) of `width × height` pixels with `points` unsorted,
    /// overlapping m/z values (10–100 u) and integer counts 0–49 per spectrum (fixed LCG); returns the points.
    static func writeUnsortedFile(_ path: String, width: Int, height: Int, points n: Int) throws -> [(pixel: Int, mz: Float, y: Float)] {
        let writer = try ImzMLWriter(path: path, storage: .processed, mzType: .float64, intensityType: .float32,
                                     width: width, height: height, pixelSizeMicrometers: 1)
        var state: UInt64 = 12345
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        var written: [(pixel: Int, mz: Float, y: Float)] = []
        for y in 1...height {
            for x in 1...width {
                let mz = (0..<n).map { _ in 10 + 90 * next() }          // not sorted: the index must not rely on it
                let counts = (0..<n).map { _ in Double(Int(next() * 50)) }
                try writer.append(x: x, y: y, mz: mz, intensities: counts)
                for i in 0..<n { written.append(((y - 1) * width + x - 1, Float(mz[i]), Float(counts[i]))) }
            }
        }
        try writer.finish()
        return written
    }
}
