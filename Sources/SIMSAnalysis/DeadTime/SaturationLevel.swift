/// How strongly a peak (or channel) saturates the detector, from the fraction `I/N` of primary pulses
/// that registered a count.
///
/// Thresholds: above 0.1 the dead-time loss exceeds ~5 % (`1 − (1−e^(−λ))/λ` at I/N = 0.1 is 5.2 %) and the
/// peak is **flagged**; above 0.5 the inverse law amplifies counting noise strongly (d true/d measured =
/// 1/(1 − I/N) ≥ 2) and the value is **unreliable** (Stephan, Zehnpfenning & Benninghoven,
/// JVST A 12 (1994) 405; Lombardo et al., JVST A 41, 053207 (2023), Sec. III).
public enum SaturationLevel: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// I/N ≤ 0.1: counting losses are small.
    case ok
    /// 0.1 < I/N ≤ 0.5: correct for dead time; exclude from the TIC or use the corrected TIC.
    case flagged
    /// I/N > 0.5 (or ≥ 1): do not compare this peak between samples; remeasure with a lower current or EDR.
    case unreliable

    /// Fraction above which a peak is flagged.
    public static let flagThreshold = 0.1
    /// Fraction above which a peak is unreliable.
    public static let unreliableThreshold = 0.5

    /// The level of a saturation fraction `I/N` (dimensionless).
    @inlinable public init(fraction: Double) {
        if !(fraction <= SaturationLevel.unreliableThreshold) { self = .unreliable }  // NaN counts as unreliable
        else if fraction > SaturationLevel.flagThreshold { self = .flagged }
        else { self = .ok }
    }

    public static func < (lhs: SaturationLevel, rhs: SaturationLevel) -> Bool {
        let order: [SaturationLevel] = [.ok, .flagged, .unreliable]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}
