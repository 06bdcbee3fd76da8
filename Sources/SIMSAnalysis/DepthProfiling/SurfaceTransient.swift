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
/// belongs to the transient while its raw count stands out from the level of the cycles that follow it (the
/// median of the next ``InterfaceDetector/minimumSegmentCycles`` cycles) — above it (a ``Kind/spike``) or
/// below it (a ``Kind/dip``), in the same direction as the cycles before it — by at least
/// ``InterfaceDetector/minimumRelativeChange`` of the larger value and ``InterfaceDetector/minimumSignificance``
/// Poisson standard errors, within the first ``InterfaceDetector/surfaceTransientFraction`` of the sputter
/// time. A genuine top layer is not a transient: its first cycles are at the level of the cycles after
/// them. A layer thinner than ``InterfaceDetector/minimumSegmentCycles`` cycles at the surface cannot be told
/// from a transient; it is reported as one rather than as an interface of width 0.
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
    /// The level the profile settles to right after the transient: the median of the next
    /// ``InterfaceDetector/minimumSegmentCycles`` cycles (counts per cycle).
    public var levelAfter: Double
    /// The extreme of the rest of the profile on the same side (its maximum for a spike, its minimum for a
    /// dip), in counts per cycle.
    public var restLevel: Double

    /// Creates a transient record.
    public init(ion: String, kind: Kind, cycleCount: Int, endTime: Double, extremeLevel: Double, levelAfter: Double, restLevel: Double) {
        self.ion = ion
        self.kind = kind
        self.cycleCount = cycleCount
        self.endTime = endTime
        self.extremeLevel = extremeLevel
        self.levelAfter = levelAfter
        self.restLevel = restLevel
    }

    /// The transient's extreme relative to the rest's extreme on the same side; `nil` when that is 0. Above 1
    /// for a spike (below 1 for a dip), the transient lies outside everything after it and, left in, would
    /// set the range in which interfaces are looked for.
    public var magnitude: Double? { restLevel > 0 ? extremeLevel / restLevel : nil }
}

extension InterfaceDetector {
    /// The surface transient of `signal` (one raw count per cycle) over `time` (s), or `nil` when the
    /// first cycle already lies within the range of the rest of the profile. See ``SurfaceTransient``.
    public func surfaceTransient(time: ContiguousArray<Double>, signal: ContiguousArray<Double>, ion: String) -> SurfaceTransient? {
        let n = min(time.count, signal.count)
        let following = max(1, minimumSegmentCycles)
        guard n >= 2 * following + 1 else { return nil }
        let values = ContiguousArray(signal.prefix(n).map { $0.isFinite ? $0 : 0 })
        let limit = time[0] + surfaceTransientFraction * (time[n - 1] - time[0])
        var maxCycles = 0
        while maxCycles < n - 2 * following, time[maxCycles] <= limit { maxCycles += 1 }
        maxCycles = max(1, maxCycles)
        func levelAfter(_ i: Int) -> Double { median(values, (i + 1)...(i + following)) }
        var kind: SurfaceTransient.Kind?
        var count = 0
        while count < maxCycles {
            let value = values[count], level = levelAfter(count)
            let next: SurfaceTransient.Kind
            if value > level, stands(value, over: level) {
                next = .spike
            } else if value < level, stands(level, over: value) {
                next = .dip
            } else {
                break
            }
            if let kind, kind != next { break }
            kind = next
            count += 1
        }
        guard let kind, count > 0 else { return nil }
        let transient = values.prefix(count), rest = values.dropFirst(count)
        return SurfaceTransient(
            ion: ion, kind: kind, cycleCount: count, endTime: time[count],
            extremeLevel: kind == .spike ? transient.max()! : transient.min()!,
            levelAfter: median(values, count...(count + following - 1)),
            restLevel: kind == .spike ? rest.max()! : rest.min()!)
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
