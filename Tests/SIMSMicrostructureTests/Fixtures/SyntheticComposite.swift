import SIMSAnalysis
import SIMSMicrostructure

/// Deterministic MicrostructureRandom generator for test media.
struct MicrostructureRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// Poisson variate (Knuth for small means, rounded normal approximation above 40).
    mutating func poisson(_ mean: Double) -> Double {
        if mean <= 0 { return 0 }
        if mean > 40 {
            let u1 = max(uniform(), 1e-300), u2 = uniform()
            let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            return max(0, (mean + normal * mean.squareRoot()).rounded())
        }
        let limit = exp(-mean)
        var k = 0.0, product = uniform()
        while product > limit { k += 1; product *= uniform() }
        return k
    }
}

import Foundation

/// A composite cathode cross-section made in the test: NCM discs in a solid-electrolyte matrix with pores,
/// imaged as Poisson-noisy ion images blurred by the beam.
struct SyntheticComposite {
    let truth: PhaseLabels
    let channels: ImageChannels

    /// Phases: 0 NCM, 1 SE, 2 pore. `topography` is the log-amplitude of a smooth multiplicative yield field
    /// g = exp(topography · cos(2πx/W) · cos(πy/H)) applied to every ion (0: flat sample).
    init(width: Int = 100, height: Int = 90, seed: UInt64 = 7, pixelSize: Double = 0.2, topography: Double = 0) throws {
        var rng = MicrostructureRandom(state: seed)
        var labels = ContiguousArray<UInt8>(repeating: 1, count: width * height)
        func paint(_ count: Int, radii: ClosedRange<Double>, label: UInt8) {
            for _ in 0 ..< count {
                let cx = rng.uniform() * Double(width), cy = rng.uniform() * Double(height)
                let r = radii.lowerBound + rng.uniform() * (radii.upperBound - radii.lowerBound)
                for y in 0 ..< height { for x in 0 ..< width {
                    let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                    if dx * dx + dy * dy <= r * r { labels[y * width + x] = label }
                } }
            }
        }
        paint(12, radii: 8 ... 13, label: 0)
        paint(14, radii: 2.5 ... 4.5, label: 2)
        truth = try PhaseLabels(width: width, height: height, labels: labels, phases: ["NCM", "SE", "pore"], voxelSizeMicrometers: pixelSize)
        // Mean counts per pixel and phase (NCM, SE, pore).
        let yields: [(ion: String, means: [Double])] = [
            ("NiO2-", [30, 0.8, 0.3]), ("MnO2-", [12, 0.4, 0.2]), ("PS3-", [1.0, 25, 0.4]), ("Cl-", [2.0, 18, 0.5]),
            ("O-", [60, 40, 4]),
        ]
        let blur = GaussianFilter(sigma: 0.7)
        let field = (0 ..< width * height).map { i -> Double in
            let x = (Double(i % width) + 0.5) / Double(width), y = (Double(i / width) + 0.5) / Double(height)
            return exp(topography * cos(2 * Double.pi * x) * cos(Double.pi * y))
        }
        var counts: [ContiguousArray<Double>] = []
        var total = ContiguousArray<Double>(repeating: 0, count: width * height)
        for (_, means) in yields {
            let expected = blur.apply(ContiguousArray(labels.map { means[Int($0)] }), width: width, height: height)
            let noisy = ContiguousArray(expected.indices.map { rng.poisson(expected[$0] * field[$0]) })
            for i in noisy.indices { total[i] += noisy[i] }
            counts.append(noisy)
        }
        // Other ions contribute to the total only.
        let other = blur.apply(ContiguousArray(labels.map { [40.0, 45, 3][Int($0)] }), width: width, height: height)
        for i in total.indices { total[i] += rng.poisson(other[i] * field[i]) }
        channels = try ImageChannels(width: width, height: height, ions: yields.map(\.ion), counts: counts, total: total, pixelSizeMicrometers: pixelSize)
    }
}
