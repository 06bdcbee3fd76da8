import Foundation

/// Axis scale.
public enum AxisScale: String, Sendable, Hashable, Codable {
    /// Linear.
    case linear
    /// Base-10 logarithmic (non-positive values are not drawn).
    case log
}

/// "Nice" axis ticks by the 1-2-5 rule (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990,
/// with steps restricted to 1, 2, 5 × 10ᵏ).
public enum NiceTicks {
    /// The smallest step of the form {1, 2, 5} × 10ᵏ that is ≥ `span / target`.
    public static func step(span: Double, target: Int) -> Double {
        let raw = span / Double(max(1, target))
        guard raw > 0, raw.isFinite else { return 1 }
        let exponent = floor(log10(raw))
        let base = pow(10, exponent)
        for m in [1.0, 2.0, 5.0, 10.0] where m * base >= raw * (1 - 1e-12) { return m * base }
        return 10 * base
    }

    /// Ticks for a linear axis showing `lower…upper`: the step from ``step(span:target:)``, the domain widened
    /// to whole steps, and every multiple of the step inside it.
    public static func linear(_ lower: Double, _ upper: Double, target: Int = 5) -> (domain: ClosedRange<Double>, ticks: [Double], step: Double) {
        var (lo, hi) = (min(lower, upper), max(lower, upper))
        if !lo.isFinite || !hi.isFinite { (lo, hi) = (0, 1) }
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            (lo, hi) = (lo - pad, hi + pad)
        }
        let s = step(span: hi - lo, target: target)
        let first = (lo / s).rounded(.down), last = (hi / s).rounded(.up)
        var ticks: [Double] = []
        var k = first
        while k <= last + 1e-9 && ticks.count < 1000 {
            let v = k * s
            ticks.append(abs(v) < s * 1e-9 ? 0 : v)
            k += 1
        }
        return (first * s ... last * s, ticks, s)
    }

    /// Ticks for a base-10 log axis over `lower…upper` (both > 0): the domain widened to whole decades;
    /// ticks at every decade, plus 2× and 5× when the axis spans fewer than three decades.
    public static func log(_ lower: Double, _ upper: Double) -> (domain: ClosedRange<Double>, ticks: [Double]) {
        var lo = min(lower, upper), hi = max(lower, upper)
        if !(lo > 0) || !lo.isFinite { lo = hi > 0 && hi.isFinite ? hi / 100 : 1 }
        if !(hi > 0) || !hi.isFinite { hi = lo * 100 }
        var e0 = floor(log10(lo)), e1 = ceil(log10(hi))
        if e0 == e1 { e0 -= 1; e1 += 1 }
        let decades = Int(e1 - e0)
        let stride = max(1, Int(ceil(Double(decades) / 8)))
        var ticks: [Double] = []
        var e = Int(e0)
        while e <= Int(e1) {
            ticks.append(pow(10, Double(e)))
            if decades < 3 && e < Int(e1) { ticks += [2 * pow(10, Double(e)), 5 * pow(10, Double(e))] }
            e += stride
        }
        return (pow(10, e0) ... pow(10, e1), ticks)
    }

    /// A tick label (``TextMarkup``) with just enough decimals for `step`: `0.25`, `1500`, `−3` (U+2212 minus);
    /// magnitudes from 10⁵ up or below 10⁻³, and steps below 10⁻⁴, as `2.5 × 10<sup>6</sup>` (2.5 × 10⁶),
    /// never `2.5e6`. Never prints `-0`.
    public static func label(_ value: Double, step: Double) -> String {
        label(value, step: step, scientific: usesPowers(abs(value), step: step))
    }

    /// Labels of the ticks of one axis, all in the same style: powers of ten when the largest magnitude
    /// calls for them (so `0.0005` never sits beside `1 × 10⁻³`), decimals otherwise.
    public static func labels(_ ticks: [Double], step: Double) -> [String] {
        let largest = ticks.map(abs).max() ?? 0
        let scientific = largest > 0 && usesPowers(largest, step: step)
        return ticks.map { label($0, step: step, scientific: scientific) }
    }

    private static func usesPowers(_ magnitude: Double, step: Double) -> Bool {
        magnitude >= 1e5 || magnitude < 1e-3 || abs(step) < 1e-4
    }

    private static func label(_ value: Double, step: Double, scientific: Bool) -> String {
        if value == 0 || abs(value) < abs(step) * 1e-9 { return "0" }
        let magnitude = abs(value)
        if scientific {
            let exponent = Int(floor(log10(magnitude) + 1e-12))
            let scale = pow(10, Double(exponent))
            let digits = max(0, min(6, Int(ceil(-log10(abs(step) / scale) - 1e-9))))
            let mantissa = String(format: "%.\(digits)f", value / scale)
            return minus(mantissa == "1" ? power(exponent) : mantissa == "-1" ? "-" + power(exponent) : mantissa + " × " + power(exponent))
        }
        let decimals = max(0, min(10, Int(ceil(-log10(abs(step)) - 1e-9))))
        return minus(String(format: "%.\(decimals)f", value))
    }

    /// Label of a log-axis tick: plain for 0.001 … 10000, else `10<sup>−5</sup>` or `2 × 10<sup>6</sup>`.
    public static func logLabel(_ value: Double) -> String {
        let e = log10(value)
        if value >= 1e-3 && value < 1e5 {
            return label(value, step: pow(10, floor(e + 1e-9)))
        }
        let exponent = Int(floor(e + 1e-9))
        let mantissa = value / pow(10, Double(exponent))
        let m = (mantissa * 10).rounded() / 10
        if m == 1 { return power(exponent) }
        return (m == m.rounded() ? String(Int(m)) : String(format: "%.1f", m)) + " × " + power(exponent)
    }

    /// `10<sup>n</sup>` with a typographic minus.
    static func power(_ exponent: Int) -> String { "10<sup>" + minus(String(exponent)) + "</sup>" }

    /// Replaces hyphen-minus with the minus sign U+2212.
    static func minus(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "\u{2212}") }
}
