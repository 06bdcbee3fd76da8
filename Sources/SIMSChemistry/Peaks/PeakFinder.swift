/// Finds peaks in a spectrum: local maxima above the noise, with centroid and FWHM.
///
/// Estimator shape: configure, then ``find(in:)``.
///
/// - Baseline b: the median intensity of the spectrum (most ToF channels hold background only).
/// - Noise σ: Poisson, √max(b, 1) counts.
/// - A data point i is an apex when yᵢ > yᵢ₋₁, yᵢ ≥ yᵢ₊₁ and yᵢ − b ≥ max(``minimumHeight``,
///   ``signalToNoise`` · σ).
/// - Extent: walk outwards while the intensity falls (stopping at a valley); the half-maximum crossings
///   (level b + (yᵢ − b)/2) are linearly interpolated → FWHM. The centroid is Σ (yⱼ − b) mⱼ / Σ (yⱼ − b) over
///   the whole peak, down to the valleys or the baseline (a half-maximum cut would bias it by up to a tenth of a
///   channel when the apex falls between channels).
/// - A smaller apex inside a larger peak's half-maximum window is dropped (shoulders are not separate peaks).
public struct PeakFinder: Sendable {
    /// Minimum height above baseline in units of the noise σ (default 5).
    public var signalToNoise: Double
    /// Minimum height above baseline in counts (default 10).
    public var minimumHeight: Double

    /// Configures a finder.
    public init(signalToNoise: Double = 5, minimumHeight: Double = 10) {
        self.signalToNoise = signalToNoise
        self.minimumHeight = minimumHeight
    }

    /// Peaks ascending in m/z.
    public func find(in spectrum: Spectrum) -> [DetectedPeak] {
        let n = spectrum.count
        guard n >= 3 else { return [] }
        let baseline = PeakFinder.median(spectrum.intensity)
        let threshold = max(minimumHeight, signalToNoise * max(baseline, 1).squareRoot())
        var apexes: [Int] = []
        spectrum.intensity.withUnsafeBufferPointer { y in
            for i in 1 ..< n - 1 where y[i] > y[i - 1] && y[i] >= y[i + 1] && y[i] - baseline >= threshold {
                apexes.append(i)
            }
        }
        // Strongest first, so that shoulders inside a stronger peak are dropped.
        apexes.sort { spectrum.intensity[$0] > spectrum.intensity[$1] }
        var accepted: [DetectedPeak] = []
        for apex in apexes {
            let peak = PeakFinder.describe(apex: apex, in: spectrum, baseline: baseline)
            let inside = accepted.contains { other in
                peak.apexMass >= other.lowerHalfMaximum && peak.apexMass <= other.upperHalfMaximum
            }
            if !inside { accepted.append(peak) }
        }
        return accepted.sorted { $0.centroid < $1.centroid }
    }

    /// Centroid, FWHM, bounds and area of the peak whose apex is `apex`.
    static func describe(apex: Int, in spectrum: Spectrum, baseline: Double) -> DetectedPeak {
        let y = spectrum.intensity, m = spectrum.mass
        let n = y.count
        let top = y[apex]
        let half = baseline + (top - baseline) / 2
        // Walk left/right while falling, to the half-maximum crossing (or a valley).
        var left = apex
        while left > 0 && y[left - 1] <= y[left] && y[left - 1] >= half { left -= 1 }
        var right = apex
        while right < n - 1 && y[right + 1] <= y[right] && y[right + 1] >= half { right += 1 }
        func crossing(_ inner: Int, _ outer: Int) -> Double {
            guard outer >= 0, outer < n, y[outer] < half, y[inner] != y[outer] else { return m[inner] }
            let fraction = (y[inner] - half) / (y[inner] - y[outer])
            return m[inner] + fraction * (m[outer] - m[inner])
        }
        let lower = crossing(left, left - 1)
        let upper = crossing(right, right + 1)
        // Extent for area and centroid: continue to the valleys or the baseline.
        var areaLeft = left
        while areaLeft > 0 && y[areaLeft - 1] <= y[areaLeft] && y[areaLeft - 1] > baseline { areaLeft -= 1 }
        var areaRight = right
        while areaRight < n - 1 && y[areaRight + 1] <= y[areaRight] && y[areaRight + 1] > baseline { areaRight += 1 }
        var area = 0.0, weight = 0.0, weightedMass = 0.0, weightedChannel = 0.0
        for index in areaLeft ... areaRight {
            area += y[index]
            let w = max(y[index] - baseline, 0)
            weight += w
            weightedMass += w * m[index]
            if let channel = spectrum.channel { weightedChannel += w * channel[index] }
        }
        let centroid = weight > 0 ? weightedMass / weight : m[apex]
        let channelCentroid: Double? = spectrum.channel.map { channel in weight > 0 ? weightedChannel / weight : channel[apex] }
        return DetectedPeak(apexIndex: apex, apexMass: m[apex], centroid: centroid, height: top - baseline,
                            fwhm: upper - lower, lowerHalfMaximum: lower, upperHalfMaximum: upper, area: area,
                            channelCentroid: channelCentroid)
    }

    /// Median of the values (0 for none).
    static func median(_ values: ContiguousArray<Double>) -> Double {
        guard !values.isEmpty else { return 0 }
        var sorted = Array(values)
        sorted.sort()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
