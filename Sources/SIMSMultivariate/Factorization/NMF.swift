/// Non-negative matrix factorization X ≈ W·H (W `n × k`, H `k × p`, both ≥ 0) by the multiplicative updates of
/// Lee & Seung (NIPS 13, 2001) for the Frobenius norm or the generalized Kullback–Leibler divergence, in
/// the form of scikit-learn's `solver="mu"` (updates of W then H each iteration; zero denominators replaced
/// by ε = 2⁻²³; for KL, W·H clipped below at ε and H values below machine ε set to 0).
public struct NMF: Sendable {
    /// The objective.
    public enum Loss: String, Sendable, CaseIterable {
        /// ½‖X − WH‖²_F.
        case frobenius
        /// Σ (x log(x / wh) − x + wh).
        case kullbackLeibler = "kullback-leibler"
    }

    /// The starting point.
    public enum Initialization: Sendable {
        /// Seeded random values scaled to the data: √(mean X / k)·|N(0, 1)| (scikit-learn's `init="random"`).
        case random(seed: UInt64)
        /// Given W (`n × k`) and H (`k × p`).
        case custom(w: Matrix, h: Matrix)
    }

    /// Number of components k.
    public var components: Int
    /// The objective.
    public var loss: Loss
    /// The starting point.
    public var initialization: Initialization
    /// Maximum iterations.
    public var maxIterations: Int
    /// Every 10 iterations: stop when (previous error − error) / initial error < tolerance (0: all iterations).
    public var tolerance: Double

    /// Configures NMF.
    public init(components: Int, loss: Loss = .frobenius, initialization: Initialization = .random(seed: 0),
                maxIterations: Int = 500, tolerance: Double = 1e-4) {
        self.components = components
        self.loss = loss
        self.initialization = initialization
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    static let epsilon = Double(Float.ulpOfOne)

    /// Factorizes `x` (non-negative).
    public func fit(_ x: Matrix) throws(SIMSError) -> NMFModel {
        let n = x.rows, p = x.columns, k = components
        guard k >= 1 else { throw .invalidArgument("NMF: number of components must be ≥ 1", found: "\(k)", expected: "≥ 1") }
        guard x.isFinite, x.elements.allSatisfy({ $0 >= 0 }) else {
            throw .invalidArgument("NMF needs finite, non-negative data", expected: "counts or areas ≥ 0")
        }
        var w: Matrix, h: Matrix
        switch initialization {
        case .custom(let w0, let h0):
            guard w0.rows == n, w0.columns == k, h0.rows == k, h0.columns == p else {
                throw .inconsistent("NMF: initial W is \(w0.rows) × \(w0.columns) and H \(h0.rows) × \(h0.columns), expected \(n) × \(k) and \(k) × \(p)")
            }
            w = w0; h = h0
        case .random(let seed):
            var g = SeededGenerator(seed: seed)
            let mean = x.elements.reduce(0, +) / Double(max(x.elements.count, 1))
            let average = (mean / Double(k)).squareRoot()
            h = Matrix(rows: k, columns: p) { _, _ in average * abs(g.normal()) }
            w = Matrix(rows: n, columns: k) { _, _ in average * abs(g.normal()) }
        }
        let initialError = NMF.error(x, w, h, loss)
        var previous = initialError
        var iterations = 0
        for iteration in 1...max(1, maxIterations) {
            iterations = iteration
            switch loss {
            case .frobenius:
                // W ← W ∘ (X Hᵀ) / (W H Hᵀ);  H ← H ∘ (Wᵀ X) / (Wᵀ W H)
                let numeratorW = x.multiplied(by: h.transposed)
                let denominatorW = w.multiplied(by: h.multiplied(by: h.transposed))
                NMF.multiply(&w, numeratorW, denominatorW)
                let numeratorH = w.transposeMultiplied(by: x)
                let denominatorH = w.gram().multiplied(by: h)
                NMF.multiply(&h, numeratorH, denominatorH)
            case .kullbackLeibler:
                // W ← W ∘ ((X / WH) Hᵀ) / (1 Σ_j H_kj);  H ← H ∘ (Wᵀ (X / WH)) / (Σ_i W_ik 1)
                var ratio = NMF.ratio(x, w.multiplied(by: h))
                let numeratorW = ratio.multiplied(by: h.transposed)
                let hSum = (0..<k).map { c in (0..<p).reduce(0) { $0 + h[c, $1] } }
                let denominatorW = Matrix(rows: n, columns: k) { _, c in hSum[c] }
                NMF.multiply(&w, numeratorW, denominatorW)
                ratio = NMF.ratio(x, w.multiplied(by: h))
                let numeratorH = w.transposeMultiplied(by: ratio)
                let wSum = (0..<k).map { c in let s = (0..<n).reduce(0) { $0 + w[$1, c] }; return s == 0 ? 1 : s }
                let denominatorH = Matrix(rows: k, columns: p) { c, _ in wSum[c] }
                NMF.multiply(&h, numeratorH, denominatorH)
                for t in 0..<h.elements.count where h.elements[t] < Double.ulpOfOne { h.elements[t] = 0 }
            }
            if tolerance > 0, iteration % 10 == 0 {
                let e = NMF.error(x, w, h, loss)
                if (previous - e) / initialError < tolerance { break }
                previous = e
            }
        }
        guard w.isFinite, h.isFinite else { throw SIMSError(.numerical, "NMF: the updates produced non-finite values") }
        return NMFModel(w: w, h: h, reconstructionError: NMF.error(x, w, h, loss), iterations: iterations, loss: loss)
    }

    static func multiply(_ m: inout Matrix, _ numerator: Matrix, _ denominator: Matrix) {
        for t in 0..<m.elements.count {
            let d = denominator.elements[t]
            m.elements[t] *= numerator.elements[t] / (d == 0 ? epsilon : d)
        }
    }

    static func ratio(_ x: Matrix, _ wh: Matrix) -> Matrix {
        var out = x
        for t in 0..<out.elements.count { out.elements[t] = x.elements[t] / max(wh.elements[t], epsilon) }
        return out
    }

    /// scikit-learn's `reconstruction_err_`: ‖X − WH‖_F, or √(2·D_KL(X‖WH)).
    static func error(_ x: Matrix, _ w: Matrix, _ h: Matrix, _ loss: Loss) -> Double {
        let wh = w.multiplied(by: h)
        switch loss {
        case .frobenius:
            return (x - wh).frobeniusNorm
        case .kullbackLeibler:
            var s = 0.0
            for t in 0..<x.elements.count {
                let xv = x.elements[t], v = max(wh.elements[t], epsilon)
                if xv > 0 { s += xv * _log(xv / v) }
                s += wh.elements[t] - xv
            }
            return (2 * max(s, 0)).squareRoot()
        }
    }
}

/// A fitted NMF X ≈ W·H.
public struct NMFModel: Sendable {
    /// Scores / abundances (`n × k`).
    public let w: Matrix
    /// Components / spectra (`k × p`).
    public let h: Matrix
    /// ‖X − WH‖_F (Frobenius) or √(2·D_KL) (Kullback–Leibler), as scikit-learn's `reconstruction_err_`.
    public let reconstructionError: Double
    /// Iterations done.
    public let iterations: Int
    /// The objective used.
    public let loss: NMF.Loss
}
