/// Conversion of sputter time (s) to depth (nm).
///
/// With one sputter rate, depth = rate × time; the rate comes from a measured crater depth
/// (rate = crater depth ÷ total sputter time) or is given. Real stacks sputter at different rates per
/// layer (differential sputtering, Lombardo et al. 2023, Sec. III): then depth is piecewise linear, each
/// layer with its own rate between the interface times. A single rate over layers of different materials
/// distorts depth, which ``warnings(detectedLayers:)`` says.
public struct DepthScale: Sendable, Equatable {
    /// One layer's rate.
    public struct Layer: Sendable, Equatable {
        /// Sputter time at which the layer ends in s (`.infinity` for the last layer).
        public var endTime: Double
        /// Sputter rate in nm/s.
        public var rate: Double
        /// Creates a layer.
        public init(endTime: Double, rate: Double) { self.endTime = endTime; self.rate = rate }
    }

    /// The layers in sputter order; a single-rate scale has one layer ending at infinity.
    public private(set) var layers: [Layer]

    /// A constant sputter rate in nm/s.
    public init(rateNanometersPerSecond rate: Double) throws(SIMSError) {
        guard rate > 0, rate.isFinite else { throw .invalidArgument("sputter rate must be positive", found: "\(rate)", expected: "nm/s > 0") }
        layers = [Layer(endTime: .infinity, rate: rate)]
    }

    /// A constant rate from a crater depth (nm, profilometry/AFM) reached after `totalTime` s of sputtering.
    public init(craterDepthNanometers depth: Double, totalTime: Double) throws(SIMSError) {
        guard depth > 0, totalTime > 0 else {
            throw .invalidArgument("crater depth and sputter time must be positive", found: "\(depth) nm in \(totalTime) s", expected: "> 0")
        }
        try self.init(rateNanometersPerSecond: depth / totalTime)
    }

    /// Per-layer rates (nm/s) between interface times (s): `rates.count == interfaceTimes.count + 1`.
    public init(interfaceTimes: [Double], rates: [Double]) throws(SIMSError) {
        guard rates.count == interfaceTimes.count + 1 else {
            throw .invalidArgument("per-layer rates need one rate more than interfaces", found: "\(rates.count) rates, \(interfaceTimes.count) interfaces", expected: "\(interfaceTimes.count + 1) rates")
        }
        guard rates.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw .invalidArgument("sputter rates must be positive", found: "\(rates)", expected: "nm/s > 0") }
        guard zip(interfaceTimes, interfaceTimes.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidArgument("interface times must increase", found: "\(interfaceTimes)", expected: "increasing times in s")
        }
        layers = zip(interfaceTimes + [.infinity], rates).map { Layer(endTime: $0, rate: $1) }
    }

    /// Depth in nm reached after `time` s of sputtering.
    public func depth(atTime time: Double) -> Double {
        var depth = 0.0
        var start = 0.0
        for layer in layers {
            let end = min(time, layer.endTime)
            if end > start { depth += (end - start) * layer.rate }
            if time <= layer.endTime { break }
            start = layer.endTime
        }
        return depth
    }

    /// Depths (nm) for all sputter times (s).
    public func depths(for times: ContiguousArray<Double>) -> ContiguousArray<Double> {
        ContiguousArray(times.map { depth(atTime: $0) })
    }

    /// `true` when all layers share one rate.
    public var isSingleRate: Bool { Set(layers.map(\.rate)).count == 1 }

    /// Warnings about this scale for a profile in which `layerCount` layers were detected.
    public func warnings(detectedLayers layerCount: Int) -> [String] {
        if isSingleRate && layerCount > 1 {
            return ["one sputter rate is applied to \(layerCount) layers: differential sputtering between materials distorts the depth scale — give per-layer rates (--layer-rates) from crater depths of reference films"]
        }
        return []
    }
}
