import SIMSCore
import SIMSFormats

/// An m/z-ordered index over every data point of an imzML file, so that the ion image of *any* m/z window
/// ("retrospective image") and the spectrum of any region of pixels are answered without re-reading the .ibd.
///
/// Built in **one streaming pass** over the .ibd followed by an in-memory sort. The pass stores every point
/// (UInt32 pixel, Float32 m/z, Float32 intensity: 12 bytes) in file order into arrays sized from the XML's
/// array lengths, and meanwhile finds the m/z range, the total-ion image and (continuous files) the mean
/// spectrum. The m/z range [m₀, m₁] is then cut into B equal bins and the points are put in bin order in place
/// (American flag sort: a counting pass, then cycles of swaps; no second copy of these 12 bytes per point, plus
/// the bin arrays; region spectra add 8 bytes per point, below). The range must be known before binning and the .ibd may be far larger than
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
/// A region's spectrum (``spectrum(mask:)``) is summed on the same bins. Summing the m/z-ordered points over a
/// region visits every point, so the index also keeps each point's bin and intensity in **file order** (8 bytes
/// per point more: 20 in all), where a spectrum's points are contiguous: a region then costs in proportion to
/// its pixels' points. The sum runs over tiles of bins that stay in the cache (one cursor per spectrum), so the
/// writes are not scattered over the whole bin array. A region holding more than a fraction of all points is
/// summed from the m/z-ordered points instead (cheaper then; `sims bench view` measures both). Reading the
/// region's spectra from the .ibd (the imzML holds their offsets) was measured first and not kept: when the
/// 1.1 GB .ibd is not in the page cache that reads at the disk's speed (a 64 × 64 region took 704 ms, the pass
/// over every point 576 ms; docs/performance.md).
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
    /// The pixel (row-major) of each spectrum of the file, in file order.
    let spectrumPixel: ContiguousArray<UInt32>
    /// `spectrumStart[k] ..< spectrumStart[k + 1]`: the points of spectrum k in `fileBin` / `fileIntensity`.
    let spectrumStart: ContiguousArray<Int>
    /// Every point's bin and intensity in file order (region spectra).
    let fileBin: ContiguousArray<UInt32>
    let fileIntensity: ContiguousArray<Float>

    /// What the build is doing, for progress reports: reading spectra (`done` of `total` spectra), then putting
    /// the points in m/z order (`done` of `total` bins).
    enum Phase: String, Sendable { case reading, sorting }

    /// Builds the index; `progress` is called now and then with the phase and how far it is.
    init(_ file: ImzML, progress: ((_ phase: Phase, _ done: Int, _ total: Int) -> Void)? = nil) throws(SIMSError) {
        let clock = ContinuousClock.now
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
        var spectrumStart = ContiguousArray<Int>(repeating: 0, count: spectra + 1)
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
            spectrumStart[k] = count
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
        spectrumStart[spectra] = count
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
        var fileBin = ContiguousArray<UInt32>(repeating: 0, count: count)
        var fileIntensity = ContiguousArray<Float>(repeating: 0, count: count)
        mass.withUnsafeBufferPointer { m in
            intensity.withUnsafeBufferPointer { y in
                fileBin.withUnsafeMutableBufferPointer { fb in
                    fileIntensity.withUnsafeMutableBufferPointer { fy in
                        for i in 0..<count {
                            let b = Self.bin(Double(m[i]), lowest: lowest, width: binWidth, bins: bins)
                            starts[b + 1] += 1
                            binSums[b] += Double(y[i])
                            fb[i] = UInt32(b); fy[i] = y[i]
                        }
                    }
                }
            }
        }
        self.spectrumStart = spectrumStart; self.fileBin = fileBin; self.fileIntensity = fileIntensity
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

    /// The summed spectrum of the pixels where `mask` is true, on the mean spectrum's bins (counts): from the
    /// region's spectra in file order when they hold few enough points, else from every m/z-ordered point (see
    /// the type's documentation).
    func spectrum(mask: [Bool]) -> Spectrum {
        let chosen = spectrumPixel.indices.filter { mask[Int(spectrumPixel[$0])] }
        let points = chosen.reduce(0) { $0 + spectrumStart[$1 + 1] - spectrumStart[$1] }
        let sums = points * Self.regionCost <= pixel.count ? regionSums(spectra: chosen) : scannedSums(mask: mask)
        return Spectrum(mass: binCentres, intensity: sums)
    }

    /// The cost of a point summed by ``regionSums(spectra:)`` relative to one of ``scannedSums(mask:)``'s pass:
    /// a region holding more than 1/`regionCost` of all points is summed by the pass. Measured by `sims bench
    /// view` (docs/performance.md): per point 8× the pass with every pixel inside (990 / 122 ms), whose branches
    /// are then always taken; a 64 × 64 region's mask costs the pass twice that per point (224 ms), so ~4.
    static let regionCost = 4

    /// The bin centres (u).
    var binCentres: ContiguousArray<Double> {
        ContiguousArray((0..<(binStart.count - 1)).map { lowestMass + (Double($0) + 0.5) * binWidth })
    }

    /// Per bin, Σ intensity over the points of the given spectra (indices in file order). Tiles of `tile` bins
    /// (32 768: 256 KB of sums, inside a core's L2 cache) are summed one after the other, each spectrum's cursor
    /// moving on while its points' bins are below the tile's end, so that the writes land in the cache when a
    /// spectrum's m/z values ascend (as they usually do). Whatever their order the sums are the same: the last
    /// tile takes every point left.
    func regionSums(spectra: [Int], tile: Int = 32_768) -> ContiguousArray<Double> {
        let bins = binStart.count - 1
        var sums = ContiguousArray<Double>(repeating: 0, count: bins)
        var cursor = spectra.map { spectrumStart[$0] }
        let end = spectra.map { spectrumStart[$0 + 1] }
        sums.withUnsafeMutableBufferPointer { s in
            fileBin.withUnsafeBufferPointer { fb in
                fileIntensity.withUnsafeBufferPointer { y in
                    for tileStart in stride(from: 0, to: bins, by: tile) {
                        let tileEnd = UInt32(min(bins, tileStart + tile))
                        for k in spectra.indices {
                            var i = cursor[k]
                            let last = end[k]
                            while i < last && fb[i] < tileEnd { s[Int(fb[i])] += Double(y[i]); i += 1 }
                            cursor[k] = i
                        }
                    }
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
