/// Steady-state diffusion (Laplace equation ∇·(D ∇c) = 0) on the voxels of a labelled image or volume, solved
/// with a multigrid-preconditioned conjugate-gradient method. Shared by ``TortuosityFactor`` and ``EffectiveDiffusivity``.
///
/// Discretisation (finite volumes on the voxel grid, the convention of TauFactor, Cooper et al., SoftwareX 5
/// (2016) 203, and of OpenImpala ≥ 4.5):
/// - one unknown concentration per conducting voxel (D > 0) at its centre;
/// - between face-adjacent voxels i, j the conductance is the harmonic mean 2·DᵢDⱼ/(Dᵢ + Dⱼ) (two half-voxel
///   resistances in series; 1 between two voxels of a single phase with D = 1), 0 when either is non-conducting;
/// - Dirichlet c = 1 on the inlet face (outer face of the first voxel layer) and c = 0 on the outlet face (outer
///   face of the last layer): the boundary lies half a voxel from the first/last voxel centre, so a voxel in the
///   first or last layer has an extra conductance 2·Dᵢ to its boundary value;
/// - no flux through the four side faces and into non-conducting voxels.
///
/// With this convention an unobstructed block of length L voxels has resistance exactly L (L − 1 full links plus two
/// half links), so a straight channel gives τ = 1 and laminates in series/parallel give their closed forms exactly.
///
/// Only voxels face-connected to both faces carry flux; the others (isolated or dead-end clusters) are found by two
/// flood fills and excluded, which makes the system matrix symmetric positive definite.
///
/// Solver: conjugate gradients preconditioned by one multigrid W-cycle (``MultigridPreconditioner``: 2 × 2 × 2
/// aggregation, Galerkin coarse operators, red-black Gauss–Seidel), so the iteration count barely grows with the
/// volume size; the kernels run on all cores in row chunks. Memory: the labels (1 B per voxel), an Int32 index per
/// voxel (4 B), four Double vectors per unknown (c, r, p, and A·p / M⁻¹r: 32 B) and the coarse levels (32 B per
/// 2 × 2 × 2 block, 1/8 less per further level: ≈ 4.6 B per voxel); nothing else is stored (matrix-free).
struct DiffusionSolver {
    let width: Int
    let height: Int
    let depth: Int
    let axis: Axis
    /// Diffusivity per label (0 = not conducting).
    let diffusivities: [Double]
    let tolerance: Double
    let maximumIterations: Int
    /// Start with the provably definite multigrid cycle (coarse-level scale 1) instead of the over-corrected one.
    var provablyDefinite = false

    /// Solves on `labels` and returns the fluxes and the convergence record.
    func solve(_ labels: ContiguousArray<UInt8>, progress: (any ProgressReporting)? = nil) -> DiffusionResult {
        let count = width * height * depth
        let labelCount = diffusivities.count
        // Conductance between two labels: harmonic mean (0 when either is non-conducting).
        var conductance = [Double](repeating: 0, count: labelCount * labelCount)
        for a in 0 ..< labelCount {
            for b in 0 ..< labelCount {
                let da = diffusivities[a], db = diffusivities[b]
                conductance[a * labelCount + b] = da > 0 && db > 0 ? 2 * da * db / (da + db) : 0
            }
        }
        let length = extent(axis)

        // 1. Conducting voxels connected to the inlet (bit 1) and to the outlet (bit 2).
        var flags = ContiguousArray<UInt8>(repeating: 0, count: count)
        var conducting = 0
        labels.withUnsafeBufferPointer { label in
            flags.withUnsafeMutableBufferPointer { flag in
                for v in 0 ..< count where diffusivities[Int(label[v])] > 0 {
                    conducting += 1
                }
                var queue = ContiguousArray<Int32>(repeating: 0, count: max(conducting, 1))
                queue.withUnsafeMutableBufferPointer { queue in
                    flood(from: 0, bit: 1, label: label, flag: flag, queue: queue)
                    flood(from: length - 1, bit: 2, label: label, flag: flag, queue: queue)
                }
            }
        }
        // 2. Index of each unknown (−1 elsewhere).
        let arena = SolverArena()
        let index = arena.allocate(count, repeating: Int32(-1))
        var unknowns = 0
        flags.withUnsafeBufferPointer { flag in
            for v in 0 ..< count where flag[v] == 3 {
                index[v] = Int32(unknowns)
                unknowns += 1
            }
        }
        flags = []
        let volumeFraction = Double(conducting) / Double(count)
        let percolatingFraction = conducting > 0 ? Double(unknowns) / Double(conducting) : 0
        guard unknowns > 0 else {
            return DiffusionResult(
                axis: axis, volumeFraction: volumeFraction, percolatingFraction: 0, effectiveDiffusivity: 0,
                tortuosityFactor: nil, inletFlux: 0, outletFlux: 0, iterations: 0, relativeResidual: 0,
                converged: true, unknowns: 0)
        }

        // 3. Operator, multigrid hierarchy and the four CG vectors: concentration c (start: linear profile),
        //    residual r, search direction p, and w (A·p, then reused for the preconditioned residual z = M⁻¹r).
        let conductanceBuffer = arena.allocate(conductance.count, repeating: 0.0)
        conductanceBuffer.update(from: conductance, count: conductance.count)
        let diffusivityBuffer = arena.allocate(labelCount, repeating: 0.0)
        diffusivityBuffer.update(from: diffusivities, count: labelCount)
        var iterations = 0
        var relativeResidual = 0.0
        var inletFlux = 0.0, outletFlux = 0.0
        labels.withUnsafeBufferPointer { label in
            let grid = VoxelOperator(
                width: width, height: height, depth: depth, axis: axis, length: length, labelCount: labelCount,
                label: label.baseAddress!, index: index, conductance: conductanceBuffer, diffusivity: diffusivityBuffer,
                uniformConductance: Set(diffusivities.filter { $0 > 0 }).count == 1 ? diffusivities.first { $0 > 0 }! : 0)
            var preconditioner = MultigridPreconditioner(fine: grid, arena: arena)
            if provablyDefinite { preconditioner = preconditioner.provablyDefinite() }
            let c = arena.vector(unknowns), r = arena.vector(unknowns), p = arena.vector(unknowns), w = arena.vector(unknowns)
            let rows = Chunks(grid.rows, work: grid.voxels)
            let vectors = Chunks(unknowns, work: unknowns)
            // Initial guess and right-hand side b (only boundary voxels: 2·Dᵢ·1 at the inlet).
            var normB = 0.0
            grid.forEachUnknown { v, k, position in
                c[k] = 1 - (Double(position) + 0.5) / Double(length)
                if position == 0 { normB += (2 * diffusivities[Int(label[v])]) * (2 * diffusivities[Int(label[v])]) }
            }
            normB = normB.squareRoot()
            rows.run { grid.apply(c, into: w, rows: $0) }
            grid.forEachUnknown { v, k, position in
                r[k] = (position == 0 ? 2 * diffusivities[Int(label[v])] : 0) - w[k]
            }
            preconditioner.apply(r, into: w)
            var rz = vectors.sum { range in range.reduce(0.0) { $0 + r[$1] * w[$1] } }
            let rr = vectors.sum { range in
                var sum = 0.0
                for k in range {
                    p[k] = w[k]
                    sum += r[k] * r[k]
                }
                return sum
            }
            relativeResidual = rr.squareRoot() / normB
            while relativeResidual > tolerance && iterations < maximumIterations {
                rows.run { grid.apply(p, into: w, rows: $0) }
                let pw = vectors.sum { range in range.reduce(0.0) { $0 + p[$1] * w[$1] } }
                guard pw > 0, rz > 0 else {
                    // Not positive definite (rounding, or the over-corrected coarse levels): restart once from the
                    // current iterate with the provably definite cycle.
                    guard !preconditioner.isProvablyDefinite else { break }
                    preconditioner = preconditioner.provablyDefinite()
                    preconditioner.apply(r, into: w)
                    rz = vectors.sum { range in
                        var sum = 0.0
                        for k in range {
                            p[k] = w[k]
                            sum += r[k] * w[k]
                        }
                        return sum
                    }
                    continue
                }
                let alpha = rz / pw
                let rr = vectors.sum { range in
                    var sum = 0.0
                    for k in range {
                        c[k] += alpha * p[k]
                        let residual = r[k] - alpha * w[k]
                        r[k] = residual
                        sum += residual * residual
                    }
                    return sum
                }
                iterations += 1
                relativeResidual = rr.squareRoot() / normB
                if relativeResidual <= tolerance { break }
                preconditioner.apply(r, into: w)
                let newRZ = vectors.sum { range in range.reduce(0.0) { $0 + r[$1] * w[$1] } }
                let beta = newRZ / rz
                rz = newRZ
                vectors.run { range in
                    for k in range { p[k] = w[k] + beta * p[k] }
                }
                if iterations % 10 == 0 {
                    progress?.report(task: "diffusion along \(axis.rawValue)", completed: iterations, total: 0)
                }
            }
            // Fluxes through the two faces: 2·Dᵢ·(c_boundary − cᵢ) per boundary voxel.
            grid.forEachUnknown { v, k, position in
                let d = diffusivities[Int(label[v])]
                if position == 0 { inletFlux += 2 * d * (1 - c[k]) }
                if position == length - 1 { outletFlux += 2 * d * c[k] }
            }
        }
        withExtendedLifetime(arena) {}

        // D_eff = J·L/(A·ΔC) with J the mean of inlet and outlet flux, A the full cross-section (voxels), ΔC = 1.
        let crossSection = Double(count / length)
        let flux = 0.5 * (inletFlux + outletFlux)
        let effective = flux * Double(length) / crossSection
        return DiffusionResult(
            axis: axis, volumeFraction: volumeFraction, percolatingFraction: percolatingFraction,
            effectiveDiffusivity: effective, tortuosityFactor: nil, inletFlux: inletFlux, outletFlux: outletFlux,
            iterations: iterations, relativeResidual: relativeResidual, converged: relativeResidual <= tolerance,
            unknowns: unknowns)
    }

    private func extent(_ axis: Axis) -> Int {
        switch axis { case .x: width; case .y: height; case .z: depth }
    }

    /// Breadth-first flood fill over face neighbours of conducting voxels, from the layer at `position` along the axis.
    private func flood(
        from position: Int, bit: UInt8, label: UnsafeBufferPointer<UInt8>, flag: UnsafeMutableBufferPointer<UInt8>,
        queue: UnsafeMutableBufferPointer<Int32>
    ) {
        var head = 0, tail = 0
        for z in 0 ..< depth {
            for y in 0 ..< height {
                for x in 0 ..< width {
                    let along = axis == .x ? x : axis == .y ? y : z
                    guard along == position else { continue }
                    let v = (z * height + y) * width + x
                    if diffusivities[Int(label[v])] > 0 && flag[v] & bit == 0 {
                        flag[v] |= bit
                        queue[tail] = Int32(v)
                        tail += 1
                    }
                }
            }
        }
        let plane = width * height
        while head < tail {
            let v = Int(queue[head])
            head += 1
            let x = v % width, y = (v / width) % height, z = v / plane
            @inline(__always) func visit(_ u: Int) {
                if flag[u] & bit == 0 && diffusivities[Int(label[u])] > 0 {
                    flag[u] |= bit
                    queue[tail] = Int32(u)
                    tail += 1
                }
            }
            if x > 0 { visit(v - 1) }
            if x < width - 1 { visit(v + 1) }
            if y > 0 { visit(v - width) }
            if y < height - 1 { visit(v + width) }
            if z > 0 { visit(v - plane) }
            if z < depth - 1 { visit(v + plane) }
        }
    }
}
