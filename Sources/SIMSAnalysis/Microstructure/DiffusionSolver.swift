/// Steady-state diffusion (Laplace equation ∇·(D ∇c) = 0) on the voxels of a labelled image or volume, solved
/// with a preconditioned (Jacobi or symmetric SOR) conjugate-gradient method. Shared by ``TortuosityFactor`` and ``EffectiveDiffusivity``.
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
/// flood fills and excluded, which makes the system matrix symmetric positive definite. Memory: the labels (1 B per
/// voxel), an Int32 index per voxel, and per unknown four Double vectors (c, r, p, A·p), one Float (1/diagonal)
/// and, for SSOR, a fifth Double vector (z).
struct DiffusionSolver {
    let width: Int
    let height: Int
    let depth: Int
    let axis: Axis
    /// Diffusivity per label (0 = not conducting).
    let diffusivities: [Double]
    let tolerance: Double
    let maximumIterations: Int
    let preconditioner: Preconditioner

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
        let axisStride = stride(axis)

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
        var index = ContiguousArray<Int32>(repeating: -1, count: count)
        var unknowns = 0
        flags.withUnsafeBufferPointer { flag in
            index.withUnsafeMutableBufferPointer { index in
                for v in 0 ..< count where flag[v] == 3 {
                    index[v] = Int32(unknowns)
                    unknowns += 1
                }
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

        // 3. Vectors: concentration c (start: linear profile), residual r, direction p, q = A·p, 1/diag.
        var c = ContiguousArray<Double>(repeating: 0, count: unknowns)
        var r = ContiguousArray<Double>(repeating: 0, count: unknowns)
        var p = ContiguousArray<Double>(repeating: 0, count: unknowns)
        var q = ContiguousArray<Double>(repeating: 0, count: unknowns)
        var inverseDiagonal = ContiguousArray<Float>(repeating: 0, count: unknowns)
        var z = ContiguousArray<Double>(repeating: 0, count: preconditioner == .jacobi ? 0 : unknowns)
        var iterations = 0
        var relativeResidual = 0.0
        var inletFlux = 0.0, outletFlux = 0.0

        labels.withUnsafeBufferPointer { label in
        index.withUnsafeBufferPointer { index in
        conductance.withUnsafeBufferPointer { conductance in
        diffusivities.withUnsafeBufferPointer { diffusivity in
        c.withUnsafeMutableBufferPointer { c in
        r.withUnsafeMutableBufferPointer { r in
        p.withUnsafeMutableBufferPointer { p in
        q.withUnsafeMutableBufferPointer { q in
        z.withUnsafeMutableBufferPointer { z in
        inverseDiagonal.withUnsafeMutableBufferPointer { inverseDiagonal in
            let operators = Operators(
                width: width, height: height, depth: depth, axisStride: axisStride, length: length,
                labelCount: labelCount, label: label, index: index, conductance: conductance, diffusivity: diffusivity)
            // Initial guess and right-hand side b (only boundary voxels: 2·Dᵢ·1 at the inlet).
            var normB = 0.0
            operators.forEachUnknown { v, k, position in
                let d = diffusivity[Int(label[v])]
                c[k] = 1 - (Double(position) + 0.5) / Double(length)
                if position == 0 { normB += (2 * d) * (2 * d) }
            }
            normB = normB.squareRoot()
            // r = b − A c ; diagonal.
            operators.apply(c, into: q, diagonal: inverseDiagonal)
            operators.forEachUnknown { v, k, position in
                let b = position == 0 ? 2 * diffusivity[Int(label[v])] : 0
                r[k] = b - q[k]
            }
            for k in 0 ..< unknowns { inverseDiagonal[k] = 1 / inverseDiagonal[k] }
            /// z = M⁻¹ r, returns r·z.
            func precondition() -> Double {
                var rz = 0.0
                switch preconditioner {
                case .jacobi:
                    for k in 0 ..< unknowns { rz += r[k] * r[k] * Double(inverseDiagonal[k]) }
                case .ssor(let omega):
                    operators.symmetricSweep(r, into: z, inverseDiagonal: inverseDiagonal, omega: omega)
                    for k in 0 ..< unknowns { rz += r[k] * z[k] }
                }
                return rz
            }
            var rz = precondition()
            var rr = 0.0
            for k in 0 ..< unknowns {
                p[k] = preconditioner == .jacobi ? r[k] * Double(inverseDiagonal[k]) : z[k]
                rr += r[k] * r[k]
            }
            relativeResidual = rr.squareRoot() / normB
            while relativeResidual > tolerance && iterations < maximumIterations {
                operators.apply(p, into: q, diagonal: nil)
                var pq = 0.0
                for k in 0 ..< unknowns { pq += p[k] * q[k] }
                guard pq > 0 else { break }
                let alpha = rz / pq
                rr = 0
                for k in 0 ..< unknowns {
                    c[k] += alpha * p[k]
                    let residual = r[k] - alpha * q[k]
                    r[k] = residual
                    rr += residual * residual
                }
                iterations += 1
                relativeResidual = rr.squareRoot() / normB
                if relativeResidual <= tolerance { break }
                let newRZ = precondition()
                let beta = newRZ / rz
                rz = newRZ
                if preconditioner == .jacobi {
                    for k in 0 ..< unknowns { p[k] = r[k] * Double(inverseDiagonal[k]) + beta * p[k] }
                } else {
                    for k in 0 ..< unknowns { p[k] = z[k] + beta * p[k] }
                }
                if iterations % 50 == 0 {
                    progress?.report(task: "diffusion along \(axis.rawValue)", completed: iterations, total: 0)
                }
            }
            // Fluxes through the two faces: 2·Dᵢ·(c_boundary − cᵢ) per boundary voxel.
            operators.forEachUnknown { v, k, position in
                let d = diffusivity[Int(label[v])]
                if position == 0 { inletFlux += 2 * d * (1 - c[k]) }
                if position == length - 1 { outletFlux += 2 * d * c[k] }
            }
        }}}}}}}}}}

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

    private func stride(_ axis: Axis) -> Int {
        switch axis { case .x: 1; case .y: width; case .z: width * height }
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

/// The matrix-free operator A of the diffusion system over raw buffers.
private struct Operators {
    let width: Int
    let height: Int
    let depth: Int
    let axisStride: Int
    let length: Int
    let labelCount: Int
    let label: UnsafeBufferPointer<UInt8>
    let index: UnsafeBufferPointer<Int32>
    let conductance: UnsafeBufferPointer<Double>
    let diffusivity: UnsafeBufferPointer<Double>

    /// Calls `body(voxel, unknown, position along the axis)` for every unknown in storage order.
    @inline(__always)
    func forEachUnknown(_ body: (Int, Int, Int) -> Void) {
        var v = 0
        for z in 0 ..< depth {
            for y in 0 ..< height {
                for x in 0 ..< width {
                    let k = Int(index[v])
                    if k >= 0 {
                        let position = axisStride == 1 ? x : axisStride == width ? y : z
                        body(v, k, position)
                    }
                    v += 1
                }
            }
        }
    }

    /// q = A·p; when `diagonal` is given, also stores the diagonal of A there.
    func apply(
        _ p: UnsafeMutableBufferPointer<Double>, into q: UnsafeMutableBufferPointer<Double>,
        diagonal: UnsafeMutableBufferPointer<Float>?
    ) {
        let plane = width * height
        let isX = axisStride == 1, isY = axisStride == width
        var v = 0
        for z in 0 ..< depth {
            for y in 0 ..< height {
                for x in 0 ..< width {
                    let k = Int(index[v])
                    if k >= 0 {
                        let row = Int(label[v]) * labelCount
                        var diagonalSum = 0.0, offDiagonal = 0.0
                        @inline(__always) func link(_ u: Int) {
                            let j = Int(index[u])
                            if j >= 0 {
                                let g = conductance[row + Int(label[u])]
                                diagonalSum += g
                                offDiagonal += g * p[j]
                            }
                        }
                        if x > 0 { link(v - 1) }
                        if x < width - 1 { link(v + 1) }
                        if y > 0 { link(v - width) }
                        if y < height - 1 { link(v + width) }
                        if z > 0 { link(v - plane) }
                        if z < depth - 1 { link(v + plane) }
                        let position = isX ? x : isY ? y : z
                        if position == 0 || position == length - 1 {
                            let boundary = 2 * diffusivity[Int(label[v])]
                            diagonalSum += position == 0 && length == 1 ? 2 * boundary : boundary
                        }
                        q[k] = diagonalSum * p[k] - offDiagonal
                        diagonal?[k] = Float(diagonalSum)
                    }
                    v += 1
                }
            }
        }
    }

    /// Symmetric successive over-relaxation: z = M⁻¹ r with
    /// M = ω/(2−ω) · (D/ω + L) (D/ω)⁻¹ (D/ω + U) (Saad, *Iterative Methods for Sparse Linear Systems*, 2nd ed., §10.2),
    /// L and U the parts of A below and above the diagonal in storage order. A forward sweep
    /// y_k = ω/d_k · (r_k + Σ_{j<k} g_kj y_j), a backward sweep z_k = y_k + ω/d_k · Σ_{j>k} g_kj z_j, then the
    /// factor (2−ω)/ω; no extra storage besides z.
    func symmetricSweep(
        _ r: UnsafeMutableBufferPointer<Double>, into z: UnsafeMutableBufferPointer<Double>,
        inverseDiagonal: UnsafeMutableBufferPointer<Float>, omega: Double
    ) {
        let plane = width * height
        var v = 0
        for zi in 0 ..< depth {
            for y in 0 ..< height {
                for x in 0 ..< width {
                    let k = Int(index[v])
                    if k >= 0 {
                        let row = Int(label[v]) * labelCount
                        var sum = r[k]
                        @inline(__always) func lower(_ u: Int) {
                            let j = Int(index[u])
                            if j >= 0 { sum += conductance[row + Int(label[u])] * z[j] }
                        }
                        if x > 0 { lower(v - 1) }
                        if y > 0 { lower(v - width) }
                        if zi > 0 { lower(v - plane) }
                        z[k] = omega * Double(inverseDiagonal[k]) * sum
                    }
                    v += 1
                }
            }
        }
        let scale = (2 - omega) / omega
        v = width * height * depth - 1
        for zi in stride(from: depth - 1, through: 0, by: -1) {
            for y in stride(from: height - 1, through: 0, by: -1) {
                for x in stride(from: width - 1, through: 0, by: -1) {
                    let k = Int(index[v])
                    if k >= 0 {
                        let row = Int(label[v]) * labelCount
                        var sum = 0.0
                        @inline(__always) func upper(_ u: Int) {
                            let j = Int(index[u])
                            if j >= 0 { sum += conductance[row + Int(label[u])] * z[j] }
                        }
                        if x < width - 1 { upper(v + 1) }
                        if y < height - 1 { upper(v + width) }
                        if zi < depth - 1 { upper(v + plane) }
                        z[k] += omega * Double(inverseDiagonal[k]) * sum
                    }
                    v -= 1
                }
            }
        }
        // Scale after the backward sweep (the upper sums above must see unscaled values).
        for k in 0 ..< z.count { z[k] *= scale }
    }
}

/// Preconditioner of the conjugate-gradient diffusion solve.
public enum Preconditioner: Sendable, Equatable, Hashable {
    /// Diagonal (Jacobi) scaling: cheapest per iteration, most iterations.
    case jacobi
    /// Symmetric SOR with relaxation ω ∈ (0, 2): about 3 × the work of Jacobi per iteration, several times fewer
    /// iterations on voxel Laplacians.
    case ssor(omega: Double)
}
