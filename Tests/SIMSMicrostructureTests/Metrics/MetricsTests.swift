import Testing
@testable import SIMSMicrostructure

@Suite("Microstructure metrics: fractions, interfaces, components, particle sizes")
struct MetricsTests {
    @Test("phase fractions count voxels")
    func fractions() throws {
        let medium = try Media.make(width: 5, height: 4, phases: ["a", "b", "c"]) { x, y, _ in x < 2 ? 0 : (y == 0 ? 2 : 1) }
        #expect(medium.voxelCounts == [8, 9, 3])
        #expect(medium.phaseFractions == [0.4, 0.45, 0.15])
    }

    @Test("disc perimeter: Crofton estimate within 1.5 % of 2πr, face counting 4/π too high")
    func discPerimeter() throws {
        let r = 30.0, h = 0.25
        let medium = try Media.make(width: 90, height: 80, voxelSize: h) { x, y, _ in
            let dx = Double(x) - 44.5, dy = Double(y) - 40.2
            return dx * dx + dy * dy <= r * r ? 1 : 0
        }
        let result = InterfaceArea().fit(medium)
        let exactLength = 2 * Double.pi * r * h  // µm
        let estimate = result.totalArea(0, 1)
        #expect(abs(estimate - exactLength) / exactLength < 0.015, "\(estimate) vs \(exactLength)")
        // Specific (stationary estimator, per probe length inside the window): larger by the edge factor
        // ≈ N/pairs, here ≈ 1.8 %.
        let exactSpecific = exactLength / (90 * 80 * h * h)
        let specific = result.specificArea(between: "pore", and: "solid")!
        #expect(specific > exactSpecific && abs(specific - exactSpecific) / exactSpecific < 0.03)
        // The naive pixel-edge count is biased by ≈ 4/π (27 %).
        var edges = 0
        for y in 0 ..< 80 { for x in 0 ..< 90 {
            if x + 1 < 90 && medium[x, y, 0] != medium[x + 1, y, 0] { edges += 1 }
            if y + 1 < 80 && medium[x, y, 0] != medium[x, y + 1, 0] { edges += 1 }
        } }
        #expect(abs(Double(edges) / (2 * Double.pi * r) - 4 / Double.pi) < 0.03)
    }

    @Test("sphere surface: Crofton estimate over 13 directions within 2 % of 4πr²")
    func sphereSurface() throws {
        let r = 14.0
        let medium = try Media.make(width: 34, height: 33, depth: 32, voxelSize: 0.5) { x, y, z in
            let dx = Double(x) - 16.3, dy = Double(y) - 16.1, dz = Double(z) - 15.6
            return dx * dx + dy * dy + dz * dz <= r * r ? 1 : 0
        }
        let result = InterfaceArea().fit(medium)
        let exact = 4 * Double.pi * r * r * 0.25  // µm²
        #expect(abs(result.totalArea(0, 1) - exact) / exact < 0.02, "\(result.totalArea(0, 1)) vs \(exact)")
        // Weights are a partition of the sphere.
        let weights = InterfaceArea.spatialDirections.map(\.weight).reduce(0, +)
        #expect(abs(weights - 1) < 1e-10)
    }

    @Test("pairwise attribution: stripes a|b|c have a–b and b–c interfaces but no a–c")
    func pairs() throws {
        let medium = try Media.make(width: 30, height: 20, phases: ["a", "b", "c"]) { x, _, _ in x < 10 ? 0 : x < 20 ? 1 : 2 }
        let result = InterfaceArea().fit(medium)
        #expect(result.specificArea(0, 2) == 0)
        #expect(result.specificArea(0, 1) > 0)
        #expect(abs(result.specificArea(0, 1) - result.specificArea(1, 2)) < 1e-12)
        #expect(result.specificArea(0, 1) == result.specificArea(1, 0))
        #expect(result.pairs.count == 3)
    }

    @Test("components: diagonal neighbours join under 8/26- but not 4/6-connectivity")
    func components() throws {
        // Diagonal line of pixels (x == y) plus a separate block.
        let image = try Media.make(width: 8, height: 8) { x, y, _ in x == y || (x == 6 && y < 2) ? 1 : 0 }
        let face = try ConnectedComponents(connectivity: .face).fit(image, phase: "pore")
        let full = try ConnectedComponents(connectivity: .full).fit(image, phase: "pore")
        #expect(face.count == 9)  // 8 diagonal pixels + the 2-pixel block
        #expect(full.count == 2)  // the block (6,0),(6,1) touches no diagonal pixel
        #expect(face.phaseVoxels == 10 && full.phaseVoxels == 10)
        #expect(Connectivity.face.neighbourCount(threeDimensional: true) == 6)
        #expect(Connectivity.full.neighbourCount(threeDimensional: true) == 26)
        // 3-D: voxels touching only at a corner.
        let volume = try Media.make(width: 3, height: 3, depth: 3) { x, y, z in x == y && y == z ? 1 : 0 }
        #expect(try ConnectedComponents(connectivity: .face).fit(volume, phase: "pore").count == 3)
        #expect(try ConnectedComponents(connectivity: .full).fit(volume, phase: "pore").count == 1)
    }

    @Test("percolation: fraction of the phase connected to both faces")
    func percolation() throws {
        // Row 2 spans x (10 px); a 3-px bar in column 5 rows 5–7 touches neither x face.
        let image = try Media.make(width: 10, height: 9) { x, y, _ in y == 2 || (x == 5 && (5...7).contains(y)) ? 1 : 0 }
        let components = try ConnectedComponents().fit(image, phase: "pore")
        #expect(abs(components.connectedFraction(along: .x) - 10.0 / 13.0) < 1e-12)
        #expect(components.connectedFraction(along: .y) == 0)
        #expect(components.connectedFraction(along: .z) == 0)
    }

    @Test("particle sizes: equivalent diameters of discs of known radius")
    func particles() throws {
        let centres: [(Double, Double, Double)] = [(15, 15, 8), (50, 20, 12), (30, 50, 6), (70, 55, 10)]
        let image = try Media.make(width: 90, height: 75, phases: ["matrix", "NCM"], voxelSize: 0.1) { x, y, _ in
            centres.contains { c in (Double(x) - c.0) * (Double(x) - c.0) + (Double(y) - c.1) * (Double(y) - c.1) <= c.2 * c.2 } ? 1 : 0
        }
        let psd = try ParticleSizes().fit(image, phase: "NCM")
        #expect(psd.particles.count == 4)
        let diameters = psd.particles.map(\.equivalentDiameter).sorted()
        let expected = centres.map { 2 * $0.2 * 0.1 }.sorted()
        for (d, e) in zip(diameters, expected) { #expect(abs(d - e) / e < 0.03, "\(d) vs \(e)") }
        #expect(psd.particles.allSatisfy { !$0.touchesBorder })
        #expect(abs(psd.diameterQuantile(0.5)! - (diameters[1] + diameters[2]) / 2) < 1e-12)
        // 3-D: a ball of radius 6 voxels.
        let ball = try Media.make(width: 16, height: 16, depth: 16, phases: ["matrix", "NCM"]) { x, y, z in
            let d = [x, y, z].map { Double($0) - 7.5 }
            return d.map { $0 * $0 }.reduce(0, +) <= 36 ? 1 : 0
        }
        let ballSize = try ParticleSizes().fit(ball, phase: "NCM")
        #expect(ballSize.particles.count == 1)
        #expect(abs(ballSize.particles[0].equivalentDiameter - 12) / 12 < 0.03)
    }
}
