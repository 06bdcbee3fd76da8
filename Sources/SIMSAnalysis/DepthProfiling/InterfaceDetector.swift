/// Finds the interfaces in one ion's depth profile (estimator shape: configure, then ``detect(time:signal:ion:)``).
///
/// Method:
/// 0. The surface transient (``SurfaceTransient``: leading cycles outside the range of all later cycles) is
///    excluded: it is reported on its own by ``surfaceTransient(time:signal:ion:)`` and interfaces are found
///    on the rest, so an edge below the transient's level is not hidden by it.
/// 1. The signal is smoothed with a centred moving average of ``smoothingWindow`` cycles (for detection only).
/// 2. Hysteresis on the signal scaled to its own range (switch high above ``upperThreshold``, low below
///    ``lowerThreshold``) splits the profile into high and low segments; each switch is a candidate interface.
/// 3. The plateau on each side is the median of the central half of the neighbouring segment; a candidate whose plateau contrast
///    is below ``minimumContrast`` of the signal range, below ``minimumRelativeChange`` of the higher
///    plateau, or not significant under Poisson statistics (``minimumSignificance``), is dropped.
/// 4. Position = 50 % crossing between the plateaus, width = distance of the 16 % and 84 % crossings, both by
///    linear interpolation between cycles. The moving average broadens an edge by the boxcar's variance
///    (w² − 1)/12 cycles²; it is subtracted so the reported width is that of the measured signal:
///    w₁₆₋₈₄ = 2·√(σ_s² − (w² − 1)Δt²/12) with σ_s = half the smoothed 16–84 % distance.
public struct InterfaceDetector: Sendable {
    /// Moving-average window in cycles used for detection (odd; 1 = none).
    public var smoothingWindow: Int = 3
    /// Scaled level above which the signal counts as high.
    public var upperThreshold: Double = 0.6
    /// Scaled level below which the signal counts as low.
    public var lowerThreshold: Double = 0.4
    /// Minimum plateau difference as a fraction of the signal's range.
    public var minimumContrast: Double = 0.3
    /// Minimum plateau difference relative to the higher plateau (a 1 % wiggle on a flat signal is no interface).
    public var minimumRelativeChange: Double = 0.25
    /// Minimum significance of the plateau difference under Poisson counting statistics, in standard errors:
    /// |m₁ − m₂| / √(m₁/n₁ + m₂/n₂) with segment means m and lengths n (signal in counts per cycle). Steps in
    /// ions recorded at a few counts per cycle are noise, not interfaces. Set to 0 for signals that are not counts.
    public var minimumSignificance: Double = 5
    /// Minimum number of cycles a high or low segment must last.
    public var minimumSegmentCycles: Int = 3
    /// Longest possible surface transient, as a share of the sputter time (see ``SurfaceTransient``).
    public var surfaceTransientFraction: Double = 0.05

    /// Creates a detector with default settings.
    public init() {}

    /// The interfaces of `signal` (one value per cycle) over `time` (s) after its surface transient, in time order.
    public func detect(time: ContiguousArray<Double>, signal: ContiguousArray<Double>, ion: String) -> [Interface] {
        let skip = surfaceTransient(time: time, signal: signal, ion: ion)?.cycleCount ?? 0
        guard skip > 0 else { return detectOnWholeSignal(time: time, signal: signal, ion: ion) }
        return detectOnWholeSignal(time: ContiguousArray(time.dropFirst(skip)), signal: ContiguousArray(signal.dropFirst(skip)), ion: ion)
            .map { interface in
                var shifted = interface
                shifted.cycleIndex += skip
                return shifted
            }
    }

    /// Steps 1–4 on every cycle of `signal`.
    func detectOnWholeSignal(time: ContiguousArray<Double>, signal: ContiguousArray<Double>, ion: String) -> [Interface] {
        let n = min(time.count, signal.count)
        guard n >= 2 * minimumSegmentCycles else { return [] }
        let clean = ContiguousArray(signal.prefix(n).map { $0.isFinite ? $0 : 0 })
        let window = max(1, smoothingWindow | 1)
        let smooth = (try? ProfileSmoothing.movingAverage(window: window).apply(to: clean)) ?? clean
        guard let low = smooth.min(), let high = smooth.max(), high > low else { return [] }
        let range = high - low

        // Hysteresis segmentation.
        var segments: [(start: Int, end: Int, high: Bool)] = []
        var state = (smooth[0] - low) / range > 0.5
        var start = 0
        for i in 1..<n {
            let r = (smooth[i] - low) / range
            if state && r < lowerThreshold || !state && r > upperThreshold {
                segments.append((start, i - 1, state))
                state.toggle()
                start = i
            }
        }
        segments.append((start, n - 1, state))
        // Merge segments that are too short into their predecessor.
        var merged: [(start: Int, end: Int, high: Bool)] = []
        for segment in segments {
            if let last = merged.last, segment.end - segment.start + 1 < minimumSegmentCycles || last.high == segment.high {
                merged[merged.count - 1].end = segment.end
            } else {
                merged.append(segment)
            }
        }
        // A short first segment that was merged may leave equal neighbours; fold them.
        var folded: [(start: Int, end: Int, high: Bool)] = []
        for segment in merged {
            if let last = folded.last, last.high == segment.high { folded[folded.count - 1].end = segment.end } else { folded.append(segment) }
        }

        var interfaces: [Interface] = []
        for k in 1..<max(folded.count, 1) where folded.count > 1 {
            let before = median(smooth, core(folded[k - 1].start...folded[k - 1].end))
            let after = median(smooth, core(folded[k].start...folded[k].end))
            guard abs(after - before) >= minimumContrast * range,
                  abs(after - before) >= minimumRelativeChange * max(abs(before), abs(after)),
                  significance(clean, folded[k - 1].start...folded[k - 1].end, folded[k].start...folded[k].end) >= minimumSignificance
            else { continue }
            let searchRange = folded[k - 1].start...folded[k].end
            let centre = folded[k].start
            guard let t50 = crossing(time, smooth, level: before + 0.5 * (after - before), near: centre, in: searchRange),
                  let t16 = crossing(time, smooth, level: before + 0.16 * (after - before), near: centre, in: searchRange),
                  let t84 = crossing(time, smooth, level: before + 0.84 * (after - before), near: centre, in: searchRange)
            else { continue }
            let dt = meanStep(time, around: t50.index, n: n)
            let sigmaSmooth = abs(t84.time - t16.time) / 2
            let boxcarVariance = Double(window * window - 1) / 12 * dt * dt
            let width = 2 * (max(0, sigmaSmooth * sigmaSmooth - boxcarVariance)).squareRoot()
            interfaces.append(Interface(
                ion: ion, direction: after > before ? .rising : .falling, time: t50.time, width: width,
                levelBefore: before, levelAfter: after, cycleIndex: t50.index))
        }
        return interfaces
    }

    /// The crossing of `level` closest to index `near` within `range`, interpolated linearly in time.
    func crossing(_ time: ContiguousArray<Double>, _ s: ContiguousArray<Double>, level: Double, near: Int,
                  in range: ClosedRange<Int>) -> (time: Double, index: Int)? {
        var best: (time: Double, index: Int, distance: Int)?
        for i in range.lowerBound..<range.upperBound {
            let a = s[i] - level, b = s[i + 1] - level
            guard a == 0 || a * b < 0 else { continue }
            let fraction = a == 0 ? 0 : a / (a - b)
            let t = time[i] + fraction * (time[i + 1] - time[i])
            let distance = abs(i - near)
            if best == nil || distance < best!.distance { best = (t, i, distance) }
        }
        return best.map { ($0.time, $0.index) }
    }

    /// Poisson z-score of the difference of the mean counts of two segments.
    func significance(_ values: ContiguousArray<Double>, _ a: ClosedRange<Int>, _ b: ClosedRange<Int>) -> Double {
        let na = Double(a.count), nb = Double(b.count)
        let ma = values[a].reduce(0, +) / na, mb = values[b].reduce(0, +) / nb
        let standardError = (max(ma, 0) / na + max(mb, 0) / nb).squareRoot()
        return standardError > 0 ? abs(ma - mb) / standardError : (ma == mb ? 0 : .infinity)
    }

    /// The central half of a segment: its ends belong to the neighbouring interfaces' tails, which would
    /// pull the plateau estimate towards them (and the 16/84 % levels with it) when a layer is thin.
    func core(_ range: ClosedRange<Int>) -> ClosedRange<Int> {
        let quarter = range.count / 4
        return (range.lowerBound + quarter)...(range.upperBound - quarter)
    }

    func median(_ values: ContiguousArray<Double>, _ range: ClosedRange<Int>) -> Double {
        let sorted = values[range].sorted()
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    }

    func meanStep(_ time: ContiguousArray<Double>, around index: Int, n: Int) -> Double {
        let lo = max(0, index - 2), hi = min(n - 1, index + 3)
        return hi > lo ? (time[hi] - time[lo]) / Double(hi - lo) : 0
    }
}
