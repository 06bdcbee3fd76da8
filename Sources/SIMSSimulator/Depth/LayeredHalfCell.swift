#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A layered half cell for depth profiling, from the sputtered surface down, with a sputter rate per
/// layer and Gaussian-broadened interfaces (roughness and ion-beam mixing).
///
/// The volume fraction of layer j at depth z is
/// f_j(z) = ½[erf((z − d_{j−1})/(√2 σ_{j−1})) − erf((z − d_j)/(√2 σ_j))], with interface depths d and widths σ
/// (the first layer extends to −∞, the last to +∞), so Σ_j f_j = 1 (telescoping). The erosion rate at
/// depth z is Σ_j f_j(z)·r_j: layers with different rates distort a time axis converted with one rate
/// (differential sputtering, Lombardo et al., JVST A 41 (2023) 053207, Sec. IV).
public struct LayeredHalfCell: Sendable, Hashable, Codable {
    /// One layer.
    public struct Layer: Sendable, Hashable, Codable {
        /// Name used in `truth.json` (e.g. `Li metal`).
        public var name: String
        /// Phase composition (fractions summing to 1).
        public var composition: [Phase: Double]
        /// Thickness in nm (the last layer is semi-infinite: its thickness is recorded but not used).
        public var thicknessNanometers: Double
        /// Sputter (erosion) rate in nm/s.
        public var sputterRateNanometersPerSecond: Double

        /// Creates a layer.
        public init(name: String, composition: [Phase: Double], thicknessNanometers: Double, sputterRateNanometersPerSecond: Double) {
            self.name = name
            self.composition = composition
            self.thicknessNanometers = thicknessNanometers
            self.sputterRateNanometersPerSecond = sputterRateNanometersPerSecond
        }

        enum CodingKeys: String, CodingKey { case name, composition, thicknessNanometers, sputterRateNanometersPerSecond }

        /// Decodes a layer; the composition is keyed by phase name (``Phase/name``).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            let named = try c.decode([String: Double].self, forKey: .composition)
            var composition: [Phase: Double] = [:]
            for (key, value) in named {
                guard let phase = Phase.allCases.first(where: { $0.name == key }) else {
                    throw DecodingError.dataCorruptedError(forKey: .composition, in: c, debugDescription: "unknown phase \(key)")
                }
                composition[phase] = value
            }
            self.composition = composition
            thicknessNanometers = try c.decode(Double.self, forKey: .thicknessNanometers)
            sputterRateNanometersPerSecond = try c.decode(Double.self, forKey: .sputterRateNanometersPerSecond)
        }

        /// Encodes the layer with the composition keyed by phase name.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(Dictionary(uniqueKeysWithValues: composition.map { ($0.key.name, $0.value) }), forKey: .composition)
            try c.encode(thicknessNanometers, forKey: .thicknessNanometers)
            try c.encode(sputterRateNanometersPerSecond, forKey: .sputterRateNanometersPerSecond)
        }
    }

    /// Layers from the surface down.
    public var layers: [Layer]
    /// Width σ in nm of each interface (one fewer than layers); the 16–84 % width is 2σ.
    public var interfaceSigmaNanometers: [Double]

    /// Creates a stack.
    public init(layers: [Layer], interfaceSigmaNanometers: [Double]) {
        self.layers = layers
        self.interfaceSigmaNanometers = interfaceSigmaNanometers
    }

    /// Li metal (150 nm, 1.5 nm/s) | SEI: Li₂S, Li₃P, LiCl, Li₂O (40 nm, 0.4 nm/s) | Li₆PS₅Cl (250 nm, 0.9 nm/s)
    /// | NCM811 composite cathode (semi-infinite, 0.5 nm/s); interface σ 8, 6, 25 nm.
    public static var standard: LayeredHalfCell {
        LayeredHalfCell(layers: [
            Layer(name: "Li metal", composition: [.lithium: 1], thicknessNanometers: 150, sputterRateNanometersPerSecond: 1.5),
            Layer(name: "SEI", composition: [.sei: 1], thicknessNanometers: 40, sputterRateNanometersPerSecond: 0.4),
            Layer(name: "Li6PS5Cl", composition: [.argyrodite: 1], thicknessNanometers: 250, sputterRateNanometersPerSecond: 0.9),
            Layer(name: "cathode composite", composition: [.ncm811: 0.55, .argyrodite: 0.33, .carbon: 0.05, .cei: 0.07],
                  thicknessNanometers: 10_000, sputterRateNanometersPerSecond: 0.5),
        ], interfaceSigmaNanometers: [8, 6, 25])
    }

    /// Depths of the interfaces in nm (cumulative thicknesses).
    public var interfaceDepthsNanometers: [Double] {
        var depths: [Double] = []
        var z = 0.0
        for layer in layers.dropLast() { z += layer.thicknessNanometers; depths.append(z) }
        return depths
    }

    /// The phases of all layers, sorted by raw value.
    public var phases: [Phase] {
        Array(Set(layers.flatMap { $0.composition.keys })).sorted { $0.rawValue < $1.rawValue }
    }

    /// Fraction of each layer at depth `z` (nm).
    public func layerFractions(atDepth z: Double) -> [Double] {
        let d = interfaceDepthsNanometers
        func step(_ i: Int) -> Double {   // ½(1 + erf((z − d_i)/(√2σ_i))): 0 above interface i, 1 below
            0.5 * erfc(-(z - d[i]) / (2.0.squareRoot() * max(interfaceSigmaNanometers[i], 1e-9)))
        }
        return layers.indices.map { j in
            let upper = j == 0 ? 1.0 : step(j - 1)
            let lower = j == layers.count - 1 ? 0.0 : step(j)
            return max(0, upper - lower)
        }
    }

    /// Phase composition at depth `z` (nm).
    public func composition(atDepth z: Double) -> [Phase: Double] {
        var result: [Phase: Double] = [:]
        for (f, layer) in zip(layerFractions(atDepth: z), layers) {
            for (phase, x) in layer.composition { result[phase, default: 0] += f * x }
        }
        return result
    }

    /// Erosion rate at depth `z` in nm/s: Σ_j f_j(z)·r_j.
    public func sputterRate(atDepth z: Double) -> Double {
        zip(layerFractions(atDepth: z), layers).reduce(0) { $0 + $1.0 * $1.1.sputterRateNanometersPerSecond }
    }

    /// Checks the stack.
    public func validate() throws(SIMSError) {
        guard layers.count >= 2, interfaceSigmaNanometers.count == layers.count - 1,
              layers.allSatisfy({ $0.sputterRateNanometersPerSecond > 0 }),
              layers.allSatisfy({ $0.thicknessNanometers > 0 && $0.thicknessNanometers.isFinite }),
              interfaceSigmaNanometers.allSatisfy({ $0 >= 0 }) else {
            throw .invalidArgument("a layered half cell needs ≥ 2 layers with positive finite thicknesses and rates and one interface width per interface")
        }
    }
}
