/// Optional smoothing of a depth-profile signal. Off by default: smoothing broadens interfaces, so it is
/// applied only when asked and recorded in provenance.
public enum ProfileSmoothing: Sendable, Hashable, CustomStringConvertible {
    /// No smoothing.
    case none
    /// Centred moving average over `window` cycles (odd; shrinks at the ends).
    case movingAverage(window: Int)
    /// Savitzky–Golay filter (Savitzky & Golay, Anal. Chem. 36 (1964) 1627): least-squares polynomial of
    /// degree `order` over a centred window of `window` cycles (odd, > order); ends use the shrunken
    /// symmetric window.
    case savitzkyGolay(window: Int, order: Int)

    /// Human-readable setting, e.g. `savitzky-golay(7, 2)`.
    public var description: String {
        switch self {
        case .none: return "none"
        case .movingAverage(let window): return "moving-average(\(window))"
        case .savitzkyGolay(let window, let order): return "savitzky-golay(\(window), \(order))"
        }
    }

    /// Applies the smoothing to `values`.
    /// - Throws: ``SIMSError`` for an even or too small window.
    public func apply(to values: ContiguousArray<Double>) throws(SIMSError) -> ContiguousArray<Double> {
        switch self {
        case .none:
            return values
        case .movingAverage(let window):
            guard window >= 1, window % 2 == 1 else {
                throw .invalidArgument("moving-average window must be odd and ≥ 1", found: "\(window)", expected: "an odd number of cycles")
            }
            return ProfileSmoothing.symmetricFilter(values, halfWidth: window / 2) { half in
                [Double](repeating: 1 / Double(2 * half + 1), count: 2 * half + 1)
            }
        case .savitzkyGolay(let window, let order):
            guard window % 2 == 1, window > order, order >= 0 else {
                throw .invalidArgument("Savitzky–Golay needs an odd window larger than the order", found: "window \(window), order \(order)", expected: "odd window > order")
            }
            return ProfileSmoothing.symmetricFilter(values, halfWidth: window / 2) { half in
                ProfileSmoothing.savitzkyGolayWeights(halfWidth: half, order: min(order, 2 * half))
            }
        }
    }

    /// Convolves with centred weights; near the ends the half width shrinks so the window stays symmetric.
    static func symmetricFilter(_ values: ContiguousArray<Double>, halfWidth: Int, weights: (Int) -> [Double]) -> ContiguousArray<Double> {
        let n = values.count
        var out = values
        var cache: [Int: [Double]] = [:]
        for i in 0..<n {
            let half = min(halfWidth, i, n - 1 - i)
            let w = cache[half] ?? weights(half)
            cache[half] = w
            var sum = 0.0
            for k in -half...half { sum += w[k + half] * values[i + k] }
            out[i] = sum
        }
        return out
    }

    /// Smoothing weights of the Savitzky–Golay filter: the centre row of (JᵀJ)⁻¹Jᵀ for the Vandermonde
    /// matrix J of offsets −h…h and powers 0…order.
    static func savitzkyGolayWeights(halfWidth h: Int, order: Int) -> [Double] {
        let m = order + 1
        // Normal matrix A = JᵀJ, A[p][q] = Σ k^(p+q).
        var a = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for p in 0..<m { for q in 0..<m { for k in -h...h { a[p][q] += pow(Double(k), p + q) } } }
        // Solve A c = e0 (first row of the inverse), Gaussian elimination with partial pivoting.
        var rhs = [Double](repeating: 0, count: m); rhs[0] = 1
        for col in 0..<m {
            let pivot = (col..<m).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            a.swapAt(col, pivot); rhs.swapAt(col, pivot)
            for row in (col + 1)..<m {
                let f = a[row][col] / a[col][col]
                for c in col..<m { a[row][c] -= f * a[col][c] }
                rhs[row] -= f * rhs[col]
            }
        }
        var c = [Double](repeating: 0, count: m)
        for row in stride(from: m - 1, through: 0, by: -1) {
            var s = rhs[row]
            for q in (row + 1)..<m { s -= a[row][q] * c[q] }
            c[row] = s / a[row][row]
        }
        return (-h...h).map { k in (0..<m).reduce(0.0) { $0 + c[$1] * pow(Double(k), $1) } }
    }

    private static func pow(_ x: Double, _ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= x }
        return r
    }
}
