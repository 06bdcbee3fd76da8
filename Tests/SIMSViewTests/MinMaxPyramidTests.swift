import Testing
@testable import SIMSView

@Suite("Min/max pyramid decimation")
struct MinMaxPyramidTests {
    /// Deterministic pseudo-random intensities (LCG), ascending masses.
    func data(_ n: Int) -> MinMaxPyramid {
        var state: UInt64 = 12345
        var y = ContiguousArray<Double>()
        for _ in 0..<n {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            y.append(Double(state >> 40))
        }
        return MinMaxPyramid(mass: ContiguousArray((0..<n).map { 1 + Double($0) * 0.01 }), intensity: y)
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1000, 1023, 4097])
    func extremesMatchBruteForce(_ n: Int) throws {
        let p = data(n)
        var state: UInt64 = 99
        for _ in 0..<300 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let a = Int(state >> 33) % n
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let b = a + 1 + Int(state >> 33) % (n - a)
            let e = try #require(p.extremes(a, b))
            #expect(e.min == p.intensity[a..<b].min()!)
            #expect(e.max == p.intensity[a..<b].max()!)
        }
        #expect(p.extremes(3, 3) == nil)
    }

    @Test func columnsHoldTheExtremesOfTheirPoints() {
        let p = data(100_000)
        let d = p.decimate(lower: 10, upper: 600, columns: 500)
        #expect(!d.raw)
        #expect(d.mass.count == 500)
        // Column 37 covers [10 + 37 Δ, 10 + 38 Δ).
        let step = 590.0 / 500
        let points = p.mass.indices.filter { p.mass[$0] >= 10 + 37 * step && p.mass[$0] < 10 + 38 * step }
        #expect(d.maximum[37] == points.map { p.intensity[$0] }.max())
        #expect(d.minimum[37] == points.map { p.intensity[$0] }.min())
        // Every point of the window is in exactly one column: the overall extremes agree.
        let window = p.mass.indices.filter { p.mass[$0] >= 10 && p.mass[$0] <= 600 }
        #expect(d.maximum.max() == window.map { p.intensity[$0] }.max())
    }

    @Test func narrowWindowsReturnThePointsThemselves() {
        let p = data(10_000)
        let d = p.decimate(lower: 20.005, upper: 20.1, columns: 800)
        #expect(d.raw)
        // 20.01 … 20.10 (10 points) plus one neighbour each side.
        #expect(d.mass.count == 12)
        #expect(abs(d.mass.first! - 20.0) < 1e-9 && abs(d.mass.last! - 20.11) < 1e-9)
        #expect(d.minimum == d.maximum)
    }
}

@Suite("ROI polygons")
struct PixelPolygonTests {
    @Test func rectangleCoversTheEnclosedPixelCentres() throws {
        let polygon = try PixelPolygon(flat: [2, 1, 5, 1, 5, 3, 2, 3])
        let mask = polygon.mask(width: 8, height: 6)
        let inside = mask.indices.filter { mask[$0] }.map { ($0 % 8, $0 / 8) }
        #expect(inside.count == 6)
        #expect(inside.allSatisfy { (2...4).contains($0.0) && (1...2).contains($0.1) })
    }

    @Test func triangleMatchesPointInPolygon() throws {
        let v: [(Double, Double)] = [(1.2, 0.7), (30.4, 5.1), (9.9, 25.3)]
        let mask = try PixelPolygon(flat: v.flatMap { [$0.0, $0.1] }).mask(width: 32, height: 32)
        for y in 0..<32 {
            for x in 0..<32 {
                let (px, py) = (Double(x) + 0.5, Double(y) + 0.5)
                var inside = false
                for i in 0..<3 {
                    let a = v[i], b = v[(i + 1) % 3]
                    if (a.1 <= py) != (b.1 <= py) && px < a.0 + (py - a.1) / (b.1 - a.1) * (b.0 - a.0) { inside.toggle() }
                }
                #expect(mask[y * 32 + x] == inside, "pixel \(x), \(y)")
            }
        }
    }

    @Test func tooFewVerticesAreAnError() {
        #expect(throws: (any Error).self) { try PixelPolygon(flat: [1, 2, 3, 4]) }
    }
}
