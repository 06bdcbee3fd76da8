/// Which neighbours count as connected when labelling components.
public enum Connectivity: String, Sendable, Equatable, CaseIterable, Codable {
    /// Shared face only: 4-connectivity in 2-D, 6-connectivity in 3-D (the connectivity of diffusion through faces).
    case face
    /// Shared face, edge or corner: 8-connectivity in 2-D, 26-connectivity in 3-D.
    case full

    /// The neighbour count for an image (`threeDimensional == false`) or a volume: 4, 8, 6 or 26.
    public func neighbourCount(threeDimensional: Bool) -> Int {
        switch (self, threeDimensional) {
        case (.face, false): 4
        case (.full, false): 8
        case (.face, true): 6
        case (.full, true): 26
        }
    }

    /// Neighbour offsets (dx, dy, dz).
    func offsets(threeDimensional: Bool) -> [(Int, Int, Int)] {
        var result: [(Int, Int, Int)] = []
        let zRange = threeDimensional ? -1 ... 1 : 0 ... 0
        for dz in zRange {
            for dy in -1 ... 1 {
                for dx in -1 ... 1 {
                    let order = abs(dx) + abs(dy) + abs(dz)
                    if order == 0 { continue }
                    if self == .face && order > 1 { continue }
                    result.append((dx, dy, dz))
                }
            }
        }
        return result
    }
}
