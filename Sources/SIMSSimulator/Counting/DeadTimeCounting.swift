#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SIMSAnalysis

/// Counting with a time-to-digital converter that registers at most one count per peak and pulse.
///
/// A peak with `trueCounts` ions arriving over N pulses (Poisson per pulse) is registered in a pulse with
/// probability 1 − exp(−true/N); the registered counts are Binomial(N, 1 − exp(−true/N)), with mean
/// N·(1 − exp(−true/N)) (Stephan, Zehnpfenning & Benninghoven, JVST A 12 (1994) 405) — the forward
/// direction of `SIMSAnalysis.DeadTimeLaw`, which the analyses invert.
public enum DeadTimeCounting {
    /// Expected registered counts: N·(1 − exp(−true/N)).
    @inlinable public static func expectedMeasured(trueCounts: Double, primaryPulses n: Double) -> Double {
        guard let law = try? DeadTimeLaw(primaryPulses: n) else { return 0 }
        return law.measuredCounts(fromTrue: trueCounts)
    }

    /// One random draw of the registered counts.
    @inlinable public static func measured(trueCounts: Double, primaryPulses n: Double, random: inout SimulationRandom) -> Double {
        guard trueCounts > 0, n >= 1 else { return 0 }
        return random.binomial(trials: n, probability: -expm1(-trueCounts / n))
    }
}
