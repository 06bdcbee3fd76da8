/// What a simulated multi-sample, multi-spot spectra study looks like (the paper's design: n = 3
/// samples × 5–10 spots, Lombardo et al., JVST A 41 (2023) 053207, Sec. III).
public struct StudyDesign: Sendable, Hashable {
    /// One sample: a name and its cathode recipe (samples usually differ in CEI thickness).
    public struct Sample: Sendable, Hashable {
        /// Sample (folder) name.
        public var name: String
        /// The cathode recipe.
        public var cathode: CathodeModel
        /// Creates a sample.
        public init(name: String, cathode: CathodeModel) { self.name = name; self.cathode = cathode }
    }

    /// The samples.
    public var samples: [Sample]
    /// Spots measured per sample.
    public var spotsPerSample: Int = 5
    /// Polarities measured at every spot.
    public var polarities: [Polarity] = [.negative, .positive]
    /// Beam and raster of every spot.
    public var beam = PrimaryBeam()
    /// Analyser.
    public var analyzer = MassAnalyzer()
    /// Pixels per side of the phase map used to integrate a spot's composition.
    public var mapResolution: Int = 48
    /// Sub-samples per pixel side of that map (stratified jitter).
    public var mapSubsamples: Int = 3
    /// Log-amplitude of the topography yield field within a spot (0 = flat).
    public var topographyStrength: Double = 0.3
    /// Log-normal spread (σ of ln) of the overall yield of a spot (height, tilt, charging).
    public var spotYieldSpread: Double = 0.2
    /// ⁶Li atom fraction; `nil` = natural (7.59 %, IUPAC).
    public var lithium6Fraction: Double?

    /// Creates a design.
    public init(samples: [Sample]) { self.samples = samples }

    /// The paper-like study: three sulfide composite cathodes whose CEI grows with cycling
    /// (`A_pristine` 0.05 µm, `B_10cycles` 0.25 µm, `C_100cycles` 0.6 µm), 5 spots each, both polarities.
    public static var cathodeCEISeries: StudyDesign {
        let thicknesses: [(String, Double)] = [("A_pristine", 0.05), ("B_10cycles", 0.25), ("C_100cycles", 0.6)]
        return StudyDesign(samples: thicknesses.map { name, t in
            var model = CathodeModel()
            model.ceiThicknessMicrometers = t
            return Sample(name: name, cathode: model)
        })
    }

    /// A small, fast version for unit tests of other modules: 3 samples × 3 spots on 30 µm areas,
    /// 24 × 24 maps, mass range 1–110 u binned by 16 channels, negative polarity only.
    public static var small: StudyDesign {
        var design = cathodeCEISeries
        design.samples = design.samples.map { sample in
            var s = sample
            s.cathode.fieldOfViewMicrometers = 30
            s.cathode.particleRadiusMicrometers = 2...4
            return s
        }
        design.spotsPerSample = 3
        design.polarities = [.negative]
        design.mapResolution = 24
        design.mapSubsamples = 2
        design.beam.areaMicrometers = 30
        design.beam.raster = 64
        design.analyzer.massRange = 1...110
        design.analyzer.binning = 16
        return design
    }

    /// Checks the design.
    public func validate() throws(SIMSError) {
        guard !samples.isEmpty, spotsPerSample > 0, !polarities.isEmpty, mapResolution > 0, mapSubsamples > 0 else {
            throw .invalidArgument("a study design needs samples, spots per sample, polarities and a map resolution",
                                   found: "\(samples.count) samples, \(spotsPerSample) spots, \(polarities.count) polarities")
        }
        for sample in samples { try sample.cathode.validate() }
        try beam.validate()
        try analyzer.validate()
        if let f = lithium6Fraction, !(f >= 0 && f <= 1) {
            throw .invalidArgument("the 6Li fraction must lie in [0, 1]", found: "\(f)")
        }
    }
}
