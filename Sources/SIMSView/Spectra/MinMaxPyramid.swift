/// A multi-resolution min/max summary of one spectrum, so that any m/z window can be reduced to one
/// (minimum, maximum) pair per screen pixel in O(width · log n) instead of O(n).
///
/// Level 0 is the data itself; level k holds, for each aligned block of 2ᵏ consecutive points, the minimum
/// and maximum intensity. A pixel column covering points [a, b) is answered by walking up from a and b with
/// the largest aligned blocks that fit (the classic segment-tree decomposition), at most 2 blocks per level.
/// Memory: about 2n extra values.
///
/// This is what M4 / min-max decimation in plotting tools does (Jugel et al., "M4: A Visualization-Oriented
/// Time Series Data Aggregation", PVLDB 7, 2014): drawing the minimum and maximum of every pixel column draws
/// the same picture as drawing every point.
public struct MinMaxPyramid: Sendable {
    /// m/z of every point (u), ascending.
    public let mass: ContiguousArray<Double>
    /// Intensity of every point (counts).
    public let intensity: ContiguousArray<Double>
    /// `minima[k-1][i]`, `maxima[k-1][i]`: extremes of points [i·2ᵏ, (i+1)·2ᵏ).
    let minima: [ContiguousArray<Double>]
    let maxima: [ContiguousArray<Double>]

    /// Builds the pyramid over points sorted by ascending `mass`.
    public init(mass: ContiguousArray<Double>, intensity: ContiguousArray<Double>) {
        precondition(mass.count == intensity.count, "mass and intensity must have the same length")
        self.mass = mass
        self.intensity = intensity
        var minima: [ContiguousArray<Double>] = []
        var maxima: [ContiguousArray<Double>] = []
        var lowerMin = intensity, lowerMax = intensity
        while lowerMin.count >= 2 {
            let n = lowerMin.count / 2
            var mins = ContiguousArray<Double>(repeating: 0, count: n)
            var maxs = ContiguousArray<Double>(repeating: 0, count: n)
            lowerMin.withUnsafeBufferPointer { lm in
                lowerMax.withUnsafeBufferPointer { lx in
                    for i in 0..<n {
                        mins[i] = min(lm[2 * i], lm[2 * i + 1])
                        maxs[i] = max(lx[2 * i], lx[2 * i + 1])
                    }
                }
            }
            minima.append(mins); maxima.append(maxs)
            lowerMin = mins; lowerMax = maxs
        }
        self.minima = minima
        self.maxima = maxima
    }

    /// Number of points.
    public var count: Int { mass.count }

    /// First index whose mass is ≥ `value` (n when none).
    public func lowerBound(_ value: Double) -> Int {
        mass.withUnsafeBufferPointer { m in
            var lo = 0, hi = m.count
            while lo < hi { let mid = (lo + hi) >> 1; if m[mid] < value { lo = mid + 1 } else { hi = mid } }
            return lo
        }
    }

    /// Minimum and maximum intensity of points [a, b) (`nil` when empty).
    public func extremes(_ a: Int, _ b: Int) -> (min: Double, max: Double)? {
        guard a < b else { return nil }
        var lo = a, hi = b, level = 0
        var low = Double.infinity, high = -Double.infinity
        // Bottom-up segment-tree walk: take the unaligned ends at each level, then halve the bounds.
        while lo < hi {
            let mins = level == 0 ? intensity : minima[level - 1]
            let maxs = level == 0 ? intensity : maxima[level - 1]
            if lo & 1 == 1 {
                low = Swift.min(low, mins[lo]); high = Swift.max(high, maxs[lo]); lo += 1
            }
            if hi & 1 == 1 {
                hi -= 1; low = Swift.min(low, mins[hi]); high = Swift.max(high, maxs[hi])
            }
            lo >>= 1; hi >>= 1; level += 1
        }
        return (low, high)
    }

    /// One column per screen pixel over `lower…upper` (u): when the window holds more points than
    /// `2 · columns`, the per-column (m/z, min, max) with the column's centre m/z; otherwise the points
    /// themselves (with min = max = intensity), plus one neighbour on each side so lines reach the edges.
    public func decimate(lower: Double, upper: Double, columns: Int) -> Decimated {
        let columns = max(1, columns)
        let a = lowerBound(lower)
        let b = lowerBound(upper.nextUp)
        if b - a <= 2 * columns {
            let from = max(0, a - 1), to = min(count, b + 1)
            let values = Array(intensity[from..<to])
            return Decimated(raw: true, mass: Array(mass[from..<to]), minimum: values, maximum: values)
        }
        var outMass: [Double] = [], outMin: [Double] = [], outMax: [Double] = []
        outMass.reserveCapacity(columns); outMin.reserveCapacity(columns); outMax.reserveCapacity(columns)
        let step = (upper - lower) / Double(columns)
        var start = a
        for c in 0..<columns {
            let edge = c == columns - 1 ? b : max(start, lowerBound(lower + step * Double(c + 1)))
            if let e = extremes(start, edge) {
                outMass.append(lower + step * (Double(c) + 0.5)); outMin.append(e.min); outMax.append(e.max)
            }
            start = edge
        }
        return Decimated(raw: false, mass: outMass, minimum: outMin, maximum: outMax)
    }

    /// A decimated window of a spectrum.
    public struct Decimated: Sendable, Equatable, Codable {
        /// `true`: the points themselves; `false`: per-pixel extremes.
        public var raw: Bool
        /// m/z (u) of each point or column centre.
        public var mass: [Double]
        /// Minimum intensity (counts) per column.
        public var minimum: [Double]
        /// Maximum intensity (counts) per column.
        public var maximum: [Double]
    }
}
