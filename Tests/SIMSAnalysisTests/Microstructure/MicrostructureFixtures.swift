import Foundation
import SIMSAnalysis

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
