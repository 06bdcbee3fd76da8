#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CathodeModel {
    /// Generates a microstructure from `seed` in a box `fieldOfView × fieldOfView × depth` µm.
    ///
    /// NCM particles: random sequential addition (J. Feder, J. Theor. Biol. 87 (1980) 237) of spheres with
    /// radii uniform in ``particleRadiusMicrometers`` that may overlap by at most ``particleOverlap`` of
    /// their radius sum, until the NCM voxel fraction reaches ``activeMaterialFraction`` (or no more
    /// particle fits after many attempts). Carbon ellipsoids and pore spheres are then added at random
    /// positions outside NCM until their voxel fractions reach their targets. Fractions are tracked on a
    /// voxel grid of about 0.5 µm; the realised fractions are reported by
    /// ``CathodeMicrostructure/volumeFractions(samples:seed:)`` and in `truth.json`.
    ///
    /// - Parameters:
    ///   - seed: random seed; equal seeds give identical microstructures.
    ///   - depthMicrometers: box depth; by default just deep enough for one central section.
    public func generate(seed: UInt64, depthMicrometers: Double? = nil) throws(SIMSError) -> CathodeMicrostructure {
        try validate()
        let l = fieldOfViewMicrometers
        let depth = depthMicrometers ?? (2 * particleRadiusMicrometers.upperBound + 2)
        guard depth > 0 else { throw .invalidArgument("the cathode box depth must be positive", found: "\(depth) µm") }
        var random = SimulationRandom(seed: seed, stream: "cathode microstructure")
        // Voxels of ≤ 0.5 µm (a quarter of the smallest particle radius), coarsened to keep ≤ 2 million voxels.
        let voxelSize = max(min(0.5, particleRadiusMicrometers.lowerBound / 4), pow(l * l * depth / 2e6, 1.0 / 3.0))
        var voxels = VoxelOccupancy(size: l, depth: depth, voxel: voxelSize)

        // NCM: random sequential addition with limited overlap.
        var particles: [CathodeMicrostructure.Sphere] = []
        let rMax = particleRadiusMicrometers.upperBound
        var failures = 0
        while voxels.fraction(of: .ncm811) < activeMaterialFraction && failures < 4000 {
            let r = random.uniform(particleRadiusMicrometers.lowerBound, particleRadiusMicrometers.upperBound)
            let s = CathodeMicrostructure.Sphere(x: random.uniform(-r, l + r), y: random.uniform(-r, l + r),
                                                 z: random.uniform(-r, depth + r), radius: r)
            var fits = true
            for p in particles {
                let dx = p.x - s.x, dy = p.y - s.y, dz = p.z - s.z
                let minimum = (1 - particleOverlap) * (p.radius + s.radius)
                if dx * dx + dy * dy + dz * dz < minimum * minimum { fits = false; break }
            }
            if !fits { failures += 1; continue }
            failures = 0
            particles.append(s)
            voxels.paint(.ncm811, x: s.x, y: s.y, z: s.z, a: r, b: r, c: r, angle: 0, over: [.argyrodite])
            _ = rMax
        }

        // Carbon: ellipsoids with centres outside NCM, painted only over electrolyte.
        var carbon: [CathodeMicrostructure.Ellipsoid] = []
        var attempts = 0
        while voxels.fraction(of: .carbon) < carbonFraction && attempts < 200_000 {
            attempts += 1
            let e = CathodeMicrostructure.Ellipsoid(
                x: random.uniform(0, l), y: random.uniform(0, l), z: random.uniform(0, depth),
                a: random.uniform(carbonSemiAxisMicrometers.lowerBound, carbonSemiAxisMicrometers.upperBound),
                b: random.uniform(carbonSemiAxisMicrometers.lowerBound, carbonSemiAxisMicrometers.upperBound),
                c: random.uniform(carbonSemiAxisMicrometers.lowerBound, carbonSemiAxisMicrometers.upperBound),
                angle: random.uniform(0, Double.pi))
            if voxels.label(x: e.x, y: e.y, z: e.z) != .argyrodite { continue }
            carbon.append(e)
            voxels.paint(.carbon, x: e.x, y: e.y, z: e.z, a: e.a, b: e.b, c: e.c, angle: e.angle, over: [.argyrodite])
        }

        // Pores: spheres with centres in the electrolyte.
        var pores: [CathodeMicrostructure.Sphere] = []
        attempts = 0
        while voxels.fraction(of: .pore) < porosity && attempts < 200_000 {
            attempts += 1
            let r = random.uniform(poreRadiusMicrometers.lowerBound, poreRadiusMicrometers.upperBound)
            let s = CathodeMicrostructure.Sphere(x: random.uniform(0, l), y: random.uniform(0, l), z: random.uniform(0, depth), radius: r)
            if voxels.label(x: s.x, y: s.y, z: s.z) != .argyrodite { continue }
            pores.append(s)
            voxels.paint(.pore, x: s.x, y: s.y, z: s.z, a: r, b: r, c: r, angle: 0, over: [.argyrodite])
        }
        return CathodeMicrostructure(model: self, depthMicrometers: depth, particles: particles, carbon: carbon, pores: pores)
    }
}

/// Voxel labels used while generating, to track volume fractions as objects are added.
/// (`.argyrodite` stands for "electrolyte" here whatever the electrolyte is.)
struct VoxelOccupancy {
    let voxel: Double
    let nx, ny, nz: Int
    var labels: [UInt8]
    var counts: [Int]

    init(size: Double, depth: Double, voxel: Double) {
        self.voxel = voxel
        nx = max(1, Int((size / voxel).rounded(.up)))
        ny = nx
        nz = max(1, Int((depth / voxel).rounded(.up)))
        labels = Array(repeating: Phase.argyrodite.rawValue, count: nx * ny * nz)
        counts = Array(repeating: 0, count: 256)
        counts[Int(Phase.argyrodite.rawValue)] = labels.count
    }

    func fraction(of phase: Phase) -> Double { Double(counts[Int(phase.rawValue)]) / Double(labels.count) }

    func label(x: Double, y: Double, z: Double) -> Phase {
        let i = min(nx - 1, max(0, Int(x / voxel))), j = min(ny - 1, max(0, Int(y / voxel))), k = min(nz - 1, max(0, Int(z / voxel)))
        return Phase(rawValue: labels[(k * ny + j) * nx + i]) ?? .argyrodite
    }

    /// Paints the voxels whose centres lie inside the ellipsoid, where the current label is in `over`.
    mutating func paint(_ phase: Phase, x: Double, y: Double, z: Double, a: Double, b: Double, c: Double, angle: Double, over: Set<Phase>) {
        let reach = max(a, b, c)
        let i0 = max(0, Int(((x - reach) / voxel).rounded(.down))), i1 = min(nx - 1, Int(((x + reach) / voxel).rounded(.up)))
        let j0 = max(0, Int(((y - reach) / voxel).rounded(.down))), j1 = min(ny - 1, Int(((y + reach) / voxel).rounded(.up)))
        let k0 = max(0, Int(((z - c) / voxel).rounded(.down))), k1 = min(nz - 1, Int(((z + c) / voxel).rounded(.up)))
        guard i0 <= i1, j0 <= j1, k0 <= k1 else { return }
        let ca = cos(angle), sa = sin(angle)
        var allowed = [Bool](repeating: false, count: 256)
        for phase in over { allowed[Int(phase.rawValue)] = true }
        for k in k0...k1 {
            let w = ((Double(k) + 0.5) * voxel - z) / c
            let w2 = w * w
            if w2 > 1 { continue }
            for j in j0...j1 {
                let dy = (Double(j) + 0.5) * voxel - y
                for i in i0...i1 {
                    let dx = (Double(i) + 0.5) * voxel - x
                    let u = (ca * dx + sa * dy) / a, v = (-sa * dx + ca * dy) / b
                    if u * u + v * v + w2 > 1 { continue }
                    let index = (k * ny + j) * nx + i
                    let old = labels[index]
                    guard allowed[Int(old)] else { continue }
                    labels[index] = phase.rawValue
                    counts[Int(old)] -= 1
                    counts[Int(phase.rawValue)] += 1
                }
            }
        }
    }
}
