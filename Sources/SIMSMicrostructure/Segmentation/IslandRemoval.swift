/// Removes small islands from a segmentation: every face-connected component (4-connectivity in 2-D,
/// 6 in 3-D) of one label with fewer than ``minimumVoxels`` voxels takes the label most common among the voxels
/// bordering it (ties: the lower label). Repeated until no island is left or 10 passes were made.
public struct IslandRemoval: Sendable, Equatable {
    /// Components smaller than this are merged into their surroundings.
    public var minimumVoxels: Int

    /// Configures the filter.
    public init(minimumVoxels: Int) { self.minimumVoxels = minimumVoxels }

    /// The cleaned labels, and how many voxels changed.
    public func apply(_ labels: PhaseLabels) -> (labels: PhaseLabels, changed: Int) {
        guard minimumVoxels > 1 else { return (labels, 0) }
        var result = labels
        var changed = 0
        let width = labels.width, height = labels.height, depth = labels.depth, plane = width * height
        let phaseCount = labels.phases.count
        for _ in 0 ..< 10 {
            var changedThisPass = 0
            for phase in 0 ..< phaseCount {
                let components = ConnectedComponents(connectivity: .face).fit(result, label: UInt8(phase))
                let small = Set((0 ..< components.count).filter { components.sizes[$0] < minimumVoxels })
                guard !small.isEmpty else { continue }
                // Neighbour label votes per small component.
                var votes: [Int: [Int]] = [:]
                var members: [Int: [Int]] = [:]
                for v in 0 ..< result.voxelCount {
                    let id = Int(components.component[v])
                    guard id >= 0, small.contains(id) else { continue }
                    members[id, default: []].append(v)
                    let x = v % width, y = (v / width) % height, z = v / plane
                    var neighbours: [Int] = []
                    if x > 0 { neighbours.append(v - 1) }
                    if x < width - 1 { neighbours.append(v + 1) }
                    if y > 0 { neighbours.append(v - width) }
                    if y < height - 1 { neighbours.append(v + width) }
                    if z > 0 { neighbours.append(v - plane) }
                    if z < depth - 1 { neighbours.append(v + plane) }
                    for u in neighbours where Int(result.labels[u]) != phase {
                        votes[id, default: [Int](repeating: 0, count: phaseCount)][Int(result.labels[u])] += 1
                    }
                }
                for id in small.sorted() {
                    guard let tally = votes[id], let top = tally.max(), top > 0, let winner = tally.firstIndex(of: top) else { continue }
                    for v in members[id] ?? [] { result.labels[v] = UInt8(winner) }
                    changedThisPass += members[id]?.count ?? 0
                }
            }
            changed += changedThisPass
            if changedThisPass == 0 { break }
        }
        return (result, changed)
    }
}
