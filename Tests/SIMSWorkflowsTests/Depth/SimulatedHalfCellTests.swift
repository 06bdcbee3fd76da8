import Foundation
import Testing
@testable import SIMSWorkflows

/// The simulator's layered half cell (Li metal | SEI | Li6PS5Cl | NCM, per-layer sputter rates, Gaussian
/// interfaces) has known interface times and 16–84 % widths; the depth analysis must recover them.
@Suite("Depth analysis of the simulated half cell")
struct SimulatedHalfCellTests {
    let simulated: SimulatedDepthProfile

    init() throws { simulated = try simulateDepthProfile(DepthDesign(), seed: 7) }

    func analyse(correctDeadTime: Bool) throws -> (DepthAnalysis, RunRecord) {
        var settings = DepthSettings()
        if correctDeadTime { settings.primaryPulsesPerCycle = simulated.design.analysisBeam.primaryPulses }
        var record = RunRecord(command: "depth")
        let analysis = try DepthAnalysis(name: "halfcell", profile: simulated.result.profile, settings: settings, record: &record)
        return (analysis, record)
    }

    @Test func interfacePositionsAreWithinOneSputterCycleOfTruth() throws {
        let (analysis, _) = try analyse(correctDeadTime: true)
        let truth = simulated.result.interfaceTimesSeconds.compactMap { $0 }
        let cycle = simulated.design.sputterTimePerCycleSeconds
        #expect(analysis.layers.interfaceTimes.count == truth.count)
        for (found, expected) in zip(analysis.layers.interfaceTimes, truth) {
            #expect(abs(found - expected) <= cycle, "interface at \(found) s, truth \(expected) s")
        }
        #expect(analysis.layers.layers.count == simulated.design.stack.layers.count)
    }

    @Test func interfaceWidthsOfTwoLevelIonsAreWithinTenPercentOfTruth() throws {
        // Ions present on one side of an interface only (Li metal: ⁶Li⁻; the buried cathode: SO₃⁻, NiO₂⁻,
        // C₂⁻) give a clean two-level step whose 16–84 % width is the truth's t(d+σ) − t(d−σ).
        let (analysis, _) = try analyse(correctDeadTime: true)
        let truth = simulated.result.interfaceWidthTimesSeconds.map { ($0.1 ?? .nan) - ($0.0 ?? .nan) }
        let checks: [(ion: String, interface: Int)] = [("^6Li-", 0), ("SO_3-", 2), ("NiO_2-", 2), ("C_2-", 2)]
        for check in checks {
            let expectedTime = simulated.result.interfaceTimesSeconds[check.interface]!
            let found = try #require(analysis.interfaces.filter { $0.ion == check.ion }.min { abs($0.time - expectedTime) < abs($1.time - expectedTime) })
            #expect(abs(found.width - truth[check.interface]) / truth[check.interface] < 0.10,
                    "\(check.ion): width \(found.width) s, truth \(truth[check.interface]) s")
        }
    }

    @Test func deadTimeCorrectionRestoresTheSaturatedLithiumEdge() throws {
        // Li⁻ (≈ 28 000 counts per cycle) saturates the detector: uncorrected, its plateau is compressed
        // and its edge is distorted; corrected with the known N it matches the truth like ⁶Li⁻ does.
        let truthWidth = simulated.result.interfaceWidthTimesSeconds[0].1! - simulated.result.interfaceWidthTimesSeconds[0].0!
        func liWidth(_ correct: Bool) throws -> Double {
            let (analysis, _) = try analyse(correctDeadTime: correct)
            return try #require(analysis.interfaces.first { $0.ion == "Li-" }).width
        }
        let raw = try liWidth(false), corrected = try liWidth(true)
        #expect(abs(corrected - truthWidth) / truthWidth < 0.10, "corrected \(corrected) s vs truth \(truthWidth) s")
        #expect(abs(corrected - truthWidth) < abs(raw - truthWidth))
    }

    @Test func oneRateOverLayersOfDifferentRatesIsWarnedAbout() throws {
        var settings = DepthSettings()
        settings.scale = .rate(1.0)
        let workflow = DepthWorkflow(settings: settings)
        var record = RunRecord(command: "depth")
        let analysis = try DepthAnalysis(name: "halfcell", profile: simulated.result.profile, settings: settings, record: &record)
        #expect(!analysis.scale!.warnings(detectedLayers: analysis.layers.layers.count).isEmpty)
        // With the true per-layer rates the depth at the last interface is the stack's true depth.
        var layered = settings
        layered.scale = .layerRates(simulated.design.stack.layers.map(\.sputterRateNanometersPerSecond))
        let exact = try DepthAnalysis(name: "halfcell", profile: simulated.result.profile, settings: layered, record: &record)
        #expect(exact.scale!.warnings(detectedLayers: exact.layers.layers.count).isEmpty)
        let lastInterfaceDepth = simulated.design.stack.layers.dropLast().map(\.thicknessNanometers).reduce(0, +)
        let found = exact.scale!.depth(atTime: exact.layers.interfaceTimes.last!)
        #expect(abs(found - lastInterfaceDepth) / lastInterfaceDepth < 0.03, "last interface at \(found) nm, truth \(lastInterfaceDepth) nm")
        _ = workflow
    }
}
