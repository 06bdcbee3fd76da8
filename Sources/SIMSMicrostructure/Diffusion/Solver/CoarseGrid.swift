/// One level of the multigrid hierarchy: the operator and the two work vectors on a grid of cells (dense, every
/// cell stored), each cell aggregating up to 2 × 2 × 2 cells or voxels of the finer level.
///
/// The operator is again a weighted graph Laplacian plus Dirichlet terms: cell c has the conductances ``linkX``,
/// ``linkY``, ``linkZ`` to its +x, +y, +z neighbour and ``boundary`` to the Dirichlet faces; its diagonal is their
/// sum over all six links plus the boundary term (so the matrix is symmetric positive definite whenever the finer one
/// is). Cells without any fine unknown have diagonal 0 and are skipped. Conductances are Floats (they only shape the
/// preconditioner; the diagonal is summed in Double from the same Floats, keeping the matrix exactly symmetric and
/// diagonally dominant). Memory: 16 B of Floats and 16 B of Doubles per cell.
struct CoarseGrid: MultigridLevel, @unchecked Sendable {
    let width: Int
    let height: Int
    let depth: Int
    /// A finer-level coordinate shifted right by these gives the coordinate here (1, or 0 along an axis of extent 1).
    let shiftX: Int
    let shiftY: Int
    let shiftZ: Int
    /// Conductance between cell c and c + 1 (along x).
    let linkX: UnsafeMutablePointer<Float>
    /// Conductance between cell c and c + width.
    let linkY: UnsafeMutablePointer<Float>
    /// Conductance between cell c and c + width·height.
    let linkZ: UnsafeMutablePointer<Float>
    /// Conductance to the Dirichlet faces.
    let boundary: UnsafeMutablePointer<Float>
    /// Right-hand side (the restricted residual of the finer level).
    let rhs: SolverVector
    /// Approximate solution (the coarse correction).
    let solution: SolverVector

    var plane: Int { width * height }
    var rows: Int { height * depth }
    var cells: Int { width * height * depth }

    /// An empty (all-zero) level coarsening a `parentWidth × parentHeight × parentDepth` grid.
    init(parentWidth: Int, parentHeight: Int, parentDepth: Int, arena: SolverArena) {
        shiftX = parentWidth > 1 ? 1 : 0
        shiftY = parentHeight > 1 ? 1 : 0
        shiftZ = parentDepth > 1 ? 1 : 0
        width = (parentWidth + shiftX) >> shiftX
        height = (parentHeight + shiftY) >> shiftY
        depth = (parentDepth + shiftZ) >> shiftZ
        let count = width * height * depth
        linkX = arena.allocate(count, repeating: 0)
        linkY = arena.allocate(count, repeating: 0)
        linkZ = arena.allocate(count, repeating: 0)
        boundary = arena.allocate(count, repeating: 0)
        rhs = arena.vector(count)
        solution = arena.vector(count)
    }

    /// The cell holding the finer-level cell or voxel (x, y, z).
    @inline(__always)
    func cell(parentX x: Int, parentY y: Int, parentZ z: Int) -> Int {
        ((z >> shiftZ) * height + (y >> shiftY)) * width + (x >> shiftX)
    }

    /// Cells that hold at least one unknown (diagonal > 0).
    var activeCells: Int {
        var count = 0
        var c = 0
        for z in 0 ..< depth {
            for y in 0 ..< height {
                for x in 0 ..< width {
                    if gather(c, x: x, y: y, z: z, solution).diagonal > 0 { count += 1 }
                    c += 1
                }
            }
        }
        return count
    }

    /// Row c of the operator applied to `u`: the diagonal and the neighbour sum Σ g·u.
    @inline(__always)
    func gather(_ c: Int, x: Int, y: Int, z: Int, _ u: SolverVector) -> (diagonal: Double, neighbours: Double) {
        var diagonal = Double(boundary[c]), neighbours = 0.0
        @inline(__always) func link(_ g: Float, _ n: Int) {
            let g = Double(g)
            diagonal += g
            neighbours += g * u[n]
        }
        if x > 0 { link(linkX[c - 1], c - 1) }
        if x < width - 1 { link(linkX[c], c + 1) }
        if y > 0 { link(linkY[c - width], c - width) }
        if y < height - 1 { link(linkY[c], c + width) }
        if z > 0 { link(linkZ[c - plane], c - plane) }
        if z < depth - 1 { link(linkZ[c], c + plane) }
        return (diagonal, neighbours)
    }

    func relax(colour: Int, rhs: SolverVector, solution: SolverVector, fromZero: Bool, rows: Range<Int>) {
        for row in rows {
            let y = row % height, z = row / height
            var x = (colour + y + z) & 1
            var c = row * width + x
            while x < width {
                let (d, s) = gather(c, x: x, y: y, z: z, solution)
                if d > 0 { solution[c] = (rhs[c] + (fromZero ? 0 : s)) / d }
                x += 2
                c += 2
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
                    var c = row * width + x
                    while x < width {
                        let (d, s) = gather(c, x: x, y: y, z: z, solution)
                        if d > 0 { coarse.rhs[base + x >> coarse.shiftX] += rhs[c] - d * solution[c] + s }
                        x += 2
                        c += 2
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
            var c = row * width + x
            while x < width {
                solution[c] += scale * coarse.solution[base + x >> coarse.shiftX]
                x += 2
                c += 2
            }
        }
    }

    /// The Galerkin coarse operator of this level (see ``VoxelOperator/coarsened(in:)``).
    func coarsened(in arena: SolverArena) -> CoarseGrid {
        let coarse = CoarseGrid(parentWidth: width, parentHeight: height, parentDepth: depth, arena: arena)
        var c = 0
        for z in 0 ..< depth {
            for y in 0 ..< height {
                for x in 0 ..< width {
                    let parent = coarse.cell(parentX: x, parentY: y, parentZ: z)
                    coarse.boundary[parent] += boundary[c]
                    if x < width - 1, (x + 1) >> coarse.shiftX != x >> coarse.shiftX { coarse.linkX[parent] += linkX[c] }
                    if y < height - 1, (y + 1) >> coarse.shiftY != y >> coarse.shiftY { coarse.linkY[parent] += linkY[c] }
                    if z < depth - 1, (z + 1) >> coarse.shiftZ != z >> coarse.shiftZ { coarse.linkZ[parent] += linkZ[c] }
                    c += 1
                }
            }
        }
        return coarse
    }
}
