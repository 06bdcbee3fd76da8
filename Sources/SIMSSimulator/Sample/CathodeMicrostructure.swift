#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A generated 3-D composite cathode: NCM spheres, carbon ellipsoids and pore spheres in a box
/// `[0, L] × [0, L] × [0, depth]` µm, with the electrolyte (and CEI shells) everywhere else.
///
/// The geometry is continuous, so any plane or point can be classified exactly (``phase(atX:y:z:)``);
/// 2-D maps are sections of it (``section(atDepth:width:height:subsamples:seed:)``), 3-D stacks are
/// several sections. By the Delesse principle the expected area fraction of a phase in a section
/// equals its volume fraction.
public struct CathodeMicrostructure: Sendable {
    /// A sphere (NCM particle or pore).
    public struct Sphere: Sendable, Hashable, Codable {
        /// Centre in µm.
        public var x, y, z: Double
        /// Radius in µm.
        public var radius: Double
    }

    /// An ellipsoid with one semi-axis along z and the other two rotated by `angle` in the x–y plane.
    public struct Ellipsoid: Sendable, Hashable, Codable {
        /// Centre in µm.
        public var x, y, z: Double
        /// Semi-axes in µm.
        public var a, b, c: Double
        /// Rotation in the x–y plane in radians.
        public var angle: Double
    }

    /// The recipe.
    public let model: CathodeModel
    /// Box depth in µm.
    public let depthMicrometers: Double
    /// NCM811 particles.
    public let particles: [Sphere]
    /// Carbon agglomerates.
    public let carbon: [Ellipsoid]
    /// Pores.
    public let pores: [Sphere]

    private let grid: ObjectGrid

    /// Classifies the point (x, y, z) in µm.
    ///
    /// Priority: NCM core, carbon, pore, CEI (within ``CathodeModel/ceiThicknessMicrometers`` of an NCM
    /// surface), electrolyte.
    public func phase(atX x: Double, y: Double, z: Double) -> Phase {
        let cell = grid.cell(x: x, y: y, z: z)
        var nearParticle = false
        var inCarbon = false
        var inPore = false
        let t = model.ceiThicknessMicrometers
        let range = grid.range(of: cell)
        return grid.entries.withUnsafeBufferPointer { entries in
            for e in range {
                let entry = entries[e]
                let index = Int(entry.index)
                switch entry.kind {
                case 0:
                    let s = particles[index]
                    let dx = x - s.x, dy = y - s.y, dz = z - s.z
                    let d2 = dx * dx + dy * dy + dz * dz
                    if d2 <= s.radius * s.radius { return .ncm811 }
                    if t > 0, d2 <= (s.radius + t) * (s.radius + t) { nearParticle = true }
                case 1:
                    if inCarbon { continue }
                    let c = carbon[index]
                    let dx = x - c.x, dy = y - c.y, dz = z - c.z
                    let ca = cos(c.angle), sa = sin(c.angle)
                    let u = (ca * dx + sa * dy) / c.a
                    let v = (-sa * dx + ca * dy) / c.b
                    let w = dz / c.c
                    if u * u + v * v + w * w <= 1 { inCarbon = true }
                default:
                    if inPore { continue }
                    let s = pores[index]
                    let dx = x - s.x, dy = y - s.y, dz = z - s.z
                    if dx * dx + dy * dy + dz * dz <= s.radius * s.radius { inPore = true }
                }
            }
            if inCarbon { return .carbon }
            if inPore { return .pore }
            return nearParticle ? .cei : model.electrolyte
        }
    }

    /// A 2-D section at depth `z` (µm), `width × height` pixels over the model's field of view.
    ///
    /// Each pixel is sampled at `subsamples × subsamples` jittered points (stratified sampling), so the
    /// pixel fractions are unbiased estimates of the true area fractions even for sub-pixel phases.
    public func section(atDepth z: Double, width: Int, height: Int, subsamples: Int = 3, seed: UInt64 = 0) -> PhaseMap {
        let phases = model.phases
        let channel = Dictionary(uniqueKeysWithValues: phases.enumerated().map { ($1, $0) })
        let n = width * height
        var fractions = ContiguousArray<Float>(repeating: 0, count: phases.count * n)
        var random = SimulationRandom(seed: seed, stream: "section \(z)")
        let pixelX = model.fieldOfViewMicrometers / Double(width)
        let pixelY = model.fieldOfViewMicrometers / Double(height)
        let ss = max(1, subsamples)
        let weight = Float(1) / Float(ss * ss)
        fractions.withUnsafeMutableBufferPointer { out in
            for py in 0..<height {
                for px in 0..<width {
                    let p = py * width + px
                    for sy in 0..<ss {
                        for sx in 0..<ss {
                            let x = (Double(px) + (Double(sx) + random.uniform()) / Double(ss)) * pixelX
                            let y = (Double(py) + (Double(sy) + random.uniform()) / Double(ss)) * pixelY
                            let phase = phase(atX: x, y: y, z: z)
                            if let c = channel[phase] { out[c * n + p] += weight }
                        }
                    }
                }
            }
        }
        return PhaseMap(width: width, height: height, fieldOfViewMicrometers: model.fieldOfViewMicrometers,
                        phases: phases, fractions: fractions)
    }

    /// Volume fractions estimated from `samples` uniformly random points in the box (Monte Carlo;
    /// standard error ≤ 0.5/√samples).
    public func volumeFractions(samples: Int = 100_000, seed: UInt64 = 0) -> [Phase: Double] {
        var random = SimulationRandom(seed: seed, stream: "volume fractions")
        var counts: [Phase: Int] = [:]
        let l = model.fieldOfViewMicrometers
        for _ in 0..<samples {
            let phase = phase(atX: random.uniform(0, l), y: random.uniform(0, l), z: random.uniform(0, depthMicrometers))
            counts[phase, default: 0] += 1
        }
        var result: [Phase: Double] = [:]
        for phase in model.phases { result[phase] = Double(counts[phase] ?? 0) / Double(samples) }
        return result
    }

    init(model: CathodeModel, depthMicrometers: Double, particles: [Sphere], carbon: [Ellipsoid], pores: [Sphere]) {
        self.model = model
        self.depthMicrometers = depthMicrometers
        self.particles = particles
        self.carbon = carbon
        self.pores = pores
        var grid = ObjectGrid(size: model.fieldOfViewMicrometers, depth: depthMicrometers,
                              cellSize: max(2 * (model.particleRadiusMicrometers.upperBound + model.ceiThicknessMicrometers), 4))
        for (i, s) in particles.enumerated() { grid.insert(kind: 0, index: i, x: s.x, y: s.y, z: s.z, reach: s.radius + model.ceiThicknessMicrometers) }
        for (i, e) in carbon.enumerated() { grid.insert(kind: 1, index: i, x: e.x, y: e.y, z: e.z, reach: max(e.a, e.b, e.c)) }
        for (i, s) in pores.enumerated() { grid.insert(kind: 2, index: i, x: s.x, y: s.y, z: s.z, reach: s.radius) }
        grid.finish()
        self.grid = grid
    }
}

/// A uniform grid of cells listing the objects whose bounding boxes reach into each cell
/// (compressed rows: the entries of cell c are `entries[start[c]..<start[c + 1]]`).
struct ObjectGrid: Sendable {
    struct Entry: Sendable { var kind: UInt8; var index: Int32 }
    let cellSize: Double
    let nx, ny, nz: Int
    private(set) var entries: [Entry] = []
    private(set) var start: [Int] = []
    private var pending: [(cell: Int, entry: Entry)] = []

    init(size: Double, depth: Double, cellSize: Double) {
        self.cellSize = cellSize
        nx = max(1, Int((size / cellSize).rounded(.up)))
        ny = nx
        nz = max(1, Int((depth / cellSize).rounded(.up)))
    }

    func clampedIndex(_ value: Double, _ count: Int) -> Int {
        guard value.isFinite else { return 0 }
        return min(count - 1, max(0, Int((value / cellSize).rounded(.down))))
    }

    func cell(x: Double, y: Double, z: Double) -> Int {
        (clampedIndex(z, nz) * ny + clampedIndex(y, ny)) * nx + clampedIndex(x, nx)
    }

    func range(of cell: Int) -> Range<Int> { start[cell]..<start[cell + 1] }

    mutating func insert(kind: UInt8, index: Int, x: Double, y: Double, z: Double, reach: Double) {
        for k in clampedIndex(z - reach, nz)...clampedIndex(z + reach, nz) {
            for j in clampedIndex(y - reach, ny)...clampedIndex(y + reach, ny) {
                for i in clampedIndex(x - reach, nx)...clampedIndex(x + reach, nx) {
                    pending.append(((k * ny + j) * nx + i, Entry(kind: kind, index: Int32(index))))
                }
            }
        }
    }

    /// Builds the compressed rows (stable: entries keep insertion order within a cell).
    mutating func finish() {
        let cells = nx * ny * nz
        var counts = [Int](repeating: 0, count: cells + 1)
        for p in pending { counts[p.cell + 1] += 1 }
        for c in 0..<cells { counts[c + 1] += counts[c] }
        start = counts
        var fill = counts
        entries = [Entry](repeating: Entry(kind: 0, index: 0), count: pending.count)
        for p in pending { entries[fill[p.cell]] = p.entry; fill[p.cell] += 1 }
        pending = []
    }
}
