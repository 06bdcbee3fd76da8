#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns expected true ion counts of spectral lines into a measured time-of-flight spectrum:
/// Gaussian peaks on IONTOF's channel axis, a flat background, detector dead time and counting noise.
///
/// Per exported bin b (``MassAnalyzer/binning`` channels) the expected true counts λ_b are the
/// Gaussian integrals of all lines over the bin plus the background. The TDC registers at most one count
/// per pulse and is blind for τ (``MassAnalyzer/deadTimeNanoseconds``) after a count, so the
/// probability per pulse of a count in bin b is p_b = exp(−S_b/N)·(1 − exp(−λ_b/N)), with S_b the
/// true counts in the bins of the preceding τ and N the number of primary pulses. For an isolated peak
/// narrower than τ the sum over its bins telescopes to the law N·(1 − exp(−Λ/N)) of Stephan,
/// Zehnpfenning & Benninghoven (JVST A 12 (1994) 405). Counts are drawn as Binomial(N, p_b).
public struct SpectrumSynthesizer: Sendable {
    /// The analyser.
    public var analyzer: MassAnalyzer

    /// Creates a synthesizer.
    public init(analyzer: MassAnalyzer = MassAnalyzer()) { self.analyzer = analyzer }

    /// The exported channel bins: first channel of bin 0 and the number of bins.
    public var bins: (firstChannel: Int, count: Int) {
        let b = analyzer.binning
        let start = max(0, Int((analyzer.scale.channel(ofMass: analyzer.massRange.lowerBound) / Double(b)).rounded(.down))) * b
        let end = Int(analyzer.scale.channel(ofMass: analyzer.massRange.upperBound).rounded(.up))
        return (start, max(1, (end - start + b - 1) / b))
    }

    /// Expected true (dead-time-free, noise-free) counts per bin for `lines` with `trueCounts` ions
    /// each, plus the background for `primaryPulses` pulses.
    public func expectedTrueCounts(lines: [SpectralLine], trueCounts: [Double], primaryPulses: Double) -> ContiguousArray<Double> {
        precondition(lines.count == trueCounts.count, "one count per line")
        let (first, count) = bins
        let b = Double(analyzer.binning)
        var lambda = ContiguousArray<Double>(repeating: analyzer.backgroundPerChannelPerPulse * primaryPulses * b, count: count)
        let sigma = analyzer.peakWidthChannels / (8 * log(2)).squareRoot()
        let inverse = 1 / (sigma * 2.0.squareRoot())
        lambda.withUnsafeMutableBufferPointer { out in
            for (line, total) in zip(lines, trueCounts) where total > 0 {
                let t = analyzer.scale.channel(ofMass: line.mass)
                let lo = max(0, Int(((t - 7 * sigma - Double(first)) / b).rounded(.down)))
                let hi = min(count - 1, Int(((t + 7 * sigma - Double(first)) / b).rounded(.down)))
                guard lo <= hi else { continue }
                // Φ(edge) via erfc keeps precision in both tails.
                var previous = 0.5 * erfc(-(Double(first) + Double(lo) * b - t) * inverse)
                for i in lo...hi {
                    let edge = Double(first) + Double(i + 1) * b
                    let cdf = 0.5 * erfc(-(edge - t) * inverse)
                    out[i] += total * (cdf - previous)
                    previous = cdf
                }
            }
        }
        return lambda
    }

    /// Registration probability per pulse of every bin for expected true counts `lambda` (see the type's
    /// documentation); multiply by N for the expected measured counts.
    public func registrationProbabilities(_ lambda: ContiguousArray<Double>, primaryPulses n: Double) -> ContiguousArray<Double> {
        let window = max(1, Int((analyzer.deadTimeChannels / Double(analyzer.binning)).rounded()))
        var p = ContiguousArray<Double>(repeating: 0, count: lambda.count)
        lambda.withUnsafeBufferPointer { l in
            p.withUnsafeMutableBufferPointer { out in
                var running = 0.0
                for i in 0..<l.count {
                    if i - window - 1 >= 0 { running -= l[i - window - 1] }
                    let preceding = max(0, running)
                    out[i] = exp(-preceding / n) * -expm1(-l[i] / n)
                    running += l[i]
                }
            }
        }
        return p
    }

    /// A measured spectrum for `lines` with `trueCounts` expected true ions each over `primaryPulses`
    /// pulses, with counting noise from `random`.
    ///
    /// The spectrum carries IONTOF's export header (`Binning`, `Deadtime Correction: off`: the counts are
    /// as registered, not corrected) and the channel of every bin centre.
    public func spectrum(lines: [SpectralLine], trueCounts: [Double], primaryPulses: Double,
                         random: inout SimulationRandom) -> Spectrum {
        let lambda = expectedTrueCounts(lines: lines, trueCounts: trueCounts, primaryPulses: primaryPulses)
        let p = registrationProbabilities(lambda, primaryPulses: primaryPulses)
        let (first, count) = bins
        let b = analyzer.binning
        var mass = ContiguousArray<Double>(repeating: 0, count: count)
        var channel = ContiguousArray<Double>(repeating: 0, count: count)
        var intensity = ContiguousArray<Double>(repeating: 0, count: count)
        for i in 0..<count {
            let c = Double(first + i * b) + Double(b) / 2
            channel[i] = c
            mass[i] = analyzer.scale.mass(atChannel: c)
            intensity[i] = random.binomial(trials: primaryPulses, probability: p[i])
        }
        let metadata: Metadata = ["Binning": "\(b) channels", "Deadtime Correction": "off"]
        return Spectrum(mass: mass, intensity: intensity, channel: channel, metadata: metadata)
    }
}
