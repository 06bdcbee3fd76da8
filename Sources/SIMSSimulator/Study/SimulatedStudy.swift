/// The result of ``simulateStudy(_:seed:catalog:progress:)``: one measured spectrum per spot and polarity, and
/// the truth behind each.
public struct SimulatedStudy: Sendable {
    /// One spectrum of one spot in one polarity, with its ground truth.
    public struct Spot: Sendable {
        /// Sample name.
        public var sample: String
        /// Spot name (`<N|P>_<sample>_<primary ion>_<k>`, like real IONTOF exports).
        public var name: String
        /// 1-based spot number within the sample.
        public var number: Int
        /// Polarity.
        public var polarity: Polarity
        /// The measured (dead-time limited, noisy) spectrum.
        public var spectrum: Spectrum
        /// True area fraction of every phase in the analysed area.
        public var phaseFractions: [Phase: Double]
        /// Overall yield factor of the spot (topography, tilt, charging), multiplying all counts.
        public var yieldScale: Double
        /// Expected true (dead-time-free, noise-free) counts per line, in line-model order.
        public var trueCounts: [Double]
        /// Expected registered counts per line from the peak dead-time law N·(1 − exp(−true/N)).
        public var expectedMeasuredCounts: [Double]
        /// Primary pulses N of the spectrum.
        public var primaryPulses: Double
    }

    /// The design that was simulated.
    public var design: StudyDesign
    /// The seed.
    public var seed: UInt64
    /// The line model of each polarity.
    public var lineModels: [Polarity: LineModel]
    /// All spots, by polarity, sample, then spot number.
    public var spots: [Spot]

    /// The spots of one polarity.
    public func spots(polarity: Polarity) -> [Spot] { spots.filter { $0.polarity == polarity } }

    /// The spots of one sample in one polarity.
    public func spots(sample: String, polarity: Polarity) -> [Spot] {
        spots.filter { $0.sample == sample && $0.polarity == polarity }
    }

    /// A mass interval list for `polarity`: one interval per main-isotopologue line plus the minor
    /// isotopologues whose abundance is at least `minimumAbundance`, centre ± 1.5 FWHM, in mass order; only lines
    /// inside the analyser's mass range.
    public func peakList(polarity: Polarity, minimumAbundance: Double = 0.05) -> PeakList {
        guard let model = lineModels[polarity] else { return PeakList(peaks: []) }
        var peaks: [Peak] = []
        let range = design.analyzer.massRange
        for line in model.lines where (line.isMain || line.abundance >= minimumAbundance) && range.contains(line.mass) {
            peaks.append(Peak(index: peaks.count + 1, assignment: line.ion, description: line.fragment,
                              interval: design.analyzer.interval(atMass: line.mass)))
        }
        return PeakList(peaks: peaks)
    }
}
