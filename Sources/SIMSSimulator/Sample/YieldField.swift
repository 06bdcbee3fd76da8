#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A smooth multiplicative secondary-ion yield field over the analysed area, standing for topography
/// (height, local incidence angle, shadowing, extraction-field distortion).
///
/// Every count of a pixel, of every ion, is multiplied by the field's value there. Ratios of two ions
/// in one pixel are therefore unaffected, while whole-area sums are weighted towards bright regions —
/// the reason the paper recommends pixel-by-pixel normalization (Lombardo et al., JVST A 41 (2023)
/// 053207, Sec. V).
///
/// g(x, y) = exp(Σₖ aₖ·exp(−|r − cₖ|²/(2sₖ²)) + t·(x − L/2)/L), scaled to mean 1 over the pixels;
/// aₖ ~ N(0, strength), sₖ uniform in [0.12 L, 0.35 L], t ~ N(0, strength/2).
public struct YieldField: Sendable, Equatable {
    /// Pixels along x.
    public let width: Int
    /// Pixels along y.
    public let height: Int
    /// Yield factor per pixel (mean 1, all > 0), row-major with x fastest.
    public let factors: ContiguousArray<Double>

    /// A field of ones (flat sample).
    public static func flat(width: Int, height: Int) -> YieldField {
        YieldField(width: width, height: height, factors: ContiguousArray(repeating: 1, count: width * height))
    }

    /// Creates a field from explicit factors.
    /// - Precondition: `factors.count == width * height`.
    public init(width: Int, height: Int, factors: ContiguousArray<Double>) {
        precondition(factors.count == width * height, "YieldField: one factor per pixel")
        self.width = width
        self.height = height
        self.factors = factors
    }

    /// A random smooth field with log-amplitude `strength` (0 = flat; 0.4 gives roughly 0.5…2 contrast),
    /// built from `bumps` Gaussian hills and valleys and a tilt.
    public init(width: Int, height: Int, strength: Double, bumps: Int = 6, seed: UInt64) {
        var random = SimulationRandom(seed: seed, stream: "yield field")
        struct Bump { var cx, cy, sigma, amplitude: Double }
        let list = (0..<max(0, bumps)).map { _ in
            Bump(cx: random.uniform(), cy: random.uniform(), sigma: random.uniform(0.12, 0.35),
                 amplitude: strength * random.normal())
        }
        let tiltX = strength / 2 * random.normal()
        let tiltY = strength / 2 * random.normal()
        var factors = ContiguousArray<Double>(repeating: 0, count: width * height)
        var sum = 0.0
        for y in 0..<height {
            let v = (Double(y) + 0.5) / Double(max(height, 1))
            for x in 0..<width {
                let u = (Double(x) + 0.5) / Double(max(width, 1))
                var exponent = tiltX * (u - 0.5) + tiltY * (v - 0.5)
                for b in list {
                    let d2 = (u - b.cx) * (u - b.cx) + (v - b.cy) * (v - b.cy)
                    exponent += b.amplitude * exp(-d2 / (2 * b.sigma * b.sigma))
                }
                let g = exp(exponent)
                factors[y * width + x] = g
                sum += g
            }
        }
        let mean = sum / Double(max(1, width * height))
        if mean > 0 { for i in factors.indices { factors[i] /= mean } }
        self.init(width: width, height: height, factors: factors)
    }

    /// Smallest and largest factor.
    public var range: ClosedRange<Double> {
        (factors.min() ?? 1)...(factors.max() ?? 1)
    }
}
