#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Saturation read from an IONTOF mass interval list that carries both `Area` (dead-time corrected) and
/// `Uncorrected Area` (registered counts): no N is needed.
///
/// The ratio r = Area/Uncorrected ≥ 1 is the correction factor. Under the per-peak law
/// `corrected = −N ln(1 − I/N)` (Stephan, Zehnpfenning & Benninghoven, JVST A 12 (1994) 405) it fixes the
/// equivalent saturation fraction x = I/N as the root of `−ln(1 − x)/x = r`. IONTOF corrects per channel,
/// so x is an *equivalent* per-peak fraction; the counting loss `1 − 1/r` is exact from the file.
public struct IntervalListSaturation: Sendable, Hashable {
    /// Dead-time corrected counts (IONTOF "Area").
    public var area: Double
    /// Registered counts (IONTOF "Uncorrected Area").
    public var uncorrectedArea: Double
    /// Correction factor Area/Uncorrected Area.
    public var ratio: Double { area / uncorrectedArea }
    /// Fraction of the true counts lost to dead time, 1 − 1/ratio.
    public var countingLoss: Double { 1 - uncorrectedArea / area }
    /// Equivalent per-peak saturation fraction I/N.
    public var equivalentFraction: Double
    /// Saturation level of ``equivalentFraction``.
    public var level: SaturationLevel { SaturationLevel(fraction: equivalentFraction) }

    /// Reads the `Area` and `Uncorrected Area` values of `peak`; `nil` when either is missing, not positive,
    /// or Area < Uncorrected Area (no dead-time correction in the file).
    public init?(peak: Peak) {
        guard let area = peak.values["Area"], let uncorrected = peak.values["Uncorrected Area"] else { return nil }
        self.init(area: area, uncorrectedArea: uncorrected)
    }

    /// Creates the saturation from corrected and registered counts; `nil` when they are not usable.
    public init?(area: Double, uncorrectedArea: Double) {
        guard area.isFinite, uncorrectedArea.isFinite, uncorrectedArea > 0, area >= uncorrectedArea else { return nil }
        self.area = area
        self.uncorrectedArea = uncorrectedArea
        equivalentFraction = IntervalListSaturation.fraction(forRatio: area / uncorrectedArea)
    }

    /// The x in [0, 1) with −ln(1 − x)/x = r (r ≥ 1; r = 1 ↔ x = 0), by bisection (the left side increases
    /// monotonically from 1 at x → 0 to ∞ at x → 1).
    public static func fraction(forRatio r: Double) -> Double {
        guard r > 1 else { return 0 }
        var low = 0.0, high = 1.0
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if mid == low || mid == high { break }
            let value = -log1p(-mid) / mid
            if value < r { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }
}
