import SIMSCore
import SIMSMultivariate

/// Weighted non-negative least squares, min ½ Σᵢ wᵢ (yᵢ − (Ax)ᵢ)² subject to x ≥ 0, solved to a certified optimum.
///
/// The method is the active-set algorithm of Lawson & Hanson (*Solving Least Squares Problems*, 1974, ch. 23,
/// algorithm NNLS) in the cross-product form of Bro & de Jong (J. Chemometrics 11 (1997) 393): the weighted
/// design √W·A enters only through G = AᵀWA and c = AᵀWy, and each passive-set sub-problem G_PP z = c_P is solved
/// on a Cholesky factor of G_PP that is updated when a variable enters and downdated when one leaves
/// (``PassiveCholesky``), O(p²) per step instead of a fresh O(p³) factorization. The loop stops when no zero variable has a normalized gradient above a tenth of the dual
/// tolerance; the ``KKTCertificate`` is then evaluated afresh from A, y and W (not from G), so a sub-problem that
/// rounding spoilt shows as an uncertified result instead of passing silently. There is no fixed iteration
/// count: ``maximumIterations`` is only a safety net, and reaching it is reported as "not certified".
///
/// Estimator shape:
/// ```swift
/// var solver = CertifiedNNLS()            // configure (tolerances, safety cap)
/// let fit = try solver.fit(design: a, observations: y, weights: y.map { 1 / max($0, 1) })
/// fit.coefficients; fit.certificate.isCertified; fit.standardErrors()
/// ```
public struct CertifiedNNLS: Sendable {
    /// Tolerance on the normalized gradient of the zero variables (``KKTCertificate/dualViolation``).
    public var dualTolerance: Double = 1e-9
    /// Tolerance on the normalized gradient of the positive variables (``KKTCertificate/complementarityViolation``).
    public var complementarityTolerance: Double = 1e-9
    /// Safety cap on active-set iterations (`nil`: 5·k + 50 for k columns; Lawson–Hanson needs about k on
    /// well-posed problems). Reaching it gives an uncertified result, never an error.
    public var maximumIterations: Int?

    /// A solver with the default tolerances (1e-9 on the normalized gradient).
    public init(dualTolerance: Double = 1e-9, complementarityTolerance: Double = 1e-9, maximumIterations: Int? = nil) {
        self.dualTolerance = dualTolerance
        self.complementarityTolerance = complementarityTolerance
        self.maximumIterations = maximumIterations
    }

    /// Solves the problem for design `a` (m × k), observations `y` (m) and optional weights `w` (m, ≥ 0;
    /// `nil`: all 1). Throws on mismatched sizes, non-finite input or negative weights.
    public func fit(design a: Matrix, observations y: [Double], weights w: [Double]? = nil) throws(SIMSError) -> NNLSSolution {
        let m = a.rows, k = a.columns
        guard y.count == m else {
            throw .invalidArgument("NNLS: observations must have one value per design row", found: "\(y.count)", expected: "\(m)")
        }
        if let w, w.count != m {
            throw .invalidArgument("NNLS: weights must have one value per design row", found: "\(w.count)", expected: "\(m)")
        }
        guard a.isFinite, y.allSatisfy(\.isFinite) else {
            throw SIMSError(.numerical, "NNLS: the design matrix or the observations contain NaN or infinity")
        }
        if let w, let bad = w.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
            throw .invalidArgument("NNLS: weights must be finite and non-negative", found: "w[\(bad)] = \(w[bad])", expected: "≥ 0")
        }
        // Weighted design √W·A and observations √W·y.
        var scaled = a
        var ys = y
        if let w {
            for i in 0..<m {
                let r = w[i].squareRoot()
                ys[i] *= r
                for j in 0..<k { scaled.elements[i * k + j] *= r }
            }
        }
        let gram = scaled.gram()
        var c = [Double](repeating: 0, count: k)
        for i in 0..<m where ys[i] != 0 {
            for j in 0..<k { c[j] += scaled.elements[i * k + j] * ys[i] }
        }
        let yNorm = ys.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let columnNorm = (0..<k).map { gram[$0, $0].squareRoot() }
        let cap = maximumIterations ?? (5 * k + 50)

        var x = [Double](repeating: 0, count: k)
        var passive = [Bool](repeating: false, count: k)
        var excluded = [Bool](repeating: false, count: k)
        var factor = PassiveCholesky(gram: gram.elements, k: k)
        var iterations = 0
        var capped = false
        let enterThreshold = 0.1 * dualTolerance
        outer: while yNorm > 0 {
            // Most positive normalized gradient ĝ_j = (c − Gx)_j / (‖a_j‖‖y‖) among the zero variables.
            var t = -1, best = enterThreshold
            for j in 0..<k where !passive[j] && !excluded[j] && columnNorm[j] > 0 {
                var g = c[j]
                for i in factor.order where x[i] != 0 { g -= gram.elements[j * k + i] * x[i] }
                let normalized = g / (columnNorm[j] * yNorm)
                if normalized > best { best = normalized; t = j }
            }
            if t < 0 { break }
            if iterations >= cap { capped = true; break }
            iterations += 1
            passive[t] = true
            var firstInner = true
            while true {
                // The passive sub-problem G_PP s_P = c_P on the up- and downdated factor of G_PP.
                let z = (firstInner ? factor.append(t) : true) ? factor.solve(c) : nil
                guard let z, !(firstInner && z[z.count - 1] <= 0) else {
                    // The entering column is (numerically) in the span of the support: it cannot lower the
                    // objective; keep it at zero until the support changes.
                    if let position = factor.order.firstIndex(of: t) { factor.remove(at: position) }
                    passive[t] = false
                    x[t] = 0
                    excluded[t] = true
                    continue outer
                }
                firstInner = false
                var s = [Double](repeating: 0, count: k)
                for (position, j) in factor.order.enumerated() { s[j] = z[position] }
                if factor.order.allSatisfy({ s[$0] > 0 }) {
                    x = s
                    break
                }
                // Step from x toward s until the first positive variable reaches zero; drop the zeros.
                var alpha = Double.infinity, blocking = -1
                for j in factor.order where s[j] <= 0 {
                    let step = x[j] / (x[j] - s[j])
                    if step < alpha { alpha = step; blocking = j }
                }
                for j in factor.order { x[j] += alpha * (s[j] - x[j]) }
                // The blocking variable leaves exactly (rounding must not keep it at 1e-17); so do any others at ≤ 0.
                for position in factor.order.indices.reversed() {
                    let j = factor.order[position]
                    guard j == blocking || x[j] <= 0 else { continue }
                    factor.remove(at: position)
                    passive[j] = false
                    x[j] = 0
                }
                if iterations >= cap { capped = true; break outer }
                iterations += 1
            }
            for j in 0..<k { excluded[j] = false }
        }
        for j in 0..<k where !passive[j] { x[j] = 0 }
        let certificate = Self.certify(x: x, design: a, observations: y, weights: w, iterations: iterations, capped: capped,
                                       dualTolerance: dualTolerance, complementarityTolerance: complementarityTolerance)
        var chiSquare = 0.0
        for i in 0..<m {
            var r = ys[i]
            for j in 0..<k where x[j] != 0 { r -= scaled.elements[i * k + j] * x[j] }
            chiSquare += r * r
        }
        return NNLSSolution(coefficients: x, certificate: certificate, weightedResidualSumOfSquares: chiSquare, gram: gram)
    }

    /// The KKT conditions of any candidate solution `x` (from this or another solver) with this solver's
    /// tolerances, evaluated directly from A, y and W; `iterations` is recorded as given.
    public func certificate(of x: [Double], design a: Matrix, observations y: [Double], weights w: [Double]? = nil,
                            iterations: Int = 0) -> KKTCertificate {
        Self.certify(x: x, design: a, observations: y, weights: w, iterations: iterations, capped: false,
                     dualTolerance: dualTolerance, complementarityTolerance: complementarityTolerance)
    }

    /// Evaluates the KKT conditions of `x` directly from A, y and W; with `upper`, those of 0 ≤ x ≤ u: a variable at
    /// its upper bound may have a positive normalized gradient (it would grow but may not) and must not have a
    /// negative one (then lowering it would improve the fit), and x ≤ u joins the primal conditions.
    static func certify(x: [Double], design a: Matrix, observations y: [Double], weights w: [Double]?,
                        iterations: Int, capped: Bool, dualTolerance: Double, complementarityTolerance: Double,
                        upper: [Double]? = nil) -> KKTCertificate {
        let gradient = normalizedGradient(x: x, design: a, observations: y, weights: w)
        var dual = 0.0, complementarity = 0.0
        for j in gradient.indices {
            if let upper, x[j] >= upper[j] {
                if upper[j] > 0 { dual = max(dual, -gradient[j]) }  // at u = 0 both bounds hold x: no sign condition
                continue
            }
            dual = max(dual, gradient[j])
            if x[j] > 0 { complementarity = max(complementarity, abs(gradient[j])) }
        }
        let largest = x.map(abs).max() ?? 0
        var primal = largest > 0 ? max(0, -(x.min() ?? 0)) / largest : 0
        if let upper, largest > 0 { for j in gradient.indices { primal = max(primal, max(0, x[j] - upper[j]) / largest) } }
        return KKTCertificate(primalViolation: primal, dualViolation: dual, complementarityViolation: complementarity,
                              primalTolerance: 0, dualTolerance: dualTolerance, complementarityTolerance: complementarityTolerance,
                              iterations: iterations, reachedIterationCap: capped)
    }
}

/// The result of ``CertifiedNNLS/fit(design:observations:weights:)``.
public struct NNLSSolution: Sendable {
    /// The coefficients x ≥ 0 (exact zeros off the support).
    public var coefficients: [Double]
    /// The KKT conditions at ``coefficients``, evaluated from the original data.
    public var certificate: KKTCertificate
    /// χ² = Σᵢ wᵢ (yᵢ − (Ax)ᵢ)² at the solution.
    public var weightedResidualSumOfSquares: Double
    /// G = AᵀWA (k × k): the Fisher information of x when the weights are inverse variances.
    public var gram: Matrix

    /// Indices of the coefficients fixed at their upper bound (``CertifiedNNLS/fit(design:observations:weights:upperBounds:)``);
    /// empty without bounds.
    public var atUpperBound: [Int] = []

    /// Indices of the positive coefficients not at an upper bound (the support, or free set).
    public var support: [Int] { coefficients.indices.filter { coefficients[$0] > 0 && !atUpperBound.contains($0) } }

    /// Standard errors of the positive coefficients from the Fisher information on the free set F:
    /// Cov(x_F) = σ² (A_Fᵀ W A_F)⁻¹ (e.g. Bevington & Robinson, *Data Reduction and Error Analysis*, 3rd ed.,
    /// eq. 7.24), with σ² = `varianceScale` (1 when the weights are inverse variances, as Poisson weights
    /// w = 1/max(y, 1) are). `nil` for coefficients at zero (on the constraint the Gaussian approximation does
    /// not hold) and for all of them when the free-set information is singular.
    public func standardErrors(varianceScale: Double = 1) -> [Double?] {
        var result = [Double?](repeating: nil, count: coefficients.count)
        let free = support
        guard !free.isEmpty else { return result }
        let block = Matrix(rows: free.count, columns: free.count) { gram[free[$0], free[$1]] }
        guard let factor = try? CholeskyDecomposition(block) else { return result }
        for (r, j) in free.enumerated() {
            var unit = [Double](repeating: 0, count: free.count)
            unit[r] = 1
            let variance = factor.solve(unit)[r] * varianceScale
            if variance.isFinite && variance >= 0 { result[j] = variance.squareRoot() }
        }
        return result
    }
}
