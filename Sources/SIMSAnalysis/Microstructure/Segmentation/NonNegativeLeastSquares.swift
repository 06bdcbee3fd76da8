import Foundation

/// Non-negative least squares for many right-hand sides of one small design matrix: minimise ‖A x − b‖₂ subject to
/// x ≥ 0, by the active-set algorithm of Lawson & Hanson (Solving Least Squares Problems, Prentice-Hall 1974,
/// ch. 23, algorithm NNLS), written on the normal equations: only G = AᵀA (k × k, fixed) and h = Aᵀb (per
/// right-hand side) enter, so each solve costs O(k³) whatever the number of rows.
///
/// Used per voxel by ``PhaseUnmixing`` (k = number of phase components, a handful). Matches
/// `scipy.optimize.nnls` (tested).
public struct NonNegativeLeastSquares: Sendable {
    /// The Gram matrix AᵀA, row-major k × k.
    public let gram: [Double]
    /// Number of unknowns k.
    public let unknowns: Int

    /// Prepares the solver for the design matrix `design` (rows × k, row-major).
    /// - Throws: ``SIMSError`` `invalidArgument` when the sizes do not match.
    public init(design: [Double], rows: Int, unknowns: Int) throws(SIMSError) {
        guard unknowns > 0, rows > 0, design.count == rows * unknowns else {
            throw .invalidArgument("NNLS design matrix size mismatch", found: "\(design.count) values", expected: "\(rows) × \(unknowns)")
        }
        var gram = [Double](repeating: 0, count: unknowns * unknowns)
        for r in 0 ..< rows {
            for i in 0 ..< unknowns {
                let a = design[r * unknowns + i]
                guard a != 0 else { continue }
                for j in 0 ..< unknowns { gram[i * unknowns + j] += a * design[r * unknowns + j] }
            }
        }
        self.gram = gram
        self.unknowns = unknowns
    }

    /// The solution x ≥ 0 for the normal-equation right-hand side h = Aᵀb.
    public func solve(normal h: [Double]) -> [Double] {
        let k = unknowns
        var x = [Double](repeating: 0, count: k)
        var passive = [Bool](repeating: false, count: k)
        let scale = h.reduce(0) { max($0, abs($1)) }
        guard scale > 0 else { return x }
        let tolerance = 1e-12 * scale * Double(k)
        var z = [Double](repeating: 0, count: k)
        for _ in 0 ..< 3 * k + 3 {
            // Gradient of −½‖Ax − b‖²: w = h − G x.
            var best = -1, bestValue = tolerance
            for j in 0 ..< k where !passive[j] {
                var w = h[j]
                for l in 0 ..< k { w -= gram[j * k + l] * x[l] }
                if w > bestValue { best = j; bestValue = w }
            }
            guard best >= 0 else { break }
            passive[best] = true
            for _ in 0 ..< 3 * k + 3 {
                guard solvePassive(h, passive, into: &z) else { passive[best] = false; return x }
                var alpha = 1.0, blocker = -1
                for j in 0 ..< k where passive[j] && z[j] <= 0 {
                    let step = x[j] / (x[j] - z[j])
                    if step <= alpha { alpha = step; blocker = j }
                }
                guard blocker >= 0 else {
                    x = z
                    break
                }
                for j in 0 ..< k { x[j] += alpha * (z[j] - x[j]) }
                x[blocker] = 0
                for j in 0 ..< k where passive[j] && x[j] <= 0 { passive[j] = false; x[j] = 0 }
            }
        }
        return x
    }

    /// Solves G_PP z_P = h_P by Cholesky (z = 0 off the passive set); false if G_PP is not positive definite.
    private func solvePassive(_ h: [Double], _ passive: [Bool], into z: inout [Double]) -> Bool {
        let k = unknowns
        let index = (0 ..< k).filter { passive[$0] }
        let m = index.count
        var l = [Double](repeating: 0, count: m * m)
        for a in 0 ..< m {
            for b in 0 ... a {
                var sum = gram[index[a] * k + index[b]]
                for c in 0 ..< b { sum -= l[a * m + c] * l[b * m + c] }
                if a == b {
                    guard sum > 1e-14 * max(gram[index[a] * k + index[a]], .leastNormalMagnitude) else { return false }
                    l[a * m + a] = sum.squareRoot()
                } else {
                    l[a * m + b] = sum / l[b * m + b]
                }
            }
        }
        var y = [Double](repeating: 0, count: m)
        for a in 0 ..< m {
            var sum = h[index[a]]
            for c in 0 ..< a { sum -= l[a * m + c] * y[c] }
            y[a] = sum / l[a * m + a]
        }
        for a in stride(from: m - 1, through: 0, by: -1) {
            var sum = y[a]
            for c in a + 1 ..< m { sum -= l[c * m + a] * y[c] }
            y[a] = sum / l[a * m + a]
        }
        for j in 0 ..< k { z[j] = 0 }
        for a in 0 ..< m { z[index[a]] = y[a] }
        return true
    }
}
