/// Otsu's threshold (N. Otsu, IEEE Trans. Syst. Man Cybern. 9 (1979) 62–66) and its multi-level form
/// (P.-S. Liao, T.-S. Chen, P.-C. Chung, J. Inf. Sci. Eng. 17 (2001) 713–727): the thresholds that maximise the
/// between-class variance Σₖ wₖ μₖ² of a 256-bin histogram over [min, max].
///
/// Same binning and result as scikit-image's `threshold_otsu` / `threshold_multiotsu` for floating-point data:
/// thresholds are bin centres, and a value belongs to class k when exactly k thresholds lie below it
/// (`value > threshold` is the upper class).
public struct OtsuThreshold: Sendable, Equatable {
    /// Number of classes (2 = classic Otsu; 3 or 4 = multi-Otsu).
    public var classes: Int
    /// Histogram bins.
    public var bins: Int

    /// Configures the thresholding.
    public init(classes: Int = 2, bins: Int = 256) {
        self.classes = classes
        self.bins = bins
    }

    /// The `classes − 1` thresholds of `values` (ascending); throws for fewer than two distinct values or an
    /// unsupported class count.
    public func fit<C: Collection>(_ values: C) throws(SIMSError) -> [Double] where C.Element == Double {
        guard (2 ... 4).contains(classes) else {
            throw .invalidArgument("Otsu thresholding supports 2 to 4 classes", found: "\(classes)", expected: "2, 3 or 4")
        }
        guard bins >= classes else { throw .invalidArgument("too few histogram bins", found: "\(bins)", expected: "≥ \(classes)") }
        var low = Double.infinity, high = -Double.infinity
        for value in values where value.isFinite {
            low = min(low, value)
            high = max(high, value)
        }
        guard low < high else {
            throw SIMSError(.numerical, "cannot threshold an image with fewer than two distinct values", found: low.isFinite ? "all values \(low)" : "no finite value", expected: "contrast between phases")
        }
        // Histogram exactly as numpy.histogram(values, bins, range=(low, high)): last bin closed.
        var histogram = [Double](repeating: 0, count: bins)
        let width = (high - low) / Double(bins)
        for value in values where value.isFinite {
            var bin = Int((value - low) / width)
            if bin >= bins { bin = bins - 1 }
            histogram[bin] += 1
        }
        let centres = (0 ..< bins).map { low + (Double($0) + 0.5) * width }
        // Prefix sums of counts and of count·centre.
        var weight = [Double](repeating: 0, count: bins + 1), moment = [Double](repeating: 0, count: bins + 1)
        for i in 0 ..< bins {
            weight[i + 1] = weight[i] + histogram[i]
            moment[i + 1] = moment[i] + histogram[i] * centres[i]
        }
        /// w·μ² of the class holding bins a ..< b.
        func term(_ a: Int, _ b: Int) -> Double {
            let w = weight[b] - weight[a]
            guard w > 0 else { return 0 }
            let m = moment[b] - moment[a]
            return m * m / w
        }
        var best = -Double.infinity
        var cuts: [Int] = []
        switch classes {
        case 2:
            for i in 0 ..< bins - 1 {
                let value = term(0, i + 1) + term(i + 1, bins)
                if value > best { best = value; cuts = [i] }
            }
        case 3:
            for i in 0 ..< bins - 2 {
                for j in i + 1 ..< bins - 1 {
                    let value = term(0, i + 1) + term(i + 1, j + 1) + term(j + 1, bins)
                    if value > best { best = value; cuts = [i, j] }
                }
            }
        default:
            for i in 0 ..< bins - 3 {
                let first = term(0, i + 1)
                for j in i + 1 ..< bins - 2 {
                    let second = first + term(i + 1, j + 1)
                    for k in j + 1 ..< bins - 1 {
                        let value = second + term(j + 1, k + 1) + term(k + 1, bins)
                        if value > best { best = value; cuts = [i, j, k] }
                    }
                }
            }
        }
        return cuts.map { centres[$0] }
    }

    /// The class (0 ..< thresholds.count + 1) of `value`: the number of thresholds strictly below it.
    @inlinable public static func classify(_ value: Double, thresholds: [Double]) -> Int {
        var k = 0
        for threshold in thresholds where value > threshold { k += 1 }
        return k
    }
}
