import Foundation
import SIMSMicrostructure

/// Small labelled media built in code for the microstructure tests.
enum Media {
    /// A medium from a closure `(x, y, z) -> label`.
    static func make(
        width: Int, height: Int, depth: Int = 1, phases: [String] = ["solid", "pore"], voxelSize: Double? = nil,
        _ label: (Int, Int, Int) -> UInt8
    ) throws -> PhaseLabels {
        var labels = ContiguousArray<UInt8>()
        labels.reserveCapacity(width * height * depth)
        for z in 0 ..< depth { for y in 0 ..< height { for x in 0 ..< width { labels.append(label(x, y, z)) } } }
        return try PhaseLabels(width: width, height: height, depth: depth, labels: labels, phases: phases, voxelSizeMicrometers: voxelSize)
    }
}

extension Media {
    /// Overlapping random spheres (radius 2–4 voxels, label 1 "pore") in a `size³` solid until the pore fraction
    /// reaches 0.45; a linear congruential generator keeps it reproducible.
    static func spheres(size: Int, seed: UInt64) throws -> PhaseLabels {
        var labels = ContiguousArray<UInt8>(repeating: 0, count: size * size * size)
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(UInt64(1) << 53)
        }
        var pore = 0
        while pore < Int(0.45 * Double(labels.count)) {
            let cx = uniform() * Double(size), cy = uniform() * Double(size), cz = uniform() * Double(size)
            let r = 2 + 2 * uniform()
            for z in max(0, Int(cz - r)) ... min(size - 1, Int(cz + r)) {
                for y in max(0, Int(cy - r)) ... min(size - 1, Int(cy + r)) {
                    for x in max(0, Int(cx - r)) ... min(size - 1, Int(cx + r)) {
                        let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy, dz = Double(z) + 0.5 - cz
                        let v = (z * size + y) * size + x
                        if dx * dx + dy * dy + dz * dz <= r * r && labels[v] == 0 {
                            labels[v] = 1
                            pore += 1
                        }
                    }
                }
            }
        }
        return try PhaseLabels(width: size, height: size, depth: size, labels: labels, phases: ["solid", "pore"], voxelSizeMicrometers: nil)
    }
}

/// One case of `Tests/Reference/tortuosity_reference.json` (written by `tortuosity_reference.py`, SciPy spsolve).
struct TortuosityReferenceCase: Decodable {
    var name: String
    var width: Int
    var height: Int
    var depth: Int
    var axis: String
    var diffusivities: [Double]
    var labels: String
    var effective: Double
    var epsilon: Double
    var unknowns: Int
    var tau: Double?

    static func load() throws -> [TortuosityReferenceCase] {
        struct File: Decodable { var cases: [TortuosityReferenceCase] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Reference/tortuosity_reference.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    func phaseLabels() throws -> PhaseLabels {
        let values = ContiguousArray(labels.utf8.map { $0 - UInt8(ascii: "0") })
        return try PhaseLabels(
            width: width, height: height, depth: depth, labels: values,
            phases: diffusivities.indices.map { "phase\($0)" })
    }
}
