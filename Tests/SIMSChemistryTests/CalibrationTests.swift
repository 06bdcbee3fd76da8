import Foundation
import Testing
@testable import SIMSChemistry

@Suite struct CalibrationTests {
    let truth = MassCalibration(t0: 131.25, sf: 2403.7)

    @Test func recoversKnownCalibrationFromExactPoints() throws {
        let masses = [1.007276, 12.000549, 25.008374, 62.964690, 96.969402]
        let points = masses.map { CalibrationPoint(time: truth.time(ofMass: $0), mass: $0) }
        let fit = try MassCalibrator().fit(points)
        #expect(abs(fit.calibration.t0 - truth.t0) / truth.t0 < 1e-6)
        #expect(abs(fit.calibration.sf - truth.sf) / truth.sf < 1e-6)
        #expect(fit.rmsPPM < 1e-6)
        // Two points define the line exactly.
        let two = try MassCalibrator().fit(Array(points.prefix(2)))
        #expect(abs(two.calibration.sf - truth.sf) / truth.sf < 1e-9)
    }

    @Test func residualsReportedInPPM() throws {
        // Perturb one reference by +20 ppm in time-equivalent mass; its residual shows up, the others stay small.
        var points = [7.0154, 25.0084, 62.9647, 96.9694, 144.9646].map { CalibrationPoint(time: truth.time(ofMass: $0), mass: $0) }
        points[2].time = truth.time(ofMass: points[2].mass * (1 + 20e-6))
        let fit = try MassCalibrator().fit(points)
        #expect(fit.residualsPPM.count == 5)
        #expect(fit.residualsPPM[2] > 10)
        #expect(fit.rmsPPM > 5 && fit.rmsPPM < 20)
    }

    @Test func badInputThrows() {
        #expect(throws: SIMSError.self) { try MassCalibrator().fit([CalibrationPoint(time: 1, mass: 1)]) }
        #expect(throws: SIMSError.self) {
            try MassCalibrator().fit([CalibrationPoint(time: 1, mass: 4), CalibrationPoint(time: 2, mass: 4)])
        }
        #expect(throws: SIMSError.self) {
            try MassCalibrator().fit([CalibrationPoint(time: 1, mass: -4), CalibrationPoint(time: 2, mass: 4)])
        }
    }

    /// A synthetic ToF spectrum: Gaussian peaks in channel space at known ions, true calibration `truth`.
    func syntheticSpectrum(ions: [Ion], labelledWith wrong: MassCalibration) -> Spectrum {
        let channelCount = Int(truth.time(ofMass: 110)) + 1
        var channel = ContiguousArray<Double>(), mass = ContiguousArray<Double>(), intensity = ContiguousArray<Double>()
        channel.reserveCapacity(channelCount)
        let centers = ions.map { truth.time(ofMass: $0.monoisotopicMass) }
        for index in 0 ..< channelCount {
            let t = Double(index)
            channel.append(t)
            mass.append(t <= wrong.t0 ? 0 : wrong.mass(atTime: t))
            var y = 2.0
            for (number, center) in centers.enumerated() {
                let sigma = 3.0
                let height = 5000.0 / Double(1 + number % 3)
                let z = (t - center) / sigma
                if abs(z) < 8 { y += height * exp(-0.5 * z * z) }
            }
            intensity.append(y)
        }
        return Spectrum(mass: mass, intensity: intensity, channel: channel)
    }

    @Test func bringsMiscalibratedSpectrumWithin10ppm() throws {
        let references = MassCalibrator.suggestedReferences(for: .negative).filter { $0.monoisotopicMass < 100 }
        let others = try ["Li-", "LiF_2-", "PO_2-", "PO_3-", "NiO_2-", "C_2H_3O-", "SO_3-", "Cl-"].map { try Ion(parsing: $0) }
        let wrong = MassCalibration(t0: truth.t0 + 4, sf: truth.sf * (1 - 3e-4))
        let spectrum = syntheticSpectrum(ions: references + others, labelledWith: wrong)
        // Miscalibrated: hundreds of ppm off.
        let finder = PeakFinder(signalToNoise: 10)
        let before = finder.find(in: spectrum)
        let po3 = try Ion(parsing: "PO_3-").monoisotopicMass
        let offBefore = try #require(before.min { abs($0.centroid - po3) < abs($1.centroid - po3) })
        #expect(abs(offBefore.centroid - po3) / po3 * 1e6 > 100)

        let fit = try MassCalibrator().fit(spectrum: spectrum, references: references, searchWindowPPM: 5000)
        #expect(fit.points.count == references.count)
        #expect(fit.rmsPPM < 5)
        let recalibrated = try fit.calibration.recalibrate(spectrum)
        let after = finder.find(in: recalibrated)
        for ion in others {
            let target = ion.monoisotopicMass
            let found = try #require(after.min { abs($0.centroid - target) < abs($1.centroid - target) })
            #expect(abs(found.centroid - target) / target * 1e6 < 10, "\(ion): \(found.centroid) vs \(target)")
        }
        #expect(abs(fit.calibration.t0 - truth.t0) < 0.05)
        #expect(abs(fit.calibration.sf - truth.sf) / truth.sf < 1e-5)
    }

    @Test func estimatesExportCalibrationAndMovesPeakLists() throws {
        let spectrum = syntheticSpectrum(ions: [], labelledWith: truth)
        let estimated = try MassCalibration(estimatedFrom: spectrum)
        #expect(abs(estimated.t0 - truth.t0) < 1e-6 && abs(estimated.sf - truth.sf) / truth.sf < 1e-9)
        let list = PeakList(peaks: [Peak(index: 1, assignment: "C_2H-", interval: MassInterval(lower: 25.0, upper: 25.02))])
        let shifted = MassCalibration(t0: truth.t0 + 2, sf: truth.sf)
        let moved = shifted.recalibrate(list, from: truth)
        let expectedLower = shifted.mass(atTime: truth.time(ofMass: 25.0))
        #expect(abs(moved.peaks[0].interval.lower - expectedLower) < 1e-12)
        #expect(moved.peaks[0].assignment == "C_2H-")
        #expect(throws: SIMSError.self) { _ = try truth.recalibrate(Spectrum(mass: [1, 2], intensity: [0, 0])) }
    }
}
