/// A 3-D (sputter-stack) measurement of a composite cathode: sections of one microstructure at
/// successive depths, each imaged like ``ImagingDesign``.
public struct VolumeDesign: Sendable, Hashable {
    /// The sample.
    public var cathode: CathodeModel
    /// Beam and raster of every plane.
    public var beam: PrimaryBeam
    /// Analyser.
    public var analyzer = MassAnalyzer()
    /// Number of planes.
    public var planes: Int = 24
    /// Depth step between planes in µm (removed by sputtering between analyses).
    public var planeThicknessMicrometers: Double = 0.5
    /// Polarity.
    public var polarity: Polarity = .negative
    /// Log-amplitude of the topography yield field (the same field on every plane).
    public var topographyStrength: Double = 0.2
    /// Measurement name.
    public var measurement = "cathode_3d"
    /// Sub-samples per pixel edge when each plane's phase map is computed (stratified jittered sampling,
    /// like ``ImagingDesign/subsamples``); sampling only, the physics is the same.
    public var subsamples: Int = 2

    /// The volume preset: 64 × 64 pixels over 40 × 40 µm², 24 planes 0.5 µm apart, negative polarity.
    public init() {
        cathode = CathodeModel()
        cathode.fieldOfViewMicrometers = 40
        cathode.particleRadiusMicrometers = 2...4
        beam = PrimaryBeam()
        beam.areaMicrometers = 40
        beam.raster = 64
        beam.scans = 5
    }
}

/// A simulated 3-D stack and its truth.
public struct SimulatedVolume: Sendable {
    /// The design.
    public var design: VolumeDesign
    /// The image sets, plane 0 at the surface.
    public var volume: Volume
    /// The phase map of each plane (truth).
    public var phaseMaps: [PhaseMap]
    /// Depth of each plane below the top of the box in µm.
    public var planeDepthsMicrometers: [Double]
    /// Volume fractions of the imaged slab (mean of the plane maps' area fractions).
    public var volumeFractions: [Phase: Double]
}

/// Simulates a 3-D stack in memory. Equal seeds give identical stacks.
public func simulateVolume(_ design: VolumeDesign, seed: UInt64, catalog: LineCatalog = .standard) throws(SIMSError) -> SimulatedVolume {
    guard design.planes > 0, design.planeThicknessMicrometers > 0 else {
        throw .invalidArgument("a volume needs at least one plane and a positive plane thickness",
                               found: "\(design.planes) planes, \(design.planeThicknessMicrometers) µm")
    }
    try design.beam.validate()
    var random = SimulationRandom(seed: seed, stream: "volume")
    var cathode = design.cathode
    cathode.fieldOfViewMicrometers = design.beam.areaMicrometers
    let margin = cathode.particleRadiusMicrometers.upperBound
    let depth = Double(design.planes) * design.planeThicknessMicrometers + 2 * margin
    let structure = try cathode.generate(seed: random.next(), depthMicrometers: depth)
    let model = try catalog.model(phases: cathode.phases, polarity: design.polarity, electrolyte: cathode.electrolyte)
    let simulator = ImageSimulator(lines: model, beam: design.beam, analyzer: design.analyzer)
    let raster = design.beam.raster
    let field = YieldField(width: raster, height: raster, strength: design.topographyStrength, seed: random.next())
    var sets: [ImageSet] = []
    var maps: [PhaseMap] = []
    var depths: [Double] = []
    var sums: [Phase: Double] = [:]
    for k in 0..<design.planes {
        let z = margin + (Double(k) + 0.5) * design.planeThicknessMicrometers
        let map = structure.section(atDepth: z, width: raster, height: raster, subsamples: design.subsamples, seed: random.next())
        var noise = SimulationRandom(seed: seed, stream: "volume/plane \(k)")
        let result = try simulator.simulate(map: map, field: field, ions: ImagingDesign.ions(design.polarity, electrolyte: cathode.electrolyte),
                                            measurement: "\(design.measurement)_plane\(k + 1)", id: k + 1, random: &noise)
        sets.append(result.images)
        maps.append(map)
        depths.append(z)
        for (phase, f) in map.areaFractions { sums[phase, default: 0] += f / Double(design.planes) }
    }
    let volume = try Volume(planes: sets, planeThicknessMicrometers: design.planeThicknessMicrometers)
    return SimulatedVolume(design: design, volume: volume, phaseMaps: maps, planeDepthsMicrometers: depths, volumeFractions: sums)
}
