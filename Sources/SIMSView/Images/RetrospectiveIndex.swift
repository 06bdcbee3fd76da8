import SIMSCore
import SIMSFormats

/// An m/z-ordered index over every data point of an imzML file, so that the ion image of *any* m/z window
/// ("retrospective image") and the spectrum of any region of pixels are answered without re-reading the .ibd.
///
/// Built in two streaming passes over the file (count, then fill): the m/z range [m₀, m₁] is cut into B equal
/// bins and each point (pixel, m/z, intensity) is stored in its bin (compressed sparse rows, Float32 m/z and
/// intensity, UInt32 pixel: 12 bytes per point). An image of [lower, upper] sums the bins strictly inside the
/// window whole and checks m/z only in the two edge bins — the same closed-interval sum as
/// ``SIMSFormats/ImzML/peakImages(_:measurement:progress:)`` (up to Float32 rounding of m/z and intensity).
///
/// The mean spectrum is the per-bin intensity sum over all pixels divided by the pixel count, at the bin
/// centres (for a continuous file whose m/z axis has fewer points than bins, the shared axis itself).
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
    /// Σ intensity per pixel (the total-ion image).
    let total: ContiguousArray<Double>
    /// Seconds the two passes took.
    let buildSeconds: Double

    init(_ file: ImzML) throws(SIMSError) {
        let clock = ContinuousClock.now
        let width = file.width
        self.width = width
        height = file.height
        let pixels = file.width * file.height
        // Pass 1: range and point count.
        var lowest = Double.infinity, highest = -Double.infinity, points = 0
        var continuousAxis: [Double]?
        try file.forEachSpectrum { (k, _, mz, _) throws(SIMSError) in
            points += mz.count
            if file.storage == .continuous && k > 0 { return }
            for m in mz where m.isFinite { lowest = min(lowest, m); highest = max(highest, m) }
            if file.storage == .continuous { continuousAxis = Array(mz) }
        }
        guard lowest.isFinite, highest.isFinite else {
            throw SIMSError(.empty, "imzML has no finite m/z values", file: file.path)
        }
        if highest <= lowest { highest = lowest + 1 }
        let bins = max(1000, min(4_000_000, points / 64))
        lowestMass = lowest
        highestMass = highest
        let binWidth = (highest - lowest) / Double(bins)
        self.binWidth = binWidth
        func bin(_ m: Double) -> Int { min(bins - 1, max(0, Int((m - lowest) / binWidth))) }
        // Pass 2a: counts per bin (the m/z arrays again; the intensity decode is the price of one reader).
        var counts = ContiguousArray<Int>(repeating: 0, count: bins + 1)
        try file.forEachSpectrum { (_, _, mz, _) throws(SIMSError) in
            for m in mz where m.isFinite { counts[bin(m) + 1] += 1 }
        }
        for b in 0..<bins { counts[b + 1] += counts[b] }
        binStart = counts
        // Pass 2b: fill.
        var cursor = counts
        var pixel = ContiguousArray<UInt32>(repeating: 0, count: counts[bins])
        var mass = ContiguousArray<Float>(repeating: 0, count: counts[bins])
        var intensity = ContiguousArray<Float>(repeating: 0, count: counts[bins])
        var total = ContiguousArray<Double>(repeating: 0, count: pixels)
        var binSums = ContiguousArray<Double>(repeating: 0, count: bins)
        try file.forEachSpectrum { (_, entry, mz, y) throws(SIMSError) in
            let p = (entry.y - 1) * width + (entry.x - 1)
            guard p >= 0 && p < pixels else {
                throw SIMSError(.inconsistent, "spectrum at (\(entry.x), \(entry.y)) lies outside the \(width)×\(pixels / max(width, 1)) raster", file: file.path)
            }
            var tic = 0.0
            for i in 0..<mz.count where mz[i].isFinite {
                let b = bin(mz[i])
                let slot = cursor[b]
                cursor[b] = slot + 1
                pixel[slot] = UInt32(p); mass[slot] = Float(mz[i]); intensity[slot] = Float(y[i])
                binSums[b] += y[i]
                tic += y[i]
            }
            total[p] += tic
        }
        self.pixel = pixel; self.mass = mass; self.intensity = intensity; self.total = total
        let scale = 1 / Double(max(file.spectra.count, 1))
        if let axis = continuousAxis, axis.count <= bins {
            // Exact mean on the shared axis: bins hold whole points, so re-sum by axis position.
            var sums = [Double](repeating: 0, count: axis.count)
            try file.forEachSpectrum { (_, _, _, y) throws(SIMSError) in for i in 0..<y.count { sums[i] += y[i] } }
            meanSpectrum = Spectrum(mass: ContiguousArray(axis), intensity: ContiguousArray(sums.map { $0 * scale }), source: file.path)
        } else {
            meanSpectrum = Spectrum(mass: ContiguousArray((0..<bins).map { lowest + (Double($0) + 0.5) * binWidth }),
                                    intensity: ContiguousArray(binSums.map { $0 * scale }), source: file.path)
        }
        let elapsed = ContinuousClock.now - clock
        buildSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Per pixel, Σ intensity of the points with lower ≤ m/z ≤ upper (row-major, `width × height`).
    func image(lower: Double, upper: Double) -> ContiguousArray<Double> {
        var image = ContiguousArray<Double>(repeating: 0, count: width * height)
        guard upper >= lower, upper >= lowestMass, lower <= highestMass else { return image }
        let bins = binStart.count - 1
        let first = min(bins - 1, max(0, Int((lower - lowestMass) / binWidth)))
        let last = min(bins - 1, max(0, Int((upper - lowestMass) / binWidth)))
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

    /// The summed spectrum of the pixels where `mask` is true, on the mean spectrum's bins (counts).
    func spectrum(mask: [Bool]) -> Spectrum {
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
        let masses = ContiguousArray((0..<bins).map { lowestMass + (Double($0) + 0.5) * binWidth })
        return Spectrum(mass: masses, intensity: sums)
    }
}
