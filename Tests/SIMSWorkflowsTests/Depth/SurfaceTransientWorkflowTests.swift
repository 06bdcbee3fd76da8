import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

/// A surface spike in the first cycle hid every edge below ~60 % of its level (issue #21): on the real
/// exports and on the simulated half cell, the transient is reported on its own and the edges are found.
@Suite("Surface transient in depth profiles")
struct SurfaceTransientWorkflowTests {
    func analyse(_ relative: String, ions: [String]) throws -> DepthAnalysis {
        let path = try SharedData.path(relative)
        var settings = DepthSettings()
        settings.ions = ions
        settings.normalization = .none
        var record = RunRecord(command: "depth")
        let name = String((path as NSString).lastPathComponent.dropLast(4))
        return try DepthAnalysis(name: name, profile: try DepthWorkflow(settings: settings).read(path), settings: settings, record: &record)
    }

    @Test func leadInTheGoldPeelingProfileRisesAndFallsBelowItsSurfaceSpike() throws {
        // Pb⁺: 46 189 counts in data point 1 (the unsputtered surface), 120 in point 2, then 49, 21, 17 …;
        // ≤ 17 000 in the buried layer.
        let analysis = try analyse("perovskite-depth-profiles/MAPI-Au-peeling/I241211x_I_MAPI-Au-peel_4f-3nA_pos-C-electrode1 - NF.txt", ions: ["Pb+"])
        let transient = try #require(analysis.transients.first)
        #expect(transient.kind == .spike && transient.cycleCount == 2)
        #expect(abs(transient.endTime - 11.7336) < 1e-3)
        #expect(abs(transient.levelAfter - 21.0135) < 1e-3)
        #expect(transient.extremeLevel > 46_000)
        #expect(try #require(transient.magnitude) > 2)
        #expect(analysis.interfaces.map(\.direction) == [.rising, .falling])
        #expect(abs(analysis.interfaces[0].time - 942) < 10, "rising at \(analysis.interfaces[0].time) s")
        #expect(abs(analysis.interfaces[1].time - 1293) < 10, "falling at \(analysis.interfaces[1].time) s")
        #expect(analysis.interfaces.allSatisfy { $0.width > 0 })
    }

    @Test func bothCyanideEdgesOfTheDeviceProfileAreFound() throws {
        let analysis = try analyse("perovskite-depth-profiles/FACSPI-stack/I241209h_D_FACSPI-dev_4f-3nA_neg-D-electrode1 - NF.txt", ions: ["CN-"])
        #expect(analysis.transients.count == 1)
        #expect(analysis.interfaces.map(\.direction) == [.rising, .falling])
        #expect(analysis.interfaces.allSatisfy { $0.time > 100 && $0.width > 0 }, "\(analysis.interfaces.map(\.time))")
    }

    @Test func theSimulatedHalfCellWithASurfaceSpikeKeepsItsInterfaces() throws {
        // The simulator's half cell, with every ion's first cycle replaced by a surface spike of 3× its
        // maximum (contamination at the unsputtered surface): the stack's interfaces stay within one cycle
        // of truth, and each spike is reported as a one-cycle transient.
        let simulated = try simulateDepthProfile(DepthDesign(), seed: 7)
        var profile = simulated.result.profile
        for index in profile.columns.indices where profile.columns[index].kind == .intensity {
            profile.columns[index].values[0] = 3 * (profile.columns[index].values.max() ?? 0) + 100
        }
        // (No dead-time correction: a spike of 3× the saturated Li⁻ plateau exceeds the pulse count.)
        let settings = DepthSettings()
        var record = RunRecord(command: "depth")
        let analysis = try DepthAnalysis(name: "halfcell", profile: profile, settings: settings, record: &record)
        #expect(analysis.transients.count == analysis.ions.count)
        #expect(analysis.transients.allSatisfy { $0.kind == .spike && $0.cycleCount == 1 })
        let truth = simulated.result.interfaceTimesSeconds.compactMap { $0 }
        #expect(analysis.layers.interfaceTimes.count == truth.count, "\(analysis.layers.interfaceTimes) vs \(truth)")
        for (found, expected) in zip(analysis.layers.interfaceTimes, truth) {
            #expect(abs(found - expected) <= simulated.design.sputterTimePerCycleSeconds, "interface at \(found) s, truth \(expected) s")
        }
        #expect(analysis.interfaces.allSatisfy { $0.cycleIndex > 0 })
    }

    @Test func theTransientsAreWrittenToTheirOwnTable() throws {
        let folder = try TemporaryFolder()
        let path = try SharedData.path("perovskite-depth-profiles/MAPI-Au-peeling/I241211x_I_MAPI-Au-peel_4f-3nA_pos-C-electrode1 - NF.txt")
        var settings = DepthSettings()
        settings.ions = ["Pb+", "Au+"]
        let inputs = try DepthInputs(paths: [path], grouping: .none)
        _ = try DepthWorkflow(settings: settings).run(inputs: inputs, output: try OutputFolder(folder.file("out")))
        let table = try String(contentsOfFile: folder.file("out/results/surface_transients.csv"), encoding: .utf8)
        #expect(table.hasPrefix("profile,ion,kind,cycles,end_s,end_nm,extreme_counts,level_after_counts,rest_extreme_counts,magnitude"))
        #expect(table.contains("Pb+,spike,2,11.7336,,46188.8,21.0135,"))
    }
}
