import SIMSCore
import SIMSMultivariate

extension CertifiedNNLS {
    /// Solves min ½ Σᵢ wᵢ (yᵢ − (Ax)ᵢ)² subject to 0 ≤ x ≤ u (bounded-variable least squares), to a certified optimum.
    ///
    /// An outer active set on the upper bounds around the non-negative solver (the bounded-variable idea of Stark &
    /// Parker, Comput. Stat. 10 (1995) 129): the variables at their bound are moved to the right-hand side
    /// (y − A_U u_U), the rest solved by ``fit(design:observations:weights:)``; the free variable furthest above its
    /// bound (relative to it) is then fixed at it, or a fixed one whose normalized gradient points down (below minus a
    /// tenth of the dual tolerance) is released, one at a time, until neither happens. The certificate is evaluated
    /// from A, y, W and u for the whole problem: at x = u the gradient must not point down (see
    /// ``KKTCertificate``). `u` may hold `.infinity` (no bound). A safety cap of 2k + 10 outer steps marks the result
    /// not certified. Variables at their bound are listed in ``NNLSSolution/atUpperBound`` and excluded from the
    /// support (they are not free parameters, so they get no Fisher standard error).
    public func fit(design a: Matrix, observations y: [Double], weights w: [Double]? = nil, upperBounds u: [Double]) throws(SIMSError) -> NNLSSolution {
        let m = a.rows, k = a.columns
        guard u.count == k else {
            throw .invalidArgument("NNLS: upper bounds must have one value per design column", found: "\(u.count)", expected: "\(k)")
        }
        if let bad = u.firstIndex(where: { !($0 >= 0) }) {
            throw .invalidArgument("NNLS: upper bounds must be non-negative", found: "u[\(bad)] = \(u[bad])", expected: "≥ 0 (or infinity)")
        }
        var atUpper: [Int] = []
        var iterations = 0, outer = 0
        let cap = 2 * k + 10
        while true {
            outer += 1
            let free = (0..<k).filter { !atUpper.contains($0) }
            var shifted = y
            for j in atUpper { for i in 0..<m { shifted[i] -= a[i, j] * u[j] } }
            let sub = try fit(design: Matrix(rows: m, columns: free.count) { a[$0, free[$1]] }, observations: shifted, weights: w)
            iterations += sub.certificate.iterations
            var x = [Double](repeating: 0, count: k)
            for (c, j) in free.enumerated() { x[j] = sub.coefficients[c] }
            for j in atUpper { x[j] = u[j] }
            let capped = outer >= cap
            if !capped, let j = free.filter({ x[$0] > u[$0] }).max(by: { x[$0] / u[$0] < x[$1] / u[$1] }) {
                atUpper.append(j)
                continue
            }
            let gradient = Self.normalizedGradient(x: x, design: a, observations: y, weights: w)
            if !capped, let j = atUpper.min(by: { gradient[$0] < gradient[$1] }), gradient[j] < -dualTolerance / 10 {
                atUpper.removeAll { $0 == j }
                continue
            }
            var scaled = a
            if let w { for i in 0..<m { let r = w[i].squareRoot(); for j in 0..<k { scaled.elements[i * k + j] *= r } } }
            let certificate = Self.certify(x: x, design: a, observations: y, weights: w, iterations: iterations, capped: capped,
                                           dualTolerance: dualTolerance, complementarityTolerance: complementarityTolerance, upper: u)
            return NNLSSolution(coefficients: x, certificate: certificate, weightedResidualSumOfSquares: sub.weightedResidualSumOfSquares,
                                gram: scaled.gram(), atUpperBound: atUpper.sorted())
        }
    }

    /// [Aᵀ W (y − Ax)]ⱼ / (‖√W aⱼ‖ ‖√W y‖) per column (0 for an empty column): the quantity the certificate bounds.
    static func normalizedGradient(x: [Double], design a: Matrix, observations y: [Double], weights w: [Double]?) -> [Double] {
        let m = a.rows, k = a.columns
        var gradient = [Double](repeating: 0, count: k), columnNormSquared = [Double](repeating: 0, count: k)
        var yNormSquared = 0.0
        for i in 0..<m {
            let weight = w?[i] ?? 1
            var r = y[i]
            for j in 0..<k where x[j] != 0 { r -= a.elements[i * k + j] * x[j] }
            yNormSquared += weight * y[i] * y[i]
            for j in 0..<k {
                let aij = a.elements[i * k + j]
                gradient[j] += weight * aij * r
                columnNormSquared[j] += weight * aij * aij
            }
        }
        let yNorm = yNormSquared.squareRoot()
        return (0..<k).map { j in columnNormSquared[j] > 0 && yNorm > 0 ? gradient[j] / (columnNormSquared[j].squareRoot() * yNorm) : 0 }
    }
}
