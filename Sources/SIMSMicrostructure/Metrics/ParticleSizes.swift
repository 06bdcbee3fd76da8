import Foundation

/// Particle size distribution of one phase (e.g. the active material): each connected component is a particle,
/// sized by its equivalent diameter — of the disc with the same area (2-D), d = 2·√(A/π), or of the sphere with the
/// same volume (3-D), d = (6V/π)^(1/3).
///
/// Touching particles merge into one component (no watershed splitting); particles cut by the image border are
/// flagged, and their size is a lower bound.
public struct ParticleSizes: Sendable {
    /// Neighbourhood for components (default `.face`: 4 in 2-D, 6 in 3-D).
    public var connectivity: Connectivity
    /// Components smaller than this many voxels are ignored (noise).
    public var minimumVoxels: Int

    /// Configures the analysis.
    public init(connectivity: Connectivity = .face, minimumVoxels: Int = 1) {
        self.connectivity = connectivity
        self.minimumVoxels = minimumVoxels
    }

    /// Sizes the particles of phase `phase`.
    public func fit(_ labels: PhaseLabels, phase: String) throws(SIMSError) -> ParticleSizeDistribution {
        let components = try ConnectedComponents(connectivity: connectivity).fit(labels, phase: phase)
        let h = labels.voxelSizeMicrometers ?? 1
        var particles: [ParticleSizeDistribution.Particle] = []
        for id in 0 ..< components.count where components.sizes[id] >= minimumVoxels {
            let voxels = Double(components.sizes[id])
            let diameter = labels.isTwoDimensional
                ? 2 * (voxels / Double.pi).squareRoot() * h
                : cbrt(6 * voxels / Double.pi) * h
            particles.append(.init(voxels: components.sizes[id], equivalentDiameter: diameter, touchesBorder: components.touchesBorder(id)))
        }
        return ParticleSizeDistribution(phase: phase, connectivity: connectivity, particles: particles)
    }
}

/// Equivalent diameters of the particles of one phase.
public struct ParticleSizeDistribution: Sendable, Equatable {
    /// One particle (connected component).
    public struct Particle: Sendable, Equatable {
        /// Size in voxels (pixels in 2-D).
        public var voxels: Int
        /// Equivalent diameter in µm (voxel units without a voxel size).
        public var equivalentDiameter: Double
        /// `true` when the particle touches the image border (size is a lower bound).
        public var touchesBorder: Bool
    }

    /// The phase analysed.
    public var phase: String
    /// Connectivity used.
    public var connectivity: Connectivity
    /// Particles in order of their first voxel.
    public var particles: [Particle]

    /// Number-weighted quantile of the equivalent diameter (linear interpolation between order statistics,
    /// NumPy's default "linear" method); `nil` without particles.
    public func diameterQuantile(_ q: Double) -> Double? {
        let sorted = particles.map(\.equivalentDiameter).sorted()
        guard !sorted.isEmpty else { return nil }
        let position = min(max(q, 0), 1) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// Mean equivalent diameter (number-weighted); `nil` without particles.
    public var meanDiameter: Double? {
        particles.isEmpty ? nil : particles.map(\.equivalentDiameter).reduce(0, +) / Double(particles.count)
    }
}
