/// The matrix-free system matrix A of the diffusion problem on the voxel grid (the finest multigrid level), with
/// the kernels of the conjugate-gradient solve and of the multigrid cycle.
///
/// Row k of A (unknown k at voxel v): diagonal dₖ = Σⱼ gₖⱼ + bₖ, off-diagonal −gₖⱼ for each face neighbour j that
/// is an unknown, gₖⱼ the harmonic-mean conductance and bₖ the conductance to a Dirichlet face (2·Dₖ on the first
/// and last layer along the axis, see ``DiffusionSolver``). Nothing is stored per unknown: every kernel recomputes
/// the row from the labels and the Int32 index.
///
/// Concurrency: every kernel takes a range of rows (y + height·z) or of coarse rows and writes only the entries of
/// its own rows, so disjoint ranges may run at the same time.
struct VoxelOperator: MultigridLevel, @unchecked Sendable {
    let width: Int
    let height: Int
    let depth: Int
    let axis: Axis
    /// Extent along the axis (voxels).
    let length: Int
    let labelCount: Int
    /// Label per voxel.
    let label: UnsafePointer<UInt8>
    /// Unknown per voxel (−1: not an unknown).
    let index: UnsafePointer<Int32>
    /// `labelCount × labelCount` conductance table.
    let conductance: UnsafePointer<Double>
    /// Diffusivity per label.
    let diffusivity: UnsafePointer<Double>
    /// The conductance of every link between unknowns when all conducting labels share one diffusivity D (then it is
    /// D, the harmonic mean of D and D; always so for ``TortuosityFactor``), else 0. Saves the label and table loads.
    let uniformConductance: Double

    var plane: Int { width * height }
    /// Grid rows (y, z).
    var rows: Int { height * depth }
    var voxels: Int { width * height * depth }

    /// Row `k` of A applied to `u` at voxel `v`: the diagonal dₖ and the neighbour sum Σⱼ gₖⱼ·uⱼ.
    @inline(__always)
    func gather(_ v: Int, x: Int, y: Int, z: Int, _ u: SolverVector) -> (diagonal: Double, neighbours: Double) {
        if uniformConductance > 0 {
            var links = 0.0, sum = 0.0
            @inline(__always) func link(_ n: Int) {
                let j = Int(index[n])
                let isUnknown = j >= 0
                links += isUnknown ? 1 : 0
                sum += isUnknown ? u[j] : 0
            }
            if x > 0 { link(v - 1) }
            if x < width - 1 { link(v + 1) }
            if y > 0 { link(v - width) }
            if y < height - 1 { link(v + width) }
            if z > 0 { link(v - plane) }
            if z < depth - 1 { link(v + plane) }
            return (uniformConductance * links + boundaryConductance(v, x: x, y: y, z: z), uniformConductance * sum)
        }
        let row = Int(label[v]) * labelCount
        var diagonal = 0.0, neighbours = 0.0
        // Branch-free: in a random medium whether a neighbour is an unknown is unpredictable.
        @inline(__always) func link(_ n: Int) {
            let j = Int(index[n])
            let isUnknown = j >= 0
            let g = isUnknown ? conductance[row + Int(label[n])] : 0
            diagonal += g
            neighbours += g * u[isUnknown ? j : 0]
        }
        if x > 0 { link(v - 1) }
        if x < width - 1 { link(v + 1) }
        if y > 0 { link(v - width) }
        if y < height - 1 { link(v + width) }
        if z > 0 { link(v - plane) }
        if z < depth - 1 { link(v + plane) }
        return (diagonal + boundaryConductance(v, x: x, y: y, z: z), neighbours)
    }

    /// The diagonal dₖ of A at voxel `v`.
    @inline(__always)
    func diagonal(_ v: Int, x: Int, y: Int, z: Int) -> Double {
        if uniformConductance > 0 {
            var links = 0
            @inline(__always) func link(_ n: Int) { links += index[n] >= 0 ? 1 : 0 }
            if x > 0 { link(v - 1) }
            if x < width - 1 { link(v + 1) }
            if y > 0 { link(v - width) }
            if y < height - 1 { link(v + width) }
            if z > 0 { link(v - plane) }
            if z < depth - 1 { link(v + plane) }
            return uniformConductance * Double(links) + boundaryConductance(v, x: x, y: y, z: z)
        }
        let row = Int(label[v]) * labelCount
        var diagonal = 0.0
        @inline(__always) func link(_ n: Int) {
            diagonal += index[n] >= 0 ? conductance[row + Int(label[n])] : 0
        }
        if x > 0 { link(v - 1) }
        if x < width - 1 { link(v + 1) }
        if y > 0 { link(v - width) }
        if y < height - 1 { link(v + width) }
        if z > 0 { link(v - plane) }
        if z < depth - 1 { link(v + plane) }
        return diagonal + boundaryConductance(v, x: x, y: y, z: z)
    }

    /// Position of (x, y, z) along the transport axis.
    @inline(__always)
    func position(x: Int, y: Int, z: Int) -> Int {
        switch axis { case .x: x; case .y: y; case .z: z }
    }

    /// Conductance bₖ from the voxel centre to the Dirichlet face(s): 2·D on the first and last layer (both when the
    /// axis is one voxel long), 0 elsewhere.
    @inline(__always)
    func boundaryConductance(_ v: Int, x: Int, y: Int, z: Int) -> Double {
        let position = position(x: x, y: y, z: z)
        guard position == 0 || position == length - 1 else { return 0 }
        let g = 2 * diffusivity[Int(label[v])]
        return length == 1 ? 2 * g : g
    }

    /// q = A·u on `rows`.
    func apply(_ u: SolverVector, into q: SolverVector, rows: Range<Int>) {
        for row in rows {
            let y = row % height, z = row / height
            var v = row * width
            for x in 0 ..< width {
                let k = Int(index[v])
                if k >= 0 {
                    let (d, s) = gather(v, x: x, y: y, z: z, u)
                    q[k] = d * u[k] - s
                }
                v += 1
            }
        }
    }

    func relax(colour: Int, rhs: SolverVector, solution: SolverVector, fromZero: Bool, rows: Range<Int>) {
        for row in rows {
            let y = row % height, z = row / height
            var x = (colour + y + z) & 1
            var v = row * width + x
            while x < width {
                let k = Int(index[v])
                if k >= 0 {
                    if fromZero {
                        solution[k] = rhs[k] / diagonal(v, x: x, y: y, z: z)
                    } else {
                        let (d, s) = gather(v, x: x, y: y, z: z, solution)
                        solution[k] = (rhs[k] + s) / d
                    }
                }
                x += 2
                v += 2
            }
        }
    }

    func restrictResidual(rhs: SolverVector, solution: SolverVector, into coarse: CoarseGrid, coarseRows: Range<Int>) {
        for coarseRow in coarseRows {
            let cy = coarseRow % coarse.height, cz = coarseRow / coarse.height
            let base = coarseRow * coarse.width
            for i in base ..< base + coarse.width { coarse.rhs[i] = 0 }
            for z in cz << coarse.shiftZ ..< min((cz + 1) << coarse.shiftZ, depth) {
                for y in cy << coarse.shiftY ..< min((cy + 1) << coarse.shiftY, height) {
                    let row = z * height + y
                    var x = (y + z) & 1
                    var v = row * width + x
                    while x < width {
                        let k = Int(index[v])
                        if k >= 0 {
                            let (d, s) = gather(v, x: x, y: y, z: z, solution)
                            coarse.rhs[base + x >> coarse.shiftX] += rhs[k] - d * solution[k] + s
                        }
                        x += 2
                        v += 2
                    }
                }
            }
        }
    }

    func prolongate(from coarse: CoarseGrid, scale: Double, into solution: SolverVector, rows: Range<Int>) {
        for row in rows {
            let y = row % height, z = row / height
            let base = ((z >> coarse.shiftZ) * coarse.height + (y >> coarse.shiftY)) * coarse.width
            var x = (y + z) & 1
            var v = row * width + x
            while x < width {
                let k = Int(index[v])
                if k >= 0 { solution[k] += scale * coarse.solution[base + x >> coarse.shiftX] }
                x += 2
                v += 2
            }
        }
    }

    /// The Galerkin coarse operator Pᵀ A P for piecewise-constant interpolation P from 2 × 2 × 2 blocks of voxels
    /// (1 along an axis of extent 1): conductances of the links between two blocks add up, so do the Dirichlet
    /// conductances within a block; links inside a block drop out.
    func coarsened(in arena: SolverArena) -> CoarseGrid {
        let coarse = CoarseGrid(parentWidth: width, parentHeight: height, parentDepth: depth, arena: arena)
        var v = 0
        for z in 0 ..< depth {
            for y in 0 ..< height {
                for x in 0 ..< width {
                    let k = Int(index[v])
                    if k >= 0 {
                        let row = Int(label[v]) * labelCount
                        let c = coarse.cell(parentX: x, parentY: y, parentZ: z)
                        coarse.boundary[c] += Float(boundaryConductance(v, x: x, y: y, z: z))
                        if x < width - 1, (x + 1) >> coarse.shiftX != x >> coarse.shiftX, index[v + 1] >= 0 {
                            coarse.linkX[c] += Float(conductance[row + Int(label[v + 1])])
                        }
                        if y < height - 1, (y + 1) >> coarse.shiftY != y >> coarse.shiftY, index[v + width] >= 0 {
                            coarse.linkY[c] += Float(conductance[row + Int(label[v + width])])
                        }
                        if z < depth - 1, (z + 1) >> coarse.shiftZ != z >> coarse.shiftZ, index[v + plane] >= 0 {
                            coarse.linkZ[c] += Float(conductance[row + Int(label[v + plane])])
                        }
                    }
                    v += 1
                }
            }
        }
        return coarse
    }
}

extension VoxelOperator {
    /// Calls `body(voxel, unknown, position along the axis)` for every unknown in storage order (serial).
    func forEachUnknown(_ body: (Int, Int, Int) -> Void) {
        var v = 0
        for z in 0 ..< depth {
            for y in 0 ..< height {
                for x in 0 ..< width {
                    let k = Int(index[v])
                    if k >= 0 { body(v, k, position(x: x, y: y, z: z)) }
                    v += 1
                }
            }
        }
    }
}
