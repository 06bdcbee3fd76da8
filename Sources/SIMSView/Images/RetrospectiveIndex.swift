import Foundation
import SIMSCore
import SIMSFormats

/// An m/z-ordered index over every data point of an imzML file, so that the ion image of *any* m/z window
/// ("retrospective image") and the spectrum of any region of pixels are answered without re-reading the .ibd.
///
/// Built in **one streaming pass** over the .ibd followed by an in-memory sort. The pass stores every point
/// (UInt32 pixel, Float32 m/z, Float32 intensity: 12 bytes) in file order into arrays sized from the XML's
/// array lengths, and meanwhile finds the m/z range, the total-ion image and (continuous files) the mean
/// spectrum. The m/z range [m₀, m₁] is then cut into B equal bins and the points are put in bin order in place
/// (American flag sort: a counting pass, then cycles of swaps; no second copy, so memory stays at 12 bytes per
/// point plus the bin arrays). The range must be known before binning and the .ibd may be far larger than
/// memory caches, so reading it once and sorting in memory replaces the earlier three passes (range, counts
/// per bin, fill).
///
/// An image of [lower, upper] sums the bins strictly inside the window whole and checks m/z only in the two edge
/// bins — the same closed-interval sum as ``SIMSFormats/ImzML/peakImages(_:measurement:progress:)`` (up to
/// Float32 rounding of m/z and intensity).
///
/// The mean spectrum is the per-bin intensity sum over all pixels divided by the pixel count, at the bin
/// centres (for a continuous file whose m/z axis has fewer points than bins, the shared axis itself).
///
/// A region's spectrum (``spectrum(mask:)``) is summed on the same bins. The index is ordered by m/z, so summing
/// it over a region means visiting every point; instead the region's pixels' spectra are read from the .ibd
/// (the imzML index holds each spectrum's byte offsets), which costs in proportion to the region's points. When
/// the region holds so many points that reading them costs more than one pass over the in-memory points (or the
/// .ibd changed since it was indexed, or cannot be read), the in-memory points are summed instead; both give
/// the same sums (tests).
final class RetrospectiveIndex: Sendable {
    let width: Int
    let height: Int
    let lowestMass: Double
    let highestMass: Double
    let binWidth: Double
    /// `binStart[b] ..< binStart[b + 1]`: the points of bin b.
    let binStart: ContiguousArray<Int>
    let pixel: ContiguousArray<UInt32>
    let mass: ContiguousArray<Float>
    let intensity: ContiguousArray<Float>
    /// Mean spectrum (m/z in u, mean counts per pixel).
    let meanSpectrum: Spectrum
    /// Min/max pyramid of the mean spectrum (the viewer's `iN` spectrum), built once.
    let meanPyramid: MinMaxPyramid
    /// Σ intensity per pixel (the total-ion image).
    let total: ContiguousArray<Double>
    /// Seconds the pass and the sort took, and of those the in-memory sort (counting pass and swaps).
    let buildSeconds: Double
    let sortSeconds: Double
    /// The file the index was built from: its spectra's .ibd offsets serve region spectra.
    let file: ImzML
    /// Size and modification time of the .ibd when it was read; a region spectrum reads the .ibd only while
    /// both are unchanged, so that it always agrees with the images.
    let binaryStamp: FileStamp?
    /// The pixel (row-major) of each spectrum of `file`, in file order.
    let spectrumPixel: ContiguousArray<UInt32>

    /// What the build is doing, for progress reports: reading spectra (`done` of `total` spectra), then putting
    /// the points in m/z order (`done` of `total` bins).
    enum Phase: String, Sendable { case reading, sorting }

    /// Builds the index; `progress` is called now and then with the phase and how far it is.
    init(_ file: ImzML, progress: ((_ phase: Phase, _ done: Int, _ total: Int) -> Void)? = nil) throws(SIMSError) {
        let clock = ContinuousClock.now
        self.file = file
        binaryStamp = FileStamp(file.binaryPath)
        let width = file.width
        self.width = width
        height = file.height
        let pixels = file.width * file.height
        let continuous = file.storage == .continuous
        // Points announced by the XML (each intensity array's length); bounded by the .ibd's size (≥ 4 bytes per
        // intensity), so a corrupt index cannot make us allocate more than the file could hold.
        let announced = file.spectra.reduce(0) { $0 + $1.intensity.length }
        guard announced <= max(file.binarySize, 0) / 4 + file.spectra.count else {
            throw SIMSError(.inconsistent, "the index announces \(announced) data points but the .ibd holds only \(file.binarySize) bytes", file: file.path)
        }
        // The one pass over the .ibd: points in file order, range, total-ion image, (continuous) mean sums.
        var pixel = ContiguousArray<UInt32>(repeating: 0, count: announced)
        var mass = ContiguousArray<Float>(repeating: 0, count: announced)
        var intensity = ContiguousArray<Float>(repeating: 0, count: announced)
        var total = ContiguousArray<Double>(repeating: 0, count: pixels)
        var lowest = Double.infinity, highest = -Double.infinity, count = 0
        var continuousAxis: [Double]?
        var axisSums: [Double] = []
        let spectra = file.spectra.count
        var spectrumPixel = ContiguousArray<UInt32>(repeating: 0, count: spectra)
        progress?(.reading, 0, spectra)
        try file.forEachSpectrum { (k, entry, mz, y) throws(SIMSError) in
            let p = (entry.y - 1) * width + (entry.x - 1)
            guard p >= 0 && p < pixels else {
                throw SIMSError(.inconsistent, "spectrum at (\(entry.x), \(entry.y)) lies outside the \(width)×\(pixels / max(width, 1)) raster", file: file.path)
            }
            guard count + mz.count <= announced else {
                throw SIMSError(.inconsistent, "spectrum \(k) holds more data points than the index announces (\(announced) in all)", file: file.path)
            }
            spectrumPixel[k] = UInt32(p)
            if continuous && k == 0 { continuousAxis = Array(mz); axisSums = [Double](repeating: 0, count: mz.count) }
            var tic = 0.0
            pixel.withUnsafeMutableBufferPointer { px in
                mass.withUnsafeMutableBufferPointer { m in
                    intensity.withUnsafeMutableBufferPointer { out in
                        for i in 0..<mz.count where mz[i].isFinite {
                            let value = mz[i]
                            if value < lowest { lowest = value }
                            if value > highest { highest = value }
                            px[count] = UInt32(p); m[count] = Float(value); out[count] = Float(y[i])
                            count += 1
                            tic += y[i]
                        }
                    }
                }
            }
            if continuous { for i in 0..<min(y.count, axisSums.count) { axisSums[i] += y[i] } }
            total[p] += tic
            if k & 255 == 255 { progress?(.reading, k + 1, spectra) }
        }
        progress?(.reading, spectra, spectra)
        guard lowest.isFinite, highest.isFinite else {
            throw SIMSError(.empty, "imzML has no finite m/z values", file: file.path)
        }
        if highest <= lowest { highest = lowest + 1 }
        if count < announced {
            pixel.removeLast(announced - count); mass.removeLast(announced - count); intensity.removeLast(announced - count)
        }
        let bins = max(1000, min(4_000_000, count / 64))
        lowestMass = lowest
        highestMass = highest
        let binWidth = (highest - lowest) / Double(bins)
        self.binWidth = binWidth
        // Counts per bin (and, for the mean spectrum, intensity sums), then the bin starts.
        let sortStart = ContinuousClock.now
        var starts = ContiguousArray<Int>(repeating: 0, count: bins + 1)
        var binSums = ContiguousArray<Double>(repeating: 0, count: bins)
        mass.withUnsafeBufferPointer { m in
            intensity.withUnsafeBufferPointer { y in
                for i in 0..<count {
                    let b = Self.bin(Double(m[i]), lowest: lowest, width: binWidth, bins: bins)
                    starts[b + 1] += 1
                    binSums[b] += Double(y[i])
                }
            }
        }
        for b in 0..<bins { starts[b + 1] += starts[b] }
        binStart = starts
        // In place, in two levels so that the swaps stay in cache: first into ~1024 groups of consecutive bins
        // (1024 write cursors), then each group (~n/1024 points) into its bins. One level over all 1.4 M bins of
        // the 1.1 GB benchmark file took 300 s at load 12 (a cache miss per access); see docs/performance.md.
        progress?(.sorting, 0, bins)
        let group = max(1, (bins + 1023) / 1024), groups = (bins + group - 1) / group
        pixel.withUnsafeMutableBufferPointer { px in
            mass.withUnsafeMutableBufferPointer { m in
                intensity.withUnsafeMutableBufferPointer { y in
                    /// American flag sort of the points in `start[0] ..< start[k]` into buckets `0 ..< k`
                    /// (`start`: bucket starts, k + 1 of them) by `key`; each swap puts one point in its bucket.
                    func permute(_ start: ArraySlice<Int>, _ key: (Double) -> Int) {
                        var next = Array(start)
                        for b in 0..<(next.count - 1) {
                            let end = start[start.startIndex + b + 1]
                            while next[b] < end {
                                let i = next[b]
                                let d = key(Double(m[i]))
                                if d == b { next[b] = i + 1; continue }
                                let j = next[d]
                                next[d] = j + 1
                                px.swapAt(i, j); m.swapAt(i, j); y.swapAt(i, j)
                            }
                        }
                    }
                    let groupStarts = (0...groups).map { starts[min($0 * group, bins)] }
                    permute(groupStarts[...]) { Self.bin($0, lowest: lowest, width: binWidth, bins: bins) / group }
                    for g in 0..<groups {
                        let first = g * group, last = min(first + group, bins)
                        permute(starts[first...last]) { Self.bin($0, lowest: lowest, width: binWidth, bins: bins) - first }
                        if g % 64 == 63 { progress?(.sorting, last, bins) }
                    }
                }
            }
        }
        progress?(.sorting, bins, bins)
        sortSeconds = Self.seconds(ContinuousClock.now - sortStart)
        self.pixel = pixel; self.mass = mass; self.intensity = intensity; self.total = total
        self.spectrumPixel = spectrumPixel
        let scale = 1 / Double(max(file.spectra.count, 1))
        if let axis = continuousAxis, axis.count <= bins {
            // Exact mean on the shared axis (summed by axis position during the pass).
            meanSpectrum = Spectrum(mass: ContiguousArray(axis), intensity: ContiguousArray(axisSums.map { $0 * scale }), source: file.path)
        } else {
            meanSpectrum = Spectrum(mass: ContiguousArray((0..<bins).map { lowest + (Double($0) + 0.5) * binWidth }),
                                    intensity: ContiguousArray(binSums.map { $0 * scale }), source: file.path)
        }
        meanPyramid = MinMaxPyramid(mass: meanSpectrum.mass, intensity: meanSpectrum.intensity)
        buildSeconds = Self.seconds(ContinuousClock.now - clock)
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

    /// The bin of m/z `m` (u): ⌊(m − lowest) / width⌋ clamped to 0..<bins. One function for building and for
    /// the window edges of ``image(lower:upper:)``, so that a point inside a window never lands outside its bins.
    @inline(__always)
    static func bin(_ m: Double, lowest: Double, width: Double, bins: Int) -> Int {
        let x = (m - lowest) / width
        return x >= Double(bins) ? bins - 1 : x >= 0 ? Int(x) : 0   // (also far outside the Int range, and NaN → 0)
    }

    /// Per pixel, Σ intensity of the points with lower ≤ m/z ≤ upper (row-major, `width × height`).
    func image(lower: Double, upper: Double) -> ContiguousArray<Double> {
        var image = ContiguousArray<Double>(repeating: 0, count: width * height)
        guard upper >= lower, upper >= lowestMass, lower <= highestMass else { return image }
        let bins = binStart.count - 1
        let first = Self.bin(lower, lowest: lowestMass, width: binWidth, bins: bins)
        let last = Self.bin(upper, lowest: lowestMass, width: binWidth, bins: bins)
        let lowerF = Float(lower), upperF = Float(upper)
        image.withUnsafeMutableBufferPointer { out in
            pixel.withUnsafeBufferPointer { px in
                mass.withUnsafeBufferPointer { m in
                    intensity.withUnsafeBufferPointer { y in
                        for b in first...last {
                            let edge = b == first || b == last
                            for i in binStart[b]..<binStart[b + 1] where !edge || (m[i] >= lowerF && m[i] <= upperF) {
                                out[Int(px[i])] += Double(y[i])
                            }
                        }
                    }
                }
            }
        }
        return image
    }

    /// The summed spectrum of the pixels where `mask` is true, on the mean spectrum's bins (counts): read from
    /// the region's spectra in the .ibd when that is cheaper than a pass over every indexed point (see the type's
    /// documentation), else summed from the index.
    func spectrum(mask: [Bool]) -> Spectrum {
        let chosen = spectrumPixel.indices.filter { mask[Int(spectrumPixel[$0])] }
        let points = chosen.reduce(0) { $0 + file.spectra[$1].intensity.length }
        let sums = points * Self.readCost <= pixel.count && binaryStamp != nil && FileStamp(file.binaryPath) == binaryStamp
            ? ((try? readSums(spectra: chosen)) ?? scannedSums(mask: mask)) : scannedSums(mask: mask)
        return Spectrum(mass: binCentres, intensity: sums)
    }

    /// How many indexed points one .ibd point costs to read and bin, relative to one point of the in-memory
    /// pass (measured with `sims bench view`, docs/performance.md).
    static let readCost = 4

    /// The bin centres (u).
    var binCentres: ContiguousArray<Double> {
        ContiguousArray((0..<(binStart.count - 1)).map { lowestMass + (Double($0) + 0.5) * binWidth })
    }

    /// Per bin, Σ intensity over the given spectra (indices into `file.spectra`), read from the .ibd. Each point
    /// is rounded to Float32 and binned exactly as the index stored it, so the sums equal ``scannedSums(mask:)``
    /// up to the order of addition.
    func readSums(spectra: [Int]) throws(SIMSError) -> ContiguousArray<Double> {
        let bins = binStart.count - 1
        let (lowest, width) = (lowestMass, binWidth)
        var sums = ContiguousArray<Double>(repeating: 0, count: bins)
        try sums.withUnsafeMutableBufferPointer { (s) throws(SIMSError) in
            try file.forEachSpectrum(at: spectra) { (_, _, mz, y) throws(SIMSError) in
                for i in 0..<mz.count where mz[i].isFinite {
                    s[Self.bin(Double(Float(mz[i])), lowest: lowest, width: width, bins: bins)] += Double(Float(y[i]))
                }
            }
        }
        return sums
    }

    /// Per bin, Σ intensity of the indexed points whose pixel is in `mask`: one pass over every point.
    func scannedSums(mask: [Bool]) -> ContiguousArray<Double> {
        let bins = binStart.count - 1
        var sums = ContiguousArray<Double>(repeating: 0, count: bins)
        sums.withUnsafeMutableBufferPointer { s in
            pixel.withUnsafeBufferPointer { px in
                intensity.withUnsafeBufferPointer { y in
                    mask.withUnsafeBufferPointer { inside in
                        for b in 0..<bins {
                            var sum = 0.0
                            for i in binStart[b]..<binStart[b + 1] where inside[Int(px[i])] { sum += Double(y[i]) }
                            s[b] = sum
                        }
                    }
                }
            }
        }
        return sums
    }
}

/// Size and modification time of a file, to notice that it changed.
struct FileStamp: Sendable, Equatable {
    var size: Int
    var modified: Date

    /// `nil` when the file cannot be examined.
    init?(_ path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date else { return nil }
        self.size = size
        self.modified = modified
    }
}
