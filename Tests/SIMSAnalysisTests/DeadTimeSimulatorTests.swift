import Foundation
import SIMSSimulator
import Testing
@testable import SIMSAnalysis

/// Closed-form checks against the simulator's counting physics (SIMSSimulator: binomial registration per
/// bin with a dead-time window, Stephan et al. 1994) on its small saturating study (O⁻ and S⁻ reach I/N ≈ 0.3).
@Suite("Dead time against the simulator")
struct DeadTimeSimulatorTests {
    static let study: SimulatedStudy = try! simulateStudy(.small, seed: 3)

    @Test("the correction inverts the forward model within counting noise")
    func inversion() throws {
        let study = Self.study
        let list = study.peakList(polarity: .negative)
        let model = try #require(study.lineModels[.negative])
        var tested = 0
        for spot in study.spots(polarity: .negative) {
            let law = try DeadTimeLaw(primaryPulses: spot.primaryPulses)
            let areas = try PeakIntegrator(list: list).integrate(spot.spectrum)
            for (k, peak) in list.peaks.enumerated() {
                let inside = model.lines.indices.filter { peak.interval.contains(model.lines[$0].mass) }
                let truth = inside.reduce(0) { $0 + spot.trueCounts[$1] }
                // Isolated lines only: one line carries ≥ 99 % of the interval's true counts.
                guard truth > 2000, let main = inside.max(by: { spot.trueCounts[$0] < spot.trueCounts[$1] }),
                      spot.trueCounts[main] >= 0.99 * truth else { continue }
                let registered = areas.counts[k]
                let p = registered / spot.primaryPulses
                guard p < 0.5 else { continue }
                let corrected = try law.trueCounts(fromMeasured: registered)
                // Binomial sd of the registered counts, propagated through d true/d measured = 1/(1 − p).
                let sd = (spot.primaryPulses * p * (1 - p)).squareRoot() / (1 - p)
                #expect(abs(corrected - truth) < 4 * sd, "\(spot.name) \(peak.label): corrected \(corrected), truth \(truth), sd \(sd)")
                if p > 0.2 { #expect(truth - registered > 8 * sd, "\(spot.name) \(peak.label): uncorrected counts should be biased") }
                tested += 1
            }
        }
        #expect(tested >= 30)
    }

    @Test("corrected-TIC normalization matches the truth; raw TIC normalization is biased")
    func normalization() throws {
        let study = Self.study
        let list = study.peakList(polarity: .negative)
        let model = try #require(study.lineModels[.negative])
        let spots = study.spots(polarity: .negative)
        var analysis = SpectraPeakAnalysis(peaks: list.peaks)
        analysis.deadTime = try DeadTimeLaw(primaryPulses: spots[0].primaryPulses)
        let table = try analysis.fit(spots.map { SpotSpectrum(sample: $0.sample, spot: $0.name, spectrum: $0.spectrum) })
        #expect(table.availableNormalizations.contains(.correctedTIC))
        let range = study.design.analyzer.massRange
        var ticRaw: [Double] = [], ticCorrected: [Double] = []
        var ratios: [String: (raw: [Double], corrected: [Double])] = [:]
        for (r, spot) in spots.enumerated() {
            let row = table.rows[r]
            let trueTotal = zip(model.lines, spot.trueCounts).filter { range.contains($0.0.mass) }.reduce(0) { $0 + $1.1 }
            ticRaw.append(row.areas.tic / trueTotal)
            ticCorrected.append(try #require(row.correctedTIC) / trueTotal)
            for name in ["O-", "S-"] {
                let k = try #require(list.peaks.firstIndex { $0.assignment == name })
                let l = try #require(model.lines.firstIndex { $0.ion == name && $0.isMain })
                let truth = spot.trueCounts[l] / trueTotal
                let corrected = try #require(row.saturation?[k].correctedCounts) / row.correctedTIC!
                ratios[name, default: ([], [])].raw.append(row.areas.counts[k] / row.areas.tic / truth)
                ratios[name, default: ([], [])].corrected.append(corrected / truth)
                // The workflow's corrected_tic value is the trapezoidal area scaled the same way.
                let value = try #require(row.value(k, .correctedTIC))
                #expect(abs(value - row.areas.rawArea[k] * (corrected * row.correctedTIC! / row.areas.counts[k]) / row.correctedTIC!) <= 1e-12 * value)
            }
        }
        let mean = { (values: [Double]) in values.reduce(0, +) / Double(values.count) }
        #expect(abs(mean(ticCorrected) - 1) < 0.015, "corrected TIC / true total = \(mean(ticCorrected))")
        #expect(mean(ticRaw) < 0.93, "raw TIC / true total = \(mean(ticRaw))")
        let oxygen = try #require(ratios["O-"])
        #expect(abs(mean(oxygen.corrected) - 1) < 0.025, "O⁻ corrected/true = \(mean(oxygen.corrected))")
        #expect(mean(oxygen.raw) < 0.94, "O⁻ raw/true = \(mean(oxygen.raw))")
        let sulfur = try #require(ratios["S-"])
        #expect(abs(mean(sulfur.corrected) - 1) < 0.025, "S⁻ corrected/true = \(mean(sulfur.corrected))")
        // Bias of the raw normalization is measurable: larger than 4 standard errors of the spot mean.
        let se = { (values: [Double]) -> Double in SampleSummary(values, resamples: 0).standardError! }
        #expect((1 - mean(oxygen.raw)) > 4 * se(oxygen.raw))
        // Saturation is reported for O⁻.
        let k = try #require(list.peaks.firstIndex { $0.assignment == "O-" })
        #expect(table.rows.allSatisfy { $0.saturation![k].level == .flagged })
    }
}
