/// The Cholesky factor L (A = L Lᵀ) of a small dense symmetric positive definite matrix, by the
/// Cholesky–Banachiewicz recurrence (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 4.2.2), and solves with it.
///
/// Serves the coarsest multigrid level of the tortuosity solver (where a pivot spoiled by rounding is clamped, which
/// keeps L Lᵀ positive definite) and the small normal equations of the phase unmixing (where a non-positive pivot
/// means the system is not definite and the factorisation fails).
struct CholeskyFactor {
    /// Order n.
    let size: Int
    /// L, row-major n × n (lower triangle used).
    private var lower: [Double]

    /// Factors `matrix` (row-major `size` × `size`, symmetric; the lower triangle is read). With `clampingPivots`
    /// a pivot below 1e-12 × the diagonal entry is raised to it; without, such a pivot returns `nil`.
    init?(symmetric matrix: [Double], size n: Int, clampingPivots: Bool = false) {
        precondition(matrix.count == n * n, "CholeskyFactor: size mismatch")
        var a = matrix
        for i in 0 ..< n {
            for j in 0 ... i {
                var sum = a[i * n + j]
                for k in 0 ..< j { sum -= a[i * n + k] * a[j * n + k] }
                if i == j {
                    let floor = 1e-300 + 1e-12 * matrix[i * n + i]
                    guard sum > floor || clampingPivots else { return nil }
                    a[i * n + i] = max(sum, floor).squareRoot()
                } else {
                    a[i * n + j] = sum / a[j * n + j]
                }
            }
        }
        size = n
        lower = a
    }

    /// Overwrites `b` with A⁻¹ b (forward, then backward substitution).
    func solve(_ b: inout [Double]) {
        let n = size
        for i in 0 ..< n {
            var sum = b[i]
            for k in 0 ..< i { sum -= lower[i * n + k] * b[k] }
            b[i] = sum / lower[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[i]
            for k in i + 1 ..< n { sum -= lower[k * n + i] * b[k] }
            b[i] = sum / lower[i * n + i]
        }
    }

    /// A⁻¹ b.
    func solving(_ b: [Double]) -> [Double] {
        var x = b
        solve(&x)
        return x
    }
}
