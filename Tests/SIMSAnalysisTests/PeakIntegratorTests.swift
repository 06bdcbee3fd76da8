import Testing
@testable import SIMSAnalysis

@Suite("Peak integration (trapezoid, inclusive bounds)")
struct PeakIntegratorTests {
    static func peak(_ index: Int, _ lower: Double, _ upper: Double, _ name: String = "X-") -> Peak {
        Peak(index: index, assignment: name, interval: MassInterval(lower: lower, upper: upper))
    }

    @Test("hand-computed areas, TIC, counts and inclusive bounds")
    func handComputed() throws {
        // m: 1, 2, 3, 4, 6 ; y: 10, 20, 30, 40, 0  → TIC = 100
        let spectrum = Spectrum(mass: [1, 2, 3, 4, 6], intensity: [10, 20, 30, 40, 0])
        let integrator = PeakIntegrator(peaks: [
            Self.peak(1, 2, 4),        // points 2,3,4: (20+30)/2 + (30+40)/2 = 25 + 35 = 60
            Self.peak(2, 3.5, 7),      // points 4,6: 2·(40+0)/2 = 40
            Self.peak(3, 2.5, 2.9),    // no point → 0
            Self.peak(4, 3, 3),        // one point → 0 area, 30 counts
            Self.peak(5, 0, 100),      // whole spectrum: 15 + 25 + 35 + 40 = 115
        ])
        let areas = try integrator.integrate(spectrum)
        #expect(areas.tic == 100)
        #expect(Array(areas.rawArea) == [60, 40, 0, 0, 115])
        #expect(Array(areas.counts) == [90, 40, 0, 30, 100])
        #expect(Array(areas.pointCounts) == [3, 2, 0, 1, 5])
        #expect(areas.emptyPeaks == [2])
        for k in 0..<5 { #expect(abs(areas.ticNormalizedArea[k] - areas.rawArea[k] / 100) < 1e-15) }
    }

    @Test("unsorted or non-finite spectra are rejected with the data point")
    func invalid() {
        let unsorted = Spectrum(mass: [1, 3, 2], intensity: [1, 1, 1], source: "spot.txt")
        #expect(throws: SIMSError.self) { try PeakIntegrator(peaks: [Self.peak(1, 0, 5)]).integrate(unsorted) }
        let nan = Spectrum(mass: [1, 2, 3], intensity: [1, .nan, 1])
        #expect(throws: SIMSError.self) { try PeakIntegrator(peaks: [Self.peak(1, 0, 5)]).integrate(nan) }
    }

    @Test("zero TIC gives zero normalized areas, not NaN")
    func zeroTIC() throws {
        let areas = try PeakIntegrator(peaks: [Self.peak(1, 0, 5)]).integrate(Spectrum(mass: [1, 2], intensity: [0, 0]))
        #expect(areas.ticNormalizedArea[0] == 0)
    }

    @Test("binary search agrees with a linear scan on random intervals")
    func binarySearchAgrees() throws {
        var generator = SplitMix64(seed: 7)
        var mass = ContiguousArray<Double>(), intensity = ContiguousArray<Double>()
        var m = 1.0
        for _ in 0..<2000 { m += Double.random(in: 0.001...0.05, using: &generator); mass.append(m); intensity.append(Double(Int.random(in: 0...500, using: &generator))) }
        mass[10] = mass[9]  // a duplicate m/z must not break anything
        let spectrum = Spectrum(mass: mass, intensity: intensity)
        var peaks: [Peak] = []
        for k in 0..<300 {
            let lower = Double.random(in: 0.5...(m + 0.5), using: &generator)
            let upper = k % 3 == 0 ? mass[Int.random(in: 0..<mass.count, using: &generator)] : lower + Double.random(in: 0...0.5, using: &generator)
            peaks.append(Self.peak(k + 1, min(lower, upper), max(lower, upper)))
        }
        let areas = try PeakIntegrator(peaks: peaks).integrate(spectrum)
        for (k, peak) in peaks.enumerated() {
            let inside = mass.indices.filter { peak.interval.contains(mass[$0]) }
            var area = 0.0
            for (a, b) in zip(inside, inside.dropFirst()) { area += (mass[b] - mass[a]) * (intensity[a] + intensity[b]) / 2 }
            #expect(areas.pointCounts[k] == inside.count)
            #expect(abs(areas.rawArea[k] - area) <= 1e-12 * max(1, abs(area)))
        }
    }
}
