/// A depth-profiling measurement of a layered half cell.
public struct DepthDesign: Sendable, Hashable {
    /// The sample.
    public var stack = LayeredHalfCell.standard
    /// Polarity.
    public var polarity: Polarity = .negative
    /// Analysis beam per cycle: Bi₁⁺ 30 keV 1 pA, 100 × 100 µm², 128 × 128, 1 scan, 1 shot/pixel.
    public var analysisBeam: PrimaryBeam
    /// Sputter time per cycle in s.
    public var sputterTimePerCycleSeconds: Double = 2
    /// Number of cycles.
    public var cycles: Int = 400
    /// Measurement name.
    public var measurement = "halfcell_depth"

    /// The depth preset.
    public init() {
        analysisBeam = PrimaryBeam()
        analysisBeam.species = "Bi1+"
        analysisBeam.currentPicoampere = 1
        analysisBeam.scans = 1
    }

    /// Ions exported in `polarity`.
    public static func ions(_ polarity: Polarity) -> [String] {
        polarity == .negative
            ? ["^6Li-", "Li-", "O-", "LiO-", "S-", "LiS-", "Cl-", "PS_2-", "SO_3-", "NiO_2-", "C_2-"]
            : ["^6Li+", "Li+", "Li_2+", "Li_3O+", "Li_3S+", "Li_2Cl+", "Ni+", "Co+", "Mn+"]
    }
}

/// A simulated depth profile and its truth.
public struct SimulatedDepthProfile: Sendable {
    /// The design.
    public var design: DepthDesign
    /// The simulation result (profile, depths, true counts, interface times).
    public var result: DepthProfileSimulator.Result
    /// The line model.
    public var lineModel: LineModel
}

/// Simulates a depth profile in memory. Equal seeds give identical profiles.
public func simulateDepthProfile(_ design: DepthDesign, seed: UInt64, catalog: LineCatalog = .standard) throws(SIMSError) -> SimulatedDepthProfile {
    try design.stack.validate()
    let model = try catalog.model(phases: design.stack.phases, polarity: design.polarity)
    var simulator = DepthProfileSimulator(stack: design.stack, lines: model, analysisBeam: design.analysisBeam)
    simulator.sputterTimePerCycleSeconds = design.sputterTimePerCycleSeconds
    simulator.cycles = design.cycles
    var random = SimulationRandom(seed: seed, stream: "depth/" + design.polarity.rawValue)
    let result = try simulator.simulate(ions: DepthDesign.ions(design.polarity), random: &random)
    return SimulatedDepthProfile(design: design, result: result, lineModel: model)
}
