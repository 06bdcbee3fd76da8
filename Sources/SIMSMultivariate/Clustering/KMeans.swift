/// k-means clustering (Lloyd 1982) with k-means++ seeding (Arthur & Vassilvitskii, SODA 2007), several seeded
/// restarts, the best (lowest inertia) kept. Used to group PCA scores and to initialize the Gaussian mixture.
///
/// Clusters are numbered in lexicographic order of their centres so that labels are reproducible.
public struct KMeans: Sendable {
    /// Number of clusters k.
    public var clusters: Int
    /// Independent k-means++ starts; the one with the lowest inertia wins.
    public var initializations: Int
    /// Maximum Lloyd iterations per start.
    public var maxIterations: Int
    /// Seed of the k-means++ sampling.
    public var seed: UInt64

    /// Configures k-means.
    public init(clusters: Int, initializations: Int = 10, maxIterations: Int = 300, seed: UInt64 = 0) {
        self.clusters = clusters
        self.initializations = initializations
        self.maxIterations = maxIterations
        self.seed = seed
    }

    /// Clusters the rows of `x`.
    public func fit(_ x: Matrix) throws(SIMSError) -> KMeansModel {
        guard clusters >= 1, clusters <= x.rows else {
            throw .invalidArgument("number of clusters out of range", found: "\(clusters)", expected: "1…\(x.rows) (the number of points)")
        }
        guard x.isFinite else { throw .invalidArgument("k-means input contains NaN or infinite values", expected: "finite values") }
        var generator = SeededGenerator(seed: seed)
        var best: (centers: Matrix, labels: [Int], inertia: Double, iterations: Int)? = nil
        for _ in 0..<max(1, initializations) {
            let run = lloyd(x, centers: seedCenters(x, &generator))
            if best == nil || run.inertia < best!.inertia { best = run }
        }
        return KMeansModel.ordered(centers: best!.centers, labels: best!.labels, inertia: best!.inertia, iterations: best!.iterations)
    }

    /// k-means++: first centre uniform, each next one drawn with probability ∝ D(x)², the squared distance to the
    /// nearest chosen centre.
    func seedCenters(_ x: Matrix, _ g: inout SeededGenerator) -> Matrix {
        let n = x.rows, d = x.columns
        var centers = Matrix(rows: clusters, columns: d)
        var chosen = Int(g.next() % UInt64(n))
        for j in 0..<d { centers[0, j] = x[chosen, j] }
        var dist = (0..<n).map { KMeansModel.squaredDistance(x, $0, centers, 0) }
        for c in 1..<clusters {
            let total = dist.reduce(0, +)
            if total > 0 {
                var target = g.uniform() * total
                chosen = n - 1
                for i in 0..<n { target -= dist[i]; if target < 0 { chosen = i; break } }
            } else {
                chosen = Int(g.next() % UInt64(n))
            }
            for j in 0..<d { centers[c, j] = x[chosen, j] }
            for i in 0..<n { dist[i] = min(dist[i], KMeansModel.squaredDistance(x, i, centers, c)) }
        }
        return centers
    }

    /// Lloyd iterations until no label changes.
    func lloyd(_ x: Matrix, centers start: Matrix) -> (centers: Matrix, labels: [Int], inertia: Double, iterations: Int) {
        let n = x.rows, d = x.columns, k = clusters
        var centers = start
        var labels = [Int](repeating: -1, count: n)
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            var changed = false
            var distances = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var bestC = 0, bestD = Double.infinity
                for c in 0..<k {
                    let dd = KMeansModel.squaredDistance(x, i, centers, c)
                    if dd < bestD { bestD = dd; bestC = c }
                }
                distances[i] = bestD
                if labels[i] != bestC { labels[i] = bestC; changed = true }
            }
            // Update; an empty cluster takes the point farthest from its centre.
            var sums = Matrix(rows: k, columns: d)
            var counts = [Int](repeating: 0, count: k)
            for i in 0..<n { counts[labels[i]] += 1; for j in 0..<d { sums[labels[i], j] += x[i, j] } }
            for c in 0..<k {
                if counts[c] == 0 {
                    let far = distances.indices.max { distances[$0] < distances[$1] }!
                    distances[far] = 0
                    for j in 0..<d { centers[c, j] = x[far, j] }
                    changed = true
                } else {
                    for j in 0..<d { centers[c, j] = sums[c, j] / Double(counts[c]) }
                }
            }
            if !changed { break }
        }
        var inertia = 0.0
        for i in 0..<n {
            var bestC = 0, bestD = Double.infinity
            for c in 0..<k { let dd = KMeansModel.squaredDistance(x, i, centers, c); if dd < bestD { bestD = dd; bestC = c } }
            labels[i] = bestC
            inertia += bestD
        }
        return (centers, labels, inertia, iterations)
    }
}

/// A fitted k-means clustering.
public struct KMeansModel: Sendable {
    /// Cluster centres (`k × d`), in lexicographic order.
    public let centers: Matrix
    /// Cluster of each training point (0-based).
    public let labels: [Int]
    /// Sum of squared distances of points to their centre.
    public let inertia: Double
    /// Lloyd iterations of the winning start.
    public let iterations: Int

    static func ordered(centers: Matrix, labels: [Int], inertia: Double, iterations: Int) -> KMeansModel {
        let k = centers.rows
        let order = (0..<k).sorted { a, b in
            for j in 0..<centers.columns where centers[a, j] != centers[b, j] { return centers[a, j] < centers[b, j] }
            return a < b
        }
        var rank = [Int](repeating: 0, count: k)
        for (newIndex, old) in order.enumerated() { rank[old] = newIndex }
        let sorted = Matrix(rows: k, columns: centers.columns) { i, j in centers[order[i], j] }
        return KMeansModel(centers: sorted, labels: labels.map { rank[$0] }, inertia: inertia, iterations: iterations)
    }

    /// The nearest centre of each row of `x`.
    public func predict(_ x: Matrix) -> [Int] {
        (0..<x.rows).map { i in
            (0..<centers.rows).min { KMeansModel.squaredDistance(x, i, centers, $0) < KMeansModel.squaredDistance(x, i, centers, $1) }!
        }
    }

    @inline(__always) static func squaredDistance(_ x: Matrix, _ i: Int, _ c: Matrix, _ r: Int) -> Double {
        var s = 0.0
        for j in 0..<x.columns { let t = x[i, j] - c[r, j]; s += t * t }
        return s
    }
}
