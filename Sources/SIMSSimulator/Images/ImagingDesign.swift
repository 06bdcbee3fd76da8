/// An imaging measurement of a composite cathode: one section of a generated microstructure imaged in
/// each polarity, with topography.
public struct ImagingDesign: Sendable, Hashable {
    /// The sample (its field of view is the image's).
    public var cathode = CathodeModel()
    /// Beam and raster (``PrimaryBeam/raster`` is the image size).
    public var beam: PrimaryBeam
    /// Analyser (mass intervals of the images).
    public var analyzer = MassAnalyzer()
    /// Sub-samples per pixel side when classifying the phase map.
    public var subsamples: Int = 2
    /// Log-amplitude of the topography yield field.
    public var topographyStrength: Double = 0.4
    /// Polarities imaged.
    public var polarities: [Polarity] = [.negative, .positive]
    /// Measurement name (IONTOF files are `<measurement> (<id>) - <ion>.txt`).
    public var measurement = "cathode"
    /// ⁶Li atom fraction; `nil` = natural.
    public var lithium6Fraction: Double?

    /// The 256 × 256 imaging preset: 100 × 100 µm², Bi₃⁺ 30 keV, 0.3 pA, 10 scans, 1 shot/pixel.
    public init() {
        beam = PrimaryBeam()
        beam.raster = 256
        beam.scans = 10
    }

    /// The ions imaged in `polarity`: phase markers (NCM: O⁻, NiO₂⁻ / Ni⁺, Co⁺, Mn⁺; Li₆PS₅Cl: S⁻, PS₂⁻, Cl⁻ /
    /// Li₂Cl⁺; carbon: C₂⁻ / C₂H₃⁺; CEI: SO₃⁻, PO₃⁻) and the lithium isotopes in positive polarity.
    public static func ions(_ polarity: Polarity, electrolyte: Phase = .argyrodite) -> [String] {
        switch (polarity, electrolyte) {
        case (.negative, .liquidElectrolyte): return ["O-", "F-", "C_2-", "PO_3-", "NiO_2-", "LiF_2-", "PO_2F_2-"]
        case (.negative, _): return ["O-", "S-", "Cl-", "C_2-", "PO_3-", "SO_3-", "PS_2-", "NiO_2-"]
        case (.positive, .liquidElectrolyte): return ["^6Li+", "Li+", "Li_2F+", "Ni+", "C_2H_3+"]
        case (.positive, _): return ["^6Li+", "Li+", "Li_2Cl+", "Mn+", "Co+", "Ni+", "C_2H_3+"]
        }
    }
}

/// A simulated imaging measurement and its truth.
public struct SimulatedImaging: Sendable {
    /// The design.
    public var design: ImagingDesign
    /// The imaged phase map (truth).
    public var phaseMap: PhaseMap
    /// The yield (topography) field (truth).
    public var yieldField: YieldField
    /// Measured images and true counts per polarity.
    public var results: [Polarity: ImageSimulator.Result]
    /// Line models per polarity.
    public var lineModels: [Polarity: LineModel]
    /// Volume fractions of the generated microstructure (Monte Carlo).
    public var volumeFractions: [Phase: Double]
}

/// Simulates an imaging measurement in memory (see ``ImagingDesign``, ``ImageSimulator``).
/// Equal seeds give identical images.
public func simulateImaging(_ design: ImagingDesign, seed: UInt64, catalog: LineCatalog = .standard) throws(SIMSError) -> SimulatedImaging {
    try design.beam.validate()
    try design.analyzer.validate()
    var random = SimulationRandom(seed: seed, stream: "imaging")
    var cathode = design.cathode
    cathode.fieldOfViewMicrometers = design.beam.areaMicrometers
    let structure = try cathode.generate(seed: random.next())
    let raster = design.beam.raster
    let map = structure.section(atDepth: structure.depthMicrometers / 2, width: raster, height: raster,
                                subsamples: design.subsamples, seed: random.next())
    let field = YieldField(width: raster, height: raster, strength: design.topographyStrength, seed: random.next())
    var results: [Polarity: ImageSimulator.Result] = [:]
    var models: [Polarity: LineModel] = [:]
    for (k, polarity) in design.polarities.enumerated() {
        let model = try catalog.model(phases: cathode.phases, polarity: polarity, electrolyte: cathode.electrolyte,
                                      lithium6Fraction: design.lithium6Fraction)
        models[polarity] = model
        let simulator = ImageSimulator(lines: model, beam: design.beam, analyzer: design.analyzer)
        var noise = SimulationRandom(seed: seed, stream: "imaging/" + polarity.rawValue)
        let name = design.measurement + (polarity == .negative ? "_neg" : "_pos")
        results[polarity] = try simulator.simulate(map: map, field: field, ions: ImagingDesign.ions(polarity, electrolyte: cathode.electrolyte),
                                                   measurement: name, id: k + 1, random: &noise)
    }
    return SimulatedImaging(design: design, phaseMap: map, yieldField: field, results: results, lineModels: models,
                            volumeFractions: structure.volumeFractions(samples: 50_000, seed: seed))
}
