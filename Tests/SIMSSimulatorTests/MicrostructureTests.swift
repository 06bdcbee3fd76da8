import Testing
@testable import SIMSSimulator

@Suite("Cathode microstructure, phase maps and yield field")
struct MicrostructureTests {
    static var model: CathodeModel {
        var m = CathodeModel()
        m.fieldOfViewMicrometers = 40
        m.particleRadiusMicrometers = 2...4
        m.ceiThicknessMicrometers = 0.4
        return m
    }

    @Test("realised volume fractions are close to the recipe")
    func fractions() throws {
        let structure = try Self.model.generate(seed: 11, depthMicrometers: 20)
        let f = structure.volumeFractions(samples: 40_000, seed: 1)
        #expect(abs(f[.ncm811]! - 0.5) < 0.05, "NCM \(f[.ncm811]!)")
        #expect(abs(f[.carbon]! - 0.05) < 0.02, "carbon \(f[.carbon]!)")
        #expect(abs(f[.pore]! - 0.06) < 0.02, "pores \(f[.pore]!)")
        #expect(f[.cei]! > 0.01)
        #expect(abs(f.values.reduce(0, +) - 1) < 1e-12)
    }

    @Test("CEI lies only within its thickness of an NCM surface; a section's fractions match the volume's")
    func ceiAndSections() throws {
        let structure = try Self.model.generate(seed: 12, depthMicrometers: 20)
        var random = SimulationRandom(seed: 2)
        var checked = 0
        for _ in 0..<20_000 {
            let x = random.uniform(0, 40), y = random.uniform(0, 40), z = random.uniform(0, 20)
            guard structure.phase(atX: x, y: y, z: z) == .cei else { continue }
            checked += 1
            let distance = structure.particles.map { s in
                ((x - s.x) * (x - s.x) + (y - s.y) * (y - s.y) + (z - s.z) * (z - s.z)).squareRoot() - s.radius
            }.min()!
            #expect(distance > 0 && distance <= 0.4 + 1e-12)
        }
        #expect(checked > 50)
        // Average over several sections ≈ volume fractions (Delesse).
        var ncm = 0.0
        let planes = [4.0, 8, 12, 16]
        for z in planes { ncm += structure.section(atDepth: z, width: 40, height: 40, subsamples: 2, seed: 3).areaFraction(of: .ncm811) }
        let volume = structure.volumeFractions(samples: 40_000, seed: 4)[.ncm811]!
        #expect(abs(ncm / Double(planes.count) - volume) < 0.06)
    }

    @Test("pixel fractions sum to one and labels are the dominant phase")
    func phaseMap() throws {
        let structure = try Self.model.generate(seed: 13)
        let map = structure.section(atDepth: structure.depthMicrometers / 2, width: 24, height: 24, subsamples: 3, seed: 1)
        for p in 0..<map.pixelCount {
            let fractions = map.phases.map { map.fraction(of: $0, atPixel: p) }
            #expect(abs(fractions.reduce(0, +) - 1) < 1e-5)
            let label = Phase(rawValue: map.labels[p])!
            #expect(map.fraction(of: label, atPixel: p) == fractions.max()!)
        }
    }

    @Test("the yield field has mean 1, is positive and smooth, and is reproducible")
    func yieldField() {
        let a = YieldField(width: 64, height: 64, strength: 0.4, seed: 5)
        let b = YieldField(width: 64, height: 64, strength: 0.4, seed: 5)
        #expect(a == b)
        #expect(abs(a.factors.reduce(0, +) / 4096 - 1) < 1e-12)
        #expect(a.range.lowerBound > 0)
        #expect(a.range.upperBound / a.range.lowerBound > 1.3)
        var maxStep = 0.0
        for y in 0..<64 { for x in 1..<64 { maxStep = max(maxStep, abs(a.factors[y * 64 + x] / a.factors[y * 64 + x - 1] - 1)) } }
        #expect(maxStep < 0.1)
        #expect(YieldField(width: 8, height: 8, strength: 0, seed: 1).factors.allSatisfy { abs($0 - 1) < 1e-12 })
    }

    @Test("invalid recipes are rejected with a clear error")
    func validation() {
        var m = CathodeModel()
        m.activeMaterialFraction = 0.9
        m.porosity = 0.2
        #expect(throws: SIMSError.self) { try m.generate(seed: 1) }
    }
}
