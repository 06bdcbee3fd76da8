import Foundation
import SIMSSimulator
import Testing
@testable import SIMSQuantification

@Suite("RSF calibration")
struct RSFCalibrationTests {
    /// Spots whose ratio is exactly `r` (huge counts: negligible counting variance; equal weights).
    func exact(_ r: Double, spots: Int = 2) -> [CalibrationSpot] {
        [CalibrationSpot](repeating: CalibrationSpot(analyteCounts: r * 1e12, referenceCounts: 1e12), count: spots)
    }

    @Test("Points on a line: a and b exact (hand case r = 0.01 + 0.002 c), unknown inverted, RSF = 1/b")
    func exactLine() throws {
        let calibration = try RSFCalibration(standards: [0.0, 1, 2, 5].map { c in ("S\(c)", c, exact(0.01 + 0.002 * c)) })
        #expect(abs(calibration.intercept - 0.01) < 1e-12 && abs(calibration.slope - 0.002) < 1e-12)
        #expect(abs(calibration.relativeSensitivityFactor - 500) < 1e-6)
        let unknown = try calibration.estimate(exact(0.01 + 0.002 * 3), name: "U")
        #expect(abs(unknown.concentration - 3) < 1e-9)
        #expect(unknown.warnings.isEmpty)
        let outside = try calibration.estimate(exact(0.01 + 0.002 * 8), name: "U2")
        #expect(outside.warnings.contains { $0.contains("outside the calibrated range") })
    }

    @Test("Weighted fit by hand: three standards, weights 1, 1, 4 → closed-form a, b and covariance")
    func weightedByHand() throws {
        // One spot each with counting variance r²(1/Na + 1/Nr); choose counts so variances are 1e-8, 1e-8, 0.25e-8.
        // Simpler: check against the closed form computed from the levels' own variances.
        let standards: [(String, Double, [CalibrationSpot])] = [
            ("A", 0, [CalibrationSpot(analyteCounts: 100, referenceCounts: 1e6)]),
            ("B", 1, [CalibrationSpot(analyteCounts: 1_100, referenceCounts: 1e6)]),
            ("C", 2, [CalibrationSpot(analyteCounts: 2_050, referenceCounts: 1e6)]),
        ]
        let calibration = try RSFCalibration(standards: standards)
        let levels = try standards.map { try CalibrationLevel($0.2, name: $0.0) }
        let w = levels.map { 1 / $0.variance }, x = [0.0, 1, 2], y = levels.map(\.meanRatio)
        let s = w.reduce(0, +), sx = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 }
        let sxx = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
        let sy = zip(w, y).reduce(0) { $0 + $1.0 * $1.1 }
        let sxy = (0..<3).reduce(0) { $0 + w[$1] * x[$1] * y[$1] }
        let det = s * sxx - sx * sx
        #expect(abs(calibration.slope - (s * sxy - sx * sy) / det) < 1e-12)
        #expect(abs(calibration.intercept - (sxx * sy - sx * sxy) / det) < 1e-12)
        // Counting variance of A: r²(1/100 + 1/1e6) with r = 1e-4.
        #expect(abs(levels[0].variance - 1e-8 * (0.01 + 1e-6)) < 1e-20)
        #expect(calibration.degreesOfFreedom == 1)
    }

    @Test("Held-back standards of a simulated series fall within their propagated uncertainty (200 series: ≥ 93 % within 2 SE, scatter/SE within 20 %)")
    func heldBackStandards() throws {
        let concentrations = [0.0, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0]  // at.%
        let heldBack: Set<Int> = [3, 5]  // 0.2 and 1.0 at.% are treated as unknowns
        let a = 2e-5, b = 4e-4  // normalized intensity at 0 and per at.%
        var within = 0, total = 0
        var z: [Double] = []
        for seed in 0..<200 {
            var random = SimulationRandom(seed: UInt64(seed), stream: "rsf")
            var standards: [(String, Double, [CalibrationSpot])] = []
            var unknowns: [(Double, [CalibrationSpot])] = []
            for (k, c) in concentrations.enumerated() {
                let spots = (0..<5).map { _ in
                    let reference = random.poisson(mean: 2e6)
                    // 3 % spot-to-spot yield variation (replicate error) on top of counting.
                    let yield = 1 + 0.03 * random.normal()
                    return CalibrationSpot(analyteCounts: random.poisson(mean: reference * (a + b * c) * yield), referenceCounts: reference)
                }
                if heldBack.contains(k) { unknowns.append((c, spots)) } else { standards.append(("S\(k)", c, spots)) }
            }
            let calibration = try RSFCalibration(standards: standards)
            for (c, spots) in unknowns {
                let estimate = try calibration.estimate(spots, name: "U")
                total += 1
                if abs(estimate.concentration - c) <= 2 * estimate.standardError { within += 1 }
                z.append((estimate.concentration - c) / estimate.standardError)
            }
        }
        let coverage = Double(within) / Double(total)
        let rms = (z.reduce(0) { $0 + $1 * $1 } / Double(z.count)).squareRoot()
        #expect(coverage >= 0.93, "coverage \(coverage)")
        #expect(abs(rms - 1) <= 0.2, "RMS z \(rms)")
        print("RSF held-back standards: coverage \(coverage), RMS z \(rms)")
    }

    @Test("LOD from a blank standard: 3 s₀ / b; a value below it is flagged; bad series are clear errors")
    func limitOfDetection() throws {
        let blank = [CalibrationSpot(analyteCounts: 10, referenceCounts: 1e6), CalibrationSpot(analyteCounts: 14, referenceCounts: 1e6),
                     CalibrationSpot(analyteCounts: 12, referenceCounts: 1e6)]
        let calibration = try RSFCalibration(standards: [("blank", 0, blank), ("S1", 1, exact(1e-3)), ("S2", 2, exact(2e-3))])
        let s0 = 2e-6  // SD of 1e-5, 1.4e-5, 1.2e-5
        #expect(abs(calibration.limitOfDetection - 3 * s0 / calibration.slope) < 1e-9)
        // The exact standards fix the line (a = 0, b = 1e-3 per unit), so LOD = 0.006 and r = 5e-6 gives c = 0.005.
        let low = try calibration.estimate([CalibrationSpot(analyteCounts: 5, referenceCounts: 1e6)], name: "U")
        #expect(low.warnings.contains { $0.contains("below the limit of detection") })
        #expect(throws: SIMSError.self) { try RSFCalibration(standards: [("a", 1, exact(1e-3)), ("b", 1, exact(1e-3)), ("c", 1, exact(1e-3))]) }
        #expect(throws: SIMSError.self) { try RSFCalibration(standards: [("a", 0, exact(3e-3)), ("b", 1, exact(2e-3)), ("c", 2, exact(1e-3))]) }
        #expect(throws: SIMSError.self) { try CalibrationLevel([CalibrationSpot(analyteCounts: 1, referenceCounts: 0)], name: "z") }
    }
}
