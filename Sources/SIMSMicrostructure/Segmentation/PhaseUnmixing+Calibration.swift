import Foundation
import SIMSAnalysis
import SIMSMultivariate

extension PhaseUnmixing {
    /// Signatures of the interphase components (a thin layer such as a CEI, never pure in a pixel); the others are
    /// returned unchanged.
    ///
    /// **Direction** (counts of every ion relative to the component's specific marker m_j): each smoothed ion image is
    /// regressed on the smoothed specific-marker images of all components, yᵢ ≈ Σ_c k_{c,i} x_c — exact in expectation,
    /// since each specific marker is proportional to its component's amount. The regressors carry counting noise, which
    /// biases ordinary least squares towards zero; the normal matrix is corrected by the known noise, XᵀX − diag(Σ Var x_c)
    /// with Var from the counts (`GaussianFilter.countingVariance(of:width:height:depth:)`; errors-in-variables
    /// method of moments, Fuller, Measurement Error Models, Wiley 1987, Sec. 1.2). Direction_j,i = max(k_{j,i}, 0), 1
    /// at m_j.
    ///
    /// **Scale** L_j (the smoothed count of m_j in the pure interphase): closure, Σ_c a_c = 1 in every solid pixel,
    /// i.e. Σ_c b_c = t with t the local yield. The linear least-squares amounts u = Σ b of the other components and
    /// c_j of the interphases at unit scale satisfy t − u ≈ Σ_j c_j / L_j; t is the normalized convolution
    /// (``closureSmoothing``) of u over the solid pixels whose interphase amount is below its median (Knutsson &
    /// Westin 1993). The regression of t − u on the c_j over the solid pixels is again corrected for the counting noise
    /// of c_j and for its covariance with u, both linear in the counts (method of moments). Returned with each level's
    /// relative standard error from a jackknife over ``jackknifeBlocks`` spatial blocks.
    func interphaseSignatures(components: [Component], channels: ImageChannels, smoothed: [ContiguousArray<Double>],
                              solid: [Bool]) throws(SIMSError) -> (signatures: [[Double]], relativeStandardErrors: [Int: Double]) {
        let (width, height, depth) = (channels.width, channels.height, channels.depth)
        let variance = channels.ions.indices.map { smoothing.countingVariance(of: channels.counts[$0], width: width, height: height, depth: depth) }
        let directions = try interphaseDirections(components: components, ions: channels.ions, smoothed: smoothed, variance: variance)
        return try interphaseLevels(components: components, directions: directions, channels: channels, smoothed: smoothed,
                                    variance: variance, solid: solid)
    }

    /// The signatures with each interphase's replaced by its direction (1 at its specific marker).
    private func interphaseDirections(components: [Component], ions: [String], smoothed: [ContiguousArray<Double>],
                                      variance: [ContiguousArray<Double>]) throws(SIMSError) -> [[Double]] {
        let k = components.count, n = smoothed.first?.count ?? 0
        let interphases = (0 ..< k).filter { components[$0].isInterphase }
        let specific = components.map { ions.firstIndex(of: $0.specificMarker)! }
        var normal = [Double](repeating: 0, count: k * k)  // XᵀX − diag(noise)
        for a in 0 ..< k {
            for b in a ..< k {
                var sum = 0.0
                for v in 0 ..< n { sum += smoothed[specific[a]][v] * smoothed[specific[b]][v] }
                if a == b { sum -= variance[specific[a]].reduce(0, +) }
                normal[a * k + b] = sum; normal[b * k + a] = sum
            }
        }
        var signatures = components.map(\.signature)
        for j in interphases { signatures[j] = [Double](repeating: 0, count: ions.count) }
        guard let normalFactor = try? CholeskyDecomposition(Matrix(rows: k, columns: k) { normal[$0 * k + $1] }) else {
            throw SIMSError(.numerical, "the interphase cannot be calibrated: the marker images are too noisy or collinear",
                            found: components.map(\.specificMarker).joined(separator: ", "), expected: "one specific marker per component with counts")
        }
        for i in ions.indices {
            var right = [Double](repeating: 0, count: k)
            for a in 0 ..< k { for v in 0 ..< n { right[a] += smoothed[specific[a]][v] * smoothed[i][v] } }
            let coefficients = normalFactor.solve(right)
            for j in interphases { signatures[j][i] = max(coefficients[j], 0) }
        }
        for j in interphases { signatures[j][specific[j]] = 1 }
        return signatures
    }

    /// The interphase directions scaled to their levels by closure, with the levels' relative standard errors.
    private func interphaseLevels(components: [Component], directions signatures: [[Double]], channels: ImageChannels,
                                  smoothed: [ContiguousArray<Double>], variance: [ContiguousArray<Double>],
                                  solid: [Bool]) throws(SIMSError) -> (signatures: [[Double]], relativeStandardErrors: [Int: Double]) {
        let (width, height, depth) = (channels.width, channels.height, channels.depth)
        let ions = channels.ions
        let k = components.count, n = channels.voxelCount
        let interphases = (0 ..< k).filter { components[$0].isInterphase }
        var signatures = signatures
        let weights = Self.ionWeights(components)
        let design = Matrix(rows: ions.count, columns: k) { i, c in signatures[c][i] * weights[i] }
        // P = (MwᵀMw)⁻¹ Mwᵀ diag(w): amounts b = P y.
        guard let gramFactor = try? CholeskyDecomposition(design.gram()) else {
            throw SIMSError(.numerical, "the phase signatures are linearly dependent", found: components.map(\.rule.description).joined(separator: " "),
                            expected: "phases that differ in their ion signals")
        }
        var projection = [[Double]](repeating: [Double](repeating: 0, count: ions.count), count: k)
        for i in ions.indices {
            let column = gramFactor.solve((0 ..< k).map { design[i, $0] * weights[i] })
            for c in 0 ..< k { projection[c][i] = column[c] }
        }
        let main = (0 ..< k).filter { !components[$0].isInterphase }
        let alpha = ions.indices.map { i in main.reduce(0) { $0 + projection[$1][i] } }
        var u = ContiguousArray<Double>(repeating: 0, count: n)
        var c = [ContiguousArray<Double>](repeating: ContiguousArray(repeating: 0, count: n), count: interphases.count)
        for v in 0 ..< n {
            for i in ions.indices { u[v] += alpha[i] * smoothed[i][v] }
            for (jj, j) in interphases.enumerated() { for i in ions.indices { c[jj][v] += projection[j][i] * smoothed[i][v] } }
        }
        let interphaseTotal = ContiguousArray((0 ..< n).map { v in c.reduce(0) { $0 + $1[v] } })
        let cut = MarkerScores.quantile(ContiguousArray((0 ..< n).filter { solid[$0] }.map { interphaseTotal[$0] }), 0.5)
        var weight = ContiguousArray<Double>(repeating: 0, count: n), weighted = weight
        for v in 0 ..< n where solid[v] && interphaseTotal[v] < cut { weight[v] = 1; weighted[v] = u[v] }
        let numerator = closureSmoothing.apply(weighted, width: width, height: height, depth: depth)
        let denominator = closureSmoothing.apply(weight, width: width, height: height, depth: depth)
        // Moment sums per spatial block (contiguous bands of the voxel order: slabs along z, or rows in 2-D), so that
        // the block jackknife gives the calibration's standard error with the spatial correlation of smoothed data.
        let m = interphases.count
        let blockCount = Self.jackknifeBlocks
        var blocks = [ClosureMoments](repeating: ClosureMoments(size: m), count: blockCount)
        var varianceSum = [[Double]](repeating: [Double](repeating: 0, count: ions.count), count: blockCount)
        for v in 0 ..< n where solid[v] && denominator[v] > 1e-9 {
            let block = v * blockCount / n
            let t = numerator[v] / denominator[v]
            for a in 0 ..< m {
                blocks[block].right[a] += c[a][v] * (t - u[v])
                for b in 0 ..< m { blocks[block].matrix[a * m + b] += c[a][v] * c[b][v] }
            }
            for i in ions.indices { varianceSum[block][i] += variance[i][v] }
        }
        // Noise corrections: + Σ Cov(c_a, u) on the right, − Σ Cov(c_a, c_b) in the matrix.
        for block in 0 ..< blockCount {
            for (a, ja) in interphases.enumerated() {
                for i in ions.indices { blocks[block].right[a] += alpha[i] * projection[ja][i] * varianceSum[block][i] }
                for (b, jb) in interphases.enumerated() {
                    for i in ions.indices { blocks[block].matrix[a * m + b] -= projection[ja][i] * projection[jb][i] * varianceSum[block][i] }
                }
            }
        }
        let total = blocks.reduce(ClosureMoments(size: m), +)
        guard let inverseLevels = total.solution() else {
            throw SIMSError(.numerical, "the interphase cannot be calibrated by closure (singular system)",
                            found: interphases.map { components[$0].rule.description }.joined(separator: " "), expected: "an interphase with counts")
        }
        // Block jackknife (Efron & Stein 1981; Künsch 1989 for dependent data): leave one block out.
        let partial = blocks.compactMap { (total - $0).solution() }
        var relativeErrors: [Int: Double] = [:]
        for (a, j) in interphases.enumerated() {
            guard inverseLevels[a] > 0, inverseLevels[a].isFinite else {
                throw SIMSError(.numerical, "interphase \(components[j].rule.description): closure gives no positive level",
                                found: "1/level = \(inverseLevels[a])", expected: "an interphase whose markers rise where the other phases' amounts fall short")
            }
            let level = 1 / inverseLevels[a]
            for i in ions.indices { signatures[j][i] *= level }
            if partial.count == blockCount {
                let values = partial.map { $0[a] }
                let mean = values.reduce(0, +) / Double(blockCount)
                let spread = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                relativeErrors[j] = (Double(blockCount - 1) / Double(blockCount) * spread).squareRoot() / inverseLevels[a]
            } else {
                relativeErrors[j] = .infinity
            }
        }
        return (signatures, relativeErrors)
    }
}

extension PhaseUnmixing {
    /// Spatial blocks of the jackknife of the closure calibration.
    static let jackknifeBlocks = 8

    /// Sums of the closure regression over a set of voxels: Σ c cᵀ − noise and Σ c (t − u) + noise.
    struct ClosureMoments {
        var matrix: [Double]
        var right: [Double]

        init(size: Int) {
            matrix = [Double](repeating: 0, count: size * size)
            right = [Double](repeating: 0, count: size)
        }

        /// 1/L of every interphase, or `nil` when the matrix is not positive definite.
        func solution() -> [Double]? {
            let m = right.count
            return try? CholeskyDecomposition(Matrix(rows: m, columns: m) { matrix[$0 * m + $1] }).solve(right)
        }

        static func + (a: Self, b: Self) -> Self {
            var sum = a
            for i in sum.matrix.indices { sum.matrix[i] += b.matrix[i] }
            for i in sum.right.indices { sum.right[i] += b.right[i] }
            return sum
        }

        static func - (a: Self, b: Self) -> Self {
            var difference = a
            for i in difference.matrix.indices { difference.matrix[i] -= b.matrix[i] }
            for i in difference.right.indices { difference.right[i] -= b.right[i] }
            return difference
        }
    }
}
