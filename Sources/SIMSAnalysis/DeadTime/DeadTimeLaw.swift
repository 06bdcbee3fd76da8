#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The dead-time law of a time-to-digital converter (TDC) that registers at most one count per
/// mass channel (or per peak) and primary-ion pulse.
///
/// With `N` primary pulses contributing and Poisson-distributed arrivals of mean `λ = true/N` per pulse,
/// the probability of at least one count per pulse is `1 − e^(−λ)`, so
///
/// - forward (what the detector registers): `measured = N · (1 − e^(−true/N))`
/// - inverse (the correction):              `true = −N · ln(1 − measured/N)`
///
/// Reference: T. Stephan, J. Zehnpfenning, A. Benninghoven, "Correction of dead time effects in
/// time-of-flight mass spectrometry", J. Vac. Sci. Technol. A 12 (1994) 405–410; the paper's
/// Lombardo et al., JVST A 41, 053207 (2023) names the law for detector saturation.
///
/// All counts are in ions (counts); `N` is a number of pulses (dimensionless).
///
/// ```swift
/// let law = try DeadTimeLaw(primaryPulses: 256 * 256 * 50)
/// let corrected = try law.trueCounts(fromMeasured: 1.2e6)
/// ```
public struct DeadTimeLaw: Sendable, Hashable, Codable {
    /// Number of primary pulses that contribute to the counted signal: N = scans × shots per pixel × pixels.
    public let primaryPulses: Double

    /// Creates the law for `primaryPulses` pulses.
    /// - Throws: `SIMSError.invalidArgument` when `primaryPulses` is not finite and positive.
    public init(primaryPulses: Double) throws(SIMSError) {
        guard primaryPulses.isFinite, primaryPulses > 0 else {
            throw .invalidArgument("the number of primary pulses N must be a positive finite number",
                                   found: "\(primaryPulses)", expected: "N > 0")
        }
        self.primaryPulses = primaryPulses
    }

    /// Creates the law from the acquisition: N = scans × shots per pixel × pixels (raster width × height).
    /// - Throws: `SIMSError.invalidArgument` when any factor is missing or not positive.
    public init(scans: Int, shotsPerPixel: Int, pixels: Int) throws(SIMSError) {
        guard scans > 0, shotsPerPixel > 0, pixels > 0 else {
            throw .invalidArgument("scans, shots per pixel and pixels must all be positive to compute N",
                                   found: "scans \(scans), shots/pixel \(shotsPerPixel), pixels \(pixels)",
                                   expected: "positive integers")
        }
        try self.init(primaryPulses: Double(scans) * Double(shotsPerPixel) * Double(pixels))
    }

    /// Creates the law from acquisition parameters, or returns `nil` when N cannot be computed from them.
    public init?(acquisition: Acquisition) {
        guard let n = acquisition.primaryPulses, n.isFinite, n > 0 else { return nil }
        self.primaryPulses = n
    }

    /// Expected registered counts for `trueCounts` arriving ions: `N · (1 − e^(−true/N))`.
    ///
    /// Uses `expm1` so that small rates keep full precision. `trueCounts` must be ≥ 0.
    @inlinable public func measuredCounts(fromTrue trueCounts: Double) -> Double {
        -primaryPulses * expm1(-trueCounts / primaryPulses)
    }

    /// Dead-time corrected counts from registered counts: `−N · ln(1 − measured/N)`.
    ///
    /// Uses `log1p` for precision at low saturation.
    /// - Throws: `SIMSError.invalidArgument` when `measured ≥ N` (the detector registered a count in every
    ///   pulse: the true intensity cannot be recovered) or `measured` is negative or not finite.
    @inlinable public func trueCounts(fromMeasured measured: Double) throws(SIMSError) -> Double {
        guard measured.isFinite, measured >= 0 else {
            throw .invalidArgument("measured counts must be a finite non-negative number",
                                   found: "\(measured)", expected: "0 ≤ counts < N = \(primaryPulses)")
        }
        guard measured < primaryPulses else {
            throw SIMSError(.numerical,
                            "measured counts reach the number of primary pulses N: the detector is fully saturated and the dead-time correction is undefined",
                            found: "\(measured) counts, N = \(primaryPulses)", expected: "counts < N")
        }
        return -primaryPulses * log1p(-measured / primaryPulses)
    }

    /// Saturation fraction `I/N` of `measured` counts (the mean number of registered counts per pulse).
    @inlinable public func saturationFraction(ofMeasured measured: Double) -> Double { measured / primaryPulses }

    /// The saturation level of `measured` counts (see ``SaturationLevel``).
    @inlinable public func saturationLevel(ofMeasured measured: Double) -> SaturationLevel {
        SaturationLevel(fraction: saturationFraction(ofMeasured: measured))
    }

    /// Corrects every channel of `counts` in place (per-channel correction, Stephan et al. 1994).
    /// - Throws: on the first channel whose counts reach N; `counts` is then left unchanged.
    public func correct(_ counts: inout ContiguousArray<Double>) throws(SIMSError) {
        var result = counts
        let n = primaryPulses
        var failedIndex = -1
        result.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices {
                let m = buffer[i]
                guard m.isFinite, m >= 0, m < n else { failedIndex = i; return }
                buffer[i] = -n * log1p(-m / n)
            }
        }
        if failedIndex >= 0 {
            do { _ = try trueCounts(fromMeasured: counts[failedIndex]) } catch {
                var described = error
                described.message += " (data point \(failedIndex + 1))"
                throw described
            }
        }
        counts = result
    }
}
