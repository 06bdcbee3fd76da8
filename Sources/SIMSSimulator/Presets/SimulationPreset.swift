/// The named data sets `sims simulate --preset` writes.
public enum SimulationPreset: String, Sendable, CaseIterable, Codable {
    /// 3 sulfide-cathode samples with growing CEI × 5 spots, spectra in both polarities (`study/`).
    case study
    /// One 256 × 256 imaging measurement with topography, both polarities, ASCII + BIF6 (`imaging/`).
    case imaging
    /// A depth profile through a Li | SEI | Li₆PS₅Cl | cathode half cell (`depth/`).
    case depth
    /// A 3-D stack of 24 planes (`volume/`).
    case volume
    /// All of the above.
    case all

    /// The presets `self` stands for.
    public var parts: [SimulationPreset] { self == .all ? [.study, .imaging, .depth, .volume] : [self] }
}

/// The designs behind the presets, adjustable before writing (tests shrink them).
public struct SimulationDesigns: Sendable {
    /// Spectra study.
    public var study = StudyDesign.cathodeCEISeries
    /// Imaging.
    public var imaging = ImagingDesign()
    /// Depth profile.
    public var depth = DepthDesign()
    /// 3-D stack.
    public var volume = VolumeDesign()

    /// The presets' designs.
    public init() {}

    /// Small, fast designs (for tests and quick looks): 3 × 3 spots on 30 µm, 64 × 64 images,
    /// 120-cycle profile, 4 planes of 24 × 24.
    public static var small: SimulationDesigns {
        var d = SimulationDesigns()
        d.study = .small
        d.imaging.beam.raster = 64
        d.imaging.beam.areaMicrometers = 40
        d.imaging.cathode.particleRadiusMicrometers = 2...4
        d.depth.cycles = 120
        d.depth.sputterTimePerCycleSeconds = 5
        d.volume.beam.raster = 24
        d.volume.planes = 4
        return d
    }
}
