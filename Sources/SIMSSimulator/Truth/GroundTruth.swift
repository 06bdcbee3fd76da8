/// The ground truth written next to simulated files as `truth.json` (see docs/simulator.md for the schema).
///
/// Every section is optional: a preset fills the ones it simulated.
public struct GroundTruth: Sendable, Codable, Equatable {
    /// Schema version of this file.
    public var schema = 1
    /// Generator (`SIMSKit <version>`).
    public var generator: String
    /// Preset name.
    public var preset: String
    /// The seed.
    public var seed: UInt64
    /// Phase labels used in maps: raw value → name.
    public var phaseLegend: [String: String] = Dictionary(uniqueKeysWithValues: Phase.allCases.map { ("\($0.rawValue)", $0.name) })
    /// The spectra study.
    public var study: StudyTruth?
    /// The imaging measurement.
    public var imaging: ImagingTruth?
    /// The depth profile.
    public var depth: DepthTruth?
    /// The 3-D stack.
    public var volume: VolumeTruth?

    /// Creates an empty truth.
    public init(generator: String, preset: String, seed: UInt64) {
        self.generator = generator
        self.preset = preset
        self.seed = seed
    }
}

/// Truth of one spectral line at one spot.
public struct LineTruth: Sendable, Codable, Equatable {
    /// Ion (IONTOF notation).
    public var ion: String
    /// Exact mass in u.
    public var mass: Double
    /// Expected true (dead-time-free, noise-free) counts.
    public var trueCounts: Double
    /// Expected registered counts N·(1 − exp(−true/N)).
    public var expectedMeasuredCounts: Double
    /// True counts ÷ all true counts of the spot (the true TIC-normalized intensity).
    public var trueFraction: Double
    /// Saturation true/N (counts per pulse).
    public var countsPerPulse: Double
}

/// Truth of a spectra study.
public struct StudyTruth: Sendable, Codable, Equatable {
    /// One spot.
    public struct Spot: Sendable, Codable, Equatable {
        /// Sample name.
        public var sample: String
        /// Spot name (file name without extension).
        public var name: String
        /// Polarity.
        public var polarity: String
        /// File path relative to the output folder.
        public var file: String
        /// Area fraction of each phase.
        public var phaseFractions: [String: Double]
        /// Overall yield factor of the spot.
        public var yieldScale: Double
        /// Primary pulses N.
        public var primaryPulses: Double
        /// Lines with abundance ≥ 1 % (main isotopologues and major minor ones).
        public var lines: [LineTruth]
    }
    /// One sample's recipe.
    public struct Sample: Sendable, Codable, Equatable {
        /// Name.
        public var name: String
        /// CEI thickness in µm.
        public var ceiThicknessMicrometers: Double
        /// Target volume fractions.
        public var targetFractions: [String: Double]
    }
    /// Samples.
    public var samples: [Sample]
    /// Spots.
    public var spots: [Spot]
    /// Primary beam of every spot.
    public var beam: PrimaryBeam
    /// Analyser.
    public var analyzer: MassAnalyzer
}

/// Truth of an imaging measurement.
public struct ImagingTruth: Sendable, Codable, Equatable {
    /// Image size.
    public var width: Int, height: Int
    /// Field of view in µm.
    public var fieldOfViewMicrometers: Double
    /// Dominant phase per pixel: one string per row, one digit (phase raw value) per pixel.
    public var phaseMap: [String]
    /// Area fraction of each phase in the image.
    public var areaFractions: [String: Double]
    /// Volume fractions of the generated microstructure.
    public var volumeFractions: [String: Double]
    /// Smallest and largest yield (topography) factor; the field has mean 1.
    public var yieldFieldRange: [Double]
    /// Pulses per pixel (scans × shots per pixel): the N of the per-pixel dead-time law.
    public var pulsesPerPixel: Double
    /// Per measurement (polarity): file stem, ions and their true/expected/measured totals.
    public var measurements: [Measurement]

    /// One image set.
    public struct Measurement: Sendable, Codable, Equatable {
        /// Measurement name.
        public var name: String
        /// Polarity.
        public var polarity: String
        /// Per ion: summed expected true counts and summed measured counts.
        public var ions: [Ion]
        /// One ion.
        public struct Ion: Sendable, Codable, Equatable {
            /// Ion name.
            public var ion: String
            /// Sum of expected true counts over pixels.
            public var trueCounts: Double
            /// Sum of registered counts over pixels (as written).
            public var measuredCounts: Double
            /// Largest per-pixel true/N.
            public var maxCountsPerPulse: Double
        }
    }
}

/// Truth of a depth profile.
public struct DepthTruth: Sendable, Codable, Equatable {
    /// The layered sample.
    public var stack: LayeredHalfCell
    /// Interface depths in nm.
    public var interfaceDepthsNanometers: [Double]
    /// Sputter time (s) at which the erosion front reaches each interface (`null` if never).
    public var interfaceTimesSeconds: [Double?]
    /// Sputter times (s) of d − σ and d + σ per interface: the 16 % and 84 % points.
    public var interfaceWidthTimesSeconds: [[Double?]]
    /// Depth (nm) at each cycle.
    public var depthNanometers: [Double]
    /// Expected true counts per cycle of each exported ion.
    public var trueCounts: [String: [Double]]
    /// Analysis pulses per cycle (N of the dead-time law).
    public var primaryPulsesPerCycle: Double
    /// File path relative to the output folder.
    public var file: String
}

/// Truth of a 3-D stack.
public struct VolumeTruth: Sendable, Codable, Equatable {
    /// Image size.
    public var width: Int, height: Int
    /// Planes.
    public var planes: Int
    /// Plane thickness in µm.
    public var planeThicknessMicrometers: Double
    /// Field of view in µm.
    public var fieldOfViewMicrometers: Double
    /// Phase maps per plane (rows of digits, as in ``ImagingTruth/phaseMap``).
    public var phaseMaps: [[String]]
    /// Volume fractions of the imaged slab.
    public var volumeFractions: [String: Double]
}

extension PhaseMap {
    /// Rows of phase digits (dominant phase per pixel) for `truth.json`.
    public var labelRows: [String] {
        (0..<height).map { y in
            String(String.UnicodeScalarView((0..<width).map { x in Unicode.Scalar(48 + labels[y * width + x]) }))
        }
    }
}

extension Dictionary where Key == Phase, Value == Double {
    /// Keyed by phase name, for JSON.
    var byName: [String: Double] { Dictionary<String, Double>(uniqueKeysWithValues: map { ($0.key.name, $0.value) }) }
}
