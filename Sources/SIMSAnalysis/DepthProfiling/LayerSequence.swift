/// The layer sequence of a stack, found from where ions rise and fall.
///
/// Interfaces of all ions are grouped when their 50 % times lie within the smaller of their widths (or two
/// cycles) of each other — the smaller, so that one broad, gradual change cannot chain distinct interfaces; each group is one interface of the stack, at the median time. Between consecutive
/// interfaces lies a layer, named by the ions that dominate it: the ion whose signal, scaled to its own
/// maximum, is highest on average over the layer's central half.
public struct LayerSequence: Sendable, Equatable {
    /// One layer.
    public struct Layer: Sendable, Equatable {
        /// Sputter time at which the layer starts, in s.
        public var startTime: Double
        /// Sputter time at which the layer ends, in s.
        public var endTime: Double
        /// Ions dominating the layer, most dominant first (at most three, each within 80 % of the top score).
        public var dominantIons: [String]
        /// Summed counts of every ion over the layer's cycles (counts), by ion name.
        public var integratedCounts: [String: Double]
    }

    /// Stack interfaces (s), in time order.
    public var interfaceTimes: [Double]
    /// The layers from the surface down.
    public var layers: [Layer]

    /// Builds the sequence from per-ion interfaces and the profile's ion columns.
    public init(interfaces: [Interface], time: ContiguousArray<Double>, columns: [DepthProfile.Column]) {
        let n = time.count
        let step = n > 1 ? (time[n - 1] - time[0]) / Double(n - 1) : 0
        var groups: [[Interface]] = []
        for interface in interfaces.sorted(by: { $0.time < $1.time }) {
            if let last = groups.last?.last,
               interface.time - last.time <= max(2 * step, min(interface.width, last.width)) {
                groups[groups.count - 1].append(interface)
            } else {
                groups.append([interface])
            }
        }
        interfaceTimes = groups.map { group in
            let times = group.map(\.time).sorted()
            return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        }
        let bounds = [time.first ?? 0] + interfaceTimes + [time.last ?? 0]
        let maxima = columns.map { column in column.values.filter(\.isFinite).max() ?? 0 }
        layers = zip(bounds, bounds.dropFirst()).map { start, end in
            let inside = (0..<n).filter { time[$0] >= start && time[$0] <= end }
            let quarter = (end - start) / 4
            let core = inside.filter { time[$0] >= start + quarter && time[$0] <= end - quarter }
            let scoring = core.isEmpty ? inside : core
            var scores: [(String, Double)] = []
            var integrated: [String: Double] = [:]
            for (column, maximum) in zip(columns, maxima) {
                integrated[column.name] = inside.reduce(0) { $0 + (column.values[$1].isFinite ? column.values[$1] : 0) }
                guard maximum > 0, !scoring.isEmpty else { continue }
                let mean = scoring.reduce(0) { $0 + (column.values[$1].isFinite ? column.values[$1] : 0) } / Double(scoring.count)
                scores.append((column.name, mean / maximum))
            }
            scores.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let top = scores.first?.1 ?? 0
            let dominant = scores.filter { $0.1 >= 0.8 * top && top > 0 }.prefix(3).map(\.0)
            return Layer(startTime: start, endTime: end, dominantIons: dominant, integratedCounts: integrated)
        }
    }
}
