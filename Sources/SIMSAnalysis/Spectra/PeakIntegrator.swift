/// Integrates the intervals of a peak list in spectra: the first step of the paper's spectra workflow.
///
/// For every interval `[lower, upper]` (u, bounds inclusive) the data points with `lower ≤ m/z ≤ upper` are
/// located by binary search on the ascending m/z axis (O(log n) per interval, no scan of the spectrum) and
///
/// - the **raw area** is the trapezoidal integral of the counts over those points,
///   `Σ (m_{i+1} − m_i)(y_i + y_{i+1})/2` (counts·u), exactly NumPy's `trapz(y, m)` on the same points;
/// - the **TIC-normalized area** is the same integral of `y_i / TIC` with `TIC = Σ_all y_i`: this is the
///   "normalized area" of the paper's spectra script (Lombardo et al., JVST A 41, 053207 (2023), SI script
///   `ToF_spectra_analyzer`), which divides every intensity by the total first and then calls `trapz`;
/// - the **counts** are the plain sum `Σ y_i` (ions), what IONTOF SurfaceLab reports as "Area".
///
/// An interval that contains fewer than two data points has area 0 (one point: a zero-width trapezoid;
/// none: reported in ``SpectrumPeakAreas/emptyPeaks`` so callers can warn) — never NaN.
///
/// ```swift
/// let integrator = PeakIntegrator(peaks: list)
/// let areas = try integrator.integrate(spectrum)
/// areas.rawArea[0]    // counts·u of the list's first peak
/// ```
public struct PeakIntegrator: Sendable {
    /// The peaks to integrate, in list (row) order.
    public let peaks: [Peak]
    // Bounds copied into contiguous storage for the hot loop.
    private let lowers: ContiguousArray<Double>
    private let uppers: ContiguousArray<Double>

    /// Prepares integration of `peaks` (row order is kept; peaks are identified by row, not by name).
    public init(peaks: [Peak]) {
        self.peaks = peaks
        lowers = ContiguousArray(peaks.map(\.interval.lower))
        uppers = ContiguousArray(peaks.map(\.interval.upper))
    }

    /// Prepares integration of every peak of `list` (the `total` pseudo-row is not a peak and is skipped).
    public init(list: PeakList) { self.init(peaks: list.peaks) }

    /// Integrates all peaks in `spectrum`.
    /// - Throws: `SIMSError.malformed` when the m/z axis is not ascending or holds a non-finite value,
    ///   or an intensity is not finite (naming the spectrum's source and the data point).
    public func integrate(_ spectrum: Spectrum) throws(SIMSError) -> SpectrumPeakAreas {
        try PeakIntegrator.validate(spectrum)
        let tic = spectrum.totalIonCount
        let peakCount = peaks.count
        var raw = ContiguousArray<Double>(repeating: 0, count: peakCount)
        var normalized = ContiguousArray<Double>(repeating: 0, count: peakCount)
        var counts = ContiguousArray<Double>(repeating: 0, count: peakCount)
        var points = ContiguousArray<Int>(repeating: 0, count: peakCount)
        let inverseTIC = tic > 0 ? 1 / tic : 0
        spectrum.mass.withUnsafeBufferPointer { m in
            spectrum.intensity.withUnsafeBufferPointer { y in
                lowers.withUnsafeBufferPointer { lo in
                    uppers.withUnsafeBufferPointer { up in
                        raw.withUnsafeMutableBufferPointer { rawOut in
                            normalized.withUnsafeMutableBufferPointer { normOut in
                                counts.withUnsafeMutableBufferPointer { countOut in
                                    points.withUnsafeMutableBufferPointer { pointOut in
                                        for k in 0..<peakCount {
                                            let start = PeakIntegrator.firstIndex(in: m, notBelow: lo[k])
                                            let end = PeakIntegrator.firstIndex(in: m, above: up[k])
                                            pointOut[k] = max(0, end - start)
                                            guard end > start else { continue }
                                            var sumCounts = y[start]
                                            var area = 0.0
                                            var areaNormalized = 0.0
                                            var previousM = m[start]
                                            var previousY = y[start]
                                            var previousYN = previousY * inverseTIC
                                            var i = start + 1
                                            while i < end {
                                                let mi = m[i], yi = y[i]
                                                let yn = yi * inverseTIC
                                                let dm = mi - previousM
                                                area += dm * (previousY + yi) / 2
                                                areaNormalized += dm * (previousYN + yn) / 2
                                                sumCounts += yi
                                                previousM = mi; previousY = yi; previousYN = yn
                                                i += 1
                                            }
                                            rawOut[k] = area
                                            normOut[k] = areaNormalized
                                            countOut[k] = sumCounts
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return SpectrumPeakAreas(tic: tic, rawArea: raw, ticNormalizedArea: normalized, counts: counts, pointCounts: points)
    }

    /// Index of the first element `≥ value` in an ascending buffer (`count` when none).
    @inlinable static func firstIndex(in buffer: UnsafeBufferPointer<Double>, notBelow value: Double) -> Int {
        var low = 0, high = buffer.count
        while low < high {
            let mid = (low + high) >> 1
            if buffer[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Index of the first element `> value` in an ascending buffer (`count` when none).
    @inlinable static func firstIndex(in buffer: UnsafeBufferPointer<Double>, above value: Double) -> Int {
        var low = 0, high = buffer.count
        while low < high {
            let mid = (low + high) >> 1
            if buffer[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Checks that m/z ascends (non-strictly) and every value is finite; one pass over the data.
    /// - Throws: `SIMSError.malformed` naming the spectrum's source and the data point.
    public static func validate(_ spectrum: Spectrum) throws(SIMSError) {
        var badIndex = -1
        var reason = ""
        spectrum.mass.withUnsafeBufferPointer { m in
            spectrum.intensity.withUnsafeBufferPointer { y in
                var previous = -Double.infinity
                for i in 0..<m.count {
                    let mi = m[i]
                    if !mi.isFinite { badIndex = i; reason = "m/z is not a finite number"; return }
                    if mi < previous { badIndex = i; reason = "m/z values must ascend"; return }
                    if !y[i].isFinite { badIndex = i; reason = "intensity is not a finite number"; return }
                    previous = mi
                }
            }
        }
        if badIndex >= 0 {
            throw .malformed("spectrum cannot be integrated: \(reason) at data point \(badIndex + 1)",
                             file: spectrum.source, found: "m/z \(spectrum.mass[badIndex]), intensity \(spectrum.intensity[badIndex])",
                             expected: "ascending finite m/z and finite intensities")
        }
    }
}
