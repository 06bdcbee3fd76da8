import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

@Suite("Depth workflow")
struct DepthWorkflowTests {
    @Test func replicateKeysDropMeasurementIdAndCrater() {
        #expect(DepthInputs.sampleKey(fromName: "I231115t_D_MeO-2PACz_1f_neg-C1 - NF") == "D_MeO-2PACz_1f_neg - NF")
        #expect(DepthInputs.sampleKey(fromName: "I231115v_D_MeO-2PACz_1f_neg-D1 - NF") == "D_MeO-2PACz_1f_neg - NF")
        #expect(DepthInputs.sampleKey(fromName: "I231115u_D_MeO-2PACz_5f_neg-C2 - NF") == "D_MeO-2PACz_5f_neg - NF")
    }

    @Test func realExperimentFolderGroupsReplicateCraters() throws {
        let folder = try SharedData.path("perovskite-depth-profiles/FACSPI-PbI2-treatment")
        let inputs = try DepthInputs(paths: [folder], grouping: .name)
        #expect(inputs.files.count == 8)
        #expect(inputs.groups.map(\.files.count) == [2, 2, 2, 2])
    }

    @Test func missingInputIsAClearError() {
        #expect(throws: SIMSError.self) { try DepthInputs(paths: ["/nonexistent/depth"], grouping: .name) }
    }
}

/// A synthetic two-layer profile: A on top of B, interface at `t0` s with σ = 3 s.
private func twoLayerProfile(t0: Double, noiseSeed: UInt64) throws(SIMSError) -> DepthProfile {
    let times = ContiguousArray((0..<120).map { Double($0) * 2 })
    var state = noiseSeed
    func jitter() -> Double { // small deterministic wiggle, ±1 %
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return 1 + (Double(state >> 11) / Double(1 << 53) - 0.5) * 0.02
    }
    func step(_ t: Double) -> Double { 0.5 * (1 + erf((t - t0) / (3 * 2.0.squareRoot()))) }
    let a = ContiguousArray(times.map { (2000 * (1 - step($0)) + 5) * jitter() })
    let b = ContiguousArray(times.map { (800 * step($0) + 3) * jitter() })
    let total = ContiguousArray(zip(a, b).map { ($0 + $1) * 1.5 })
    return try DepthProfile(
        dataPoint: ContiguousArray((1...120).map(Double.init)), sputterTime: times,
        fluence: ContiguousArray(times.map { $0 * 4e12 }),
        columns: [.init(name: "total", kind: .total, values: total), .init(name: "A-", values: a), .init(name: "B-", values: b)],
        source: "synthetic")
}

extension DepthWorkflowTests {
    @Test func syntheticReplicatesGiveInterfacesLayersAndABand() throws {
        let folder = try TemporaryFolder()
        // Distinct placeholder contents: byte-identical inputs would be one measurement (counted once).
        for name in ["I1a_S_x-C1", "I1b_S_x-C2", "I1c_S_x-C3"] { try folder.write(name, to: "in/\(name).txt") }
        var workflow = DepthWorkflow(settings: {
            var s = DepthSettings()
            s.scale = .layerRates([1.0, 0.5])
            return s
        }())
        workflow.read = { path throws(SIMSError) in
            let shift: Double = path.contains("C1") ? 100 : path.contains("C2") ? 110 : 120
            return try twoLayerProfile(t0: shift, noiseSeed: UInt64(shift))
        }
        let result = try workflow.run(inputs: try DepthInputs(paths: [folder.file("in")], grouping: .name),
                                      output: try OutputFolder(folder.file("out")))
        #expect(result.record.failures.isEmpty)
        #expect(result.analyses.count == 3)
        let first = result.analyses[0]
        #expect(first.layers.layers.map { $0.dominantIons.first } == ["A-", "B-"])
        #expect(abs(first.layers.interfaceTimes[0] - 100) < 2)   // within one cycle (2 s)
        // Layer rates: 1 nm/s to the interface, 0.5 nm/s after: depth at 200 s ≈ 100 + 50 nm.
        #expect(abs(first.depth![100] - (first.layers.interfaceTimes[0] + 0.5 * (200 - first.layers.interfaceTimes[0]))) < 1e-9)
        #expect(result.replicates.count == 1)
        #expect(result.replicates[0].average.replicateCount == 3)
        let csv = try String(contentsOfFile: folder.file("out/results/interfaces.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + 6)  // 3 profiles × 2 ions
        #expect(FileManager.default.fileExists(atPath: folder.file("out/results/replicates_S_x.csv")))
    }

    @Test func aCorruptProfileIsSkippedAndReported() throws {
        let folder = try TemporaryFolder()
        for name in ["good", "bad"] { try folder.write(name, to: "in/\(name).txt") }
        var workflow = DepthWorkflow(settings: DepthSettings())
        workflow.read = { path throws(SIMSError) in
            if path.hasSuffix("bad.txt") { throw SIMSError.malformed("not a number", file: path, line: 7, found: "x", expected: "a number") }
            return try twoLayerProfile(t0: 100, noiseSeed: 1)
        }
        let result = try workflow.run(inputs: try DepthInputs(paths: [folder.file("in")], grouping: .none),
                                      output: try OutputFolder(folder.file("out")))
        #expect(result.analyses.count == 1)
        #expect(result.record.outcome == .completedWithErrors)
        #expect(result.record.failures.first?.message.contains("bad.txt:7") == true)
    }
}

extension DepthWorkflowTests {
    @Test func everyRealDepthProfileProcessesWithoutError() throws {
        // The analysis of all 27 real exports (the workflow's tables and plots are exercised on the synthetic
        // study above; rendering 27 × 2 plots in a debug build would only slow the suite down).
        let root = try SharedData.path("perovskite-depth-profiles")
        let folders = try FileManager.default.contentsOfDirectory(atPath: root).sorted().map { root + "/" + $0 }
        let inputs = try DepthInputs(paths: folders, grouping: .name)
        let workflow = DepthWorkflow(settings: DepthSettings())
        var record = RunRecord(command: "depth")
        var analyses: [DepthAnalysis] = []
        for file in inputs.files {
            analyses.append(try DepthAnalysis(name: file.name, profile: try workflow.read(file.path), settings: workflow.settings, record: &record))
        }
        #expect(analyses.count == 27)
        let result = (analyses: analyses, replicates: try inputs.groups.filter { $0.files.count > 1 }.map { group in
            (sample: group.sample, average: try workflow.average(analyses.filter { a in group.files.contains { $0.name == a.name } }))
        })
        // MAPI stack, negative polarity: the SnI3- column rises from ~11 to ~890 counts per cycle between
        // cycles 62 and 70 (89.5–101.2 s of sputtering), crossing half height near 97 s (export's columns).
        let mapi = try #require(result.analyses.first { $0.name == "I241209p_A_MAPI_1f-1nA_neg-B4 - NF" })
        let sn = try #require(mapi.interfaces.first { $0.ion == "^118SnI_3-SnI_3-" && $0.direction == .rising })
        #expect(sn.time > 90 && sn.time < 105)
        // Every profile's processed signals are finite (no inf from the export's ratio columns or zero rows).
        for analysis in result.analyses { #expect(analysis.processed.allSatisfy { $0.allSatisfy { $0.isFinite } }) }
        // Replicate craters of the PbI2-treatment experiment are averaged into bands.
        #expect(result.replicates.contains { $0.sample == "D_MeO-2PACz_1f_neg - NF" })
    }
}

extension DepthWorkflowTests {
    @Test func aFolderOfPlaneFoldersIsAVolumeWithAVTKExport() throws {
        let folder = try TemporaryFolder()
        // Four planes of 2×2 pixels: Li- fades, NiO2- appears from plane 3 on.
        for plane in 1...4 {
            let li = Double(100 * (plane <= 2 ? 1 : 0) + 1)
            let ni = Double(plane >= 3 ? 80 : 0)
            let set = try ImageSet(measurement: "stack_plane\(plane)", id: plane, images: [
                IonImage(width: 2, height: 2, counts: [li, li, li, li], ion: "Li-", fieldOfViewMicrometers: 4),
                IonImage(width: 2, height: 2, counts: [ni, ni, ni, ni], ion: "NiO_2-", fieldOfViewMicrometers: 4),
            ], total: IonImage(width: 2, height: 2, counts: [200, 200, 200, 200], ion: "total", fieldOfViewMicrometers: 4))
            _ = try set.writeIONTOFASCII(to: folder.file("in/stack/plane_0\(plane)"))
        }
        var settings = DepthSettings()
        settings.planeThicknessMicrometers = 0.5
        let result = try DepthWorkflow(settings: settings).run(
            inputs: try DepthInputs(paths: [folder.file("in/stack")], grouping: .none), output: try OutputFolder(folder.file("out")))
        #expect(result.record.failures.isEmpty, "\(result.record.failures)")
        let profile = try #require(result.analyses.first?.profile)
        #expect(profile.column(named: "Li-")?.values == [404, 404, 4, 4])
        #expect(profile.column(named: "NiO_2-")?.values == [0, 0, 320, 320])
        let vtk = try Data(contentsOf: URL(fileURLWithPath: folder.file("out/results/stack.vtk")))
        #expect(String(decoding: vtk.prefix(200), as: UTF8.self).contains("DIMENSIONS 2 2 4\nSPACING 2.0 2.0 0.5"))
        // One z-stack TIFF per ion (and total) for Fiji: page k = plane k, counts lossless, voxel size recorded.
        let li = try TIFF.readPages(folder.file("out/images/stack_Li-.tiff"))
        #expect(li.map(\.values) == [[101, 101, 101, 101], [101, 101, 101, 101], [1, 1, 1, 1], [1, 1, 1, 1]])
        #expect(li[0].sampleType == .uint16 && li[0].pixelSizeMicrometers.map { abs($0 - 2) < 1e-9 } == true)
        #expect(li[0].description?.contains("slices=4\nunit=micron\nspacing=0.5") == true)
        #expect(try TIFF.readPages(folder.file("out/images/stack_total.tiff")).count == 4)
        #expect(try TIFF.readPages(folder.file("out/images/stack_NiO_2-.tiff")).map { $0.values[0] } == [0, 0, 80, 80])
    }
}
