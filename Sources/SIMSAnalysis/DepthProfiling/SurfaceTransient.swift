/// The first cycles of one ion's depth profile that are not at sputter equilibrium: the surface transient.
///
/// The first analyses of a dual-beam depth profile see an unsputtered surface (adsorbates, contamination,
/// a surface without the implanted primary ions that set the ionization probability), so their yields are
/// not those of the material below — the paper's "until a sputter equilibrium is reached" (Lombardo et al.,
/// JVST A 41 (2023) 053207, Sec. II; Wilson, Stevie & Magee, *Secondary Ion Mass Spectrometry*, Wiley
/// 1989: the pre-equilibrium surface region). Such a transient can be tens of times stronger than anything
/// below it; left in, it sets the range that interface detection scales by and hides every later edge.
///
/// Rule (``InterfaceDetector/surfaceTransient(time:signal:ion:)``): starting at the first cycle, a cycle
/// belongs to the transient while its raw count lies outside the range of every later cycle — above their
/// maximum (a ``Kind/spike``) or below their minimum (a ``Kind/dip``) — by at least
/// ``InterfaceDetector/minimumRelativeChange`` of the larger value and ``InterfaceDetector/minimumSignificance``
/// Poisson standard errors, within the first ``InterfaceDetector/surfaceTransientFraction`` of the sputter
/// time. A genuine top layer is not a transient: its plateau is within the range of the cycles after it.
public struct SurfaceTransient: Sendable, Equatable, Codable {
    /// Whether the transient lies above or below the rest of the profile.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// Leading cycles above every later cycle (surface contamination, an enhanced surface yield).
        case spike
        /// Leading cycles below every later cycle (a yield suppressed until equilibrium).
        case dip
    }

    /// The ion (column name).
    public var ion: String
    /// Spike or dip.
    public var kind: Kind
    /// Number of leading cycles in the transient (≥ 1).
    public var cycleCount: Int
    /// Sputter time of the first cycle after the transient, in s: where interface detection starts.
    public var endTime: Double
    /// The most extreme raw value inside the transient (counts per cycle).
    public var extremeLevel: Double
    /// The extreme of the rest of the profile on the same side (its maximum for a spike, its minimum for a
    /// dip), in counts per cycle.
    public var restLevel: Double

    /// Creates a transient record.
    public init(ion: String, kind: Kind, cycleCount: Int, endTime: Double, extremeLevel: Double, restLevel: Double) {
        self.ion = ion
        self.kind = kind
        self.cycleCount = cycleCount
        self.endTime = endTime
        self.extremeLevel = extremeLevel
        self.restLevel = restLevel
    }

    /// The transient's extreme relative to the rest's extreme on the same side (> 1 for a spike, < 1 for a
    /// dip); `nil` when the rest's extreme is 0 (a spike over a profile that is empty afterwards).
    public var magnitude: Double? { restLevel > 0 ? extremeLevel / restLevel : nil }
}

extension InterfaceDetector {
    /// The surface transient of `signal` (one raw count per cycle) over `time` (s), or `nil` when the
    /// first cycle already lies within the range of the rest of the profile. See ``SurfaceTransient``.
    public func surfaceTransient(time: ContiguousArray<Double>, signal: ContiguousArray<Double>, ion: String) -> SurfaceTransient? {
        let n = min(time.count, signal.count)
        guard n >= 2 * minimumSegmentCycles + 1 else { return nil }
        let values = ContiguousArray(signal.prefix(n).map { $0.isFinite ? $0 : 0 })
        let limit = time[0] + surfaceTransientFraction * (time[n - 1] - time[0])
        var maxCycles = 0
        while maxCycles < n - 2 * minimumSegmentCycles, time[maxCycles] <= limit { maxCycles += 1 }
        maxCycles = max(1, maxCycles)
        // Extremes of every suffix: the range of the cycles after cycle i is suffix[i + 1].
        var suffixMax = ContiguousArray<Double>(repeating: 0, count: n + 1)
        var suffixMin = ContiguousArray<Double>(repeating: 0, count: n + 1)
        suffixMax[n] = -.infinity
        suffixMin[n] = .infinity
        for i in stride(from: n - 1, through: 0, by: -1) {
            suffixMax[i] = max(values[i], suffixMax[i + 1])
            suffixMin[i] = min(values[i], suffixMin[i + 1])
        }
        var kind: SurfaceTransient.Kind?
        var count = 0
        while count < maxCycles {
            let value = values[count], high = suffixMax[count + 1], low = suffixMin[count + 1]
            let next: SurfaceTransient.Kind
            if value > high, stands(value, over: high) {
                next = .spike
            } else if value < low, stands(low, over: value) {
                next = .dip
            } else {
                break
            }
            if let kind, kind != next { break }
            kind = next
            count += 1
        }
        guard let kind, count > 0 else { return nil }
        let transient = values.prefix(count)
        return SurfaceTransient(
            ion: ion, kind: kind, cycleCount: count, endTime: time[count],
            extremeLevel: kind == .spike ? transient.max()! : transient.min()!,
            restLevel: kind == .spike ? suffixMax[count] : suffixMin[count])
    }

    /// Whether count `a` exceeds count `b` by the relative and Poisson criteria of an interface.
    private func stands(_ a: Double, over b: Double) -> Bool {
        let difference = a - b
        guard difference >= minimumRelativeChange * abs(a) else { return false }
        guard minimumSignificance > 0 else { return true }
        let standardError = (max(a, 0) + max(b, 0)).squareRoot()
        return standardError > 0 && difference / standardError >= minimumSignificance
    }
}
