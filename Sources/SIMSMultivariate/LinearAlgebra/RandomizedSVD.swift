/// A truncated SVD of a large matrix by random projection (Halko, Martinsson & Tropp, "Finding structure with
/// randomness", SIAM Review 53 (2011) 217, Algorithms 4.4 + 5.1):
///
/// 1. Ω: `n × (k + p)` Gaussian test matrix (p = oversampling), Y = A·Ω;
/// 2. q power iterations Y ← A·(Aᵀ·Y), re-orthonormalized by QR after every product (Alg. 4.4);
/// 3. Q = qr(Y), B = Qᵀ·A (small), SVD of B = Ũ Σ Vᵀ, U = Q·Ũ; keep the first k triplets.
///
/// Seeded, so results are reproducible.
public struct RandomizedSVD: Sendable {
    /// Number of singular triplets wanted (k).
    public var rank: Int
    /// Extra random directions (p), 10 by default as recommended by Halko et al.
    public var oversampling: Int = 10
    /// Power iterations (q); 4 gives near-optimal accuracy for slowly decaying spectra.
    public var powerIterations: Int = 4
    /// Seed of the Gaussian test matrix.
    public var seed: UInt64 = 0

    /// Configures a decomposition of rank `rank`.
    public init(rank: Int, oversampling: Int = 10, powerIterations: Int = 4, seed: UInt64 = 0) {
        self.rank = rank
        self.oversampling = oversampling
        self.powerIterations = powerIterations
        self.seed = seed
    }

    /// Computes the truncated decomposition of `a` (`U` is `m × k`, `V` is `n × k`).
    public func fit(_ a: Matrix) throws(SIMSError) -> SingularValueDecomposition.Truncated {
        let m = a.rows, n = a.columns
        guard rank >= 1, rank <= min(m, n) else {
            throw .invalidArgument("randomized SVD rank out of range", found: "\(rank)", expected: "1…\(min(m, n))")
        }
        let l = min(rank + max(oversampling, 0), min(m, n))
        var generator = SeededGenerator(seed: seed)
        let omega = Matrix.gaussian(rows: n, columns: l, generator: &generator)
        var q = try QRDecomposition(a.multiplied(by: omega)).q
        for _ in 0..<max(powerIterations, 0) {
            let z = try QRDecomposition(a.transposeMultiplied(by: q)).q   // n × l
            q = try QRDecomposition(a.multiplied(by: z)).q                // m × l
        }
        let bt = a.transposeMultiplied(by: q)                             // Aᵀ Q = Bᵀ (n × l)
        let svd = try SingularValueDecomposition(bt)                      // Bᵀ = V Σ Ũᵀ
        let uFull = q.multiplied(by: svd.v)                               // m × l
        return SingularValueDecomposition.Truncated(
            u: uFull.columns(0..<rank), singularValues: Array(svd.singularValues.prefix(rank)), v: svd.u.columns(0..<rank))
    }
}

extension SingularValueDecomposition {
    /// The leading k singular triplets of a matrix.
    public struct Truncated: Sendable {
        /// Left singular vectors (`m × k`).
        public let u: Matrix
        /// Singular values, descending.
        public let singularValues: [Double]
        /// Right singular vectors (`n × k`).
        public let v: Matrix
    }
}
