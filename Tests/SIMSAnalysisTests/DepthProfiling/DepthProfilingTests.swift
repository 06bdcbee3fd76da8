import Foundation
import Testing
@testable import SIMSAnalysis

/// Error-function edge from `before` to `after` at `t0` with Gaussian depth resolution `sigma` (s).
private func edge(_ t: Double, t0: Double, sigma: Double, before: Double, after: Double) -> Double {
    before + (after - before) * 0.5 * (1 + erf((t - t0) / (sigma * 2.0.squareRoot())))
}

private func profile(times: ContiguousArray<Double>, columns: [(String, DepthProfile.Column.Kind, (Double) -> Double)]) throws -> DepthProfile {
    try DepthProfile(
        dataPoint: ContiguousArray((1...times.count).map(Double.init)), sputterTime: times,
        fluence: ContiguousArray(times.map { $0 * 1e12 }),
        columns: columns.map { DepthProfile.Column(name: $0.0, kind: $0.1, values: ContiguousArray(times.map($0.2))) })
}

@Suite("Depth profiling")
struct DepthProfilingTests {
    let times = ContiguousArray((0..<200).map { Double($0) * 1.5 })

    @Test func savitzkyGolayWeightsMatchTheTabulatedFivePointQuadratic() {
        // Savitzky & Golay (1964), Table I: (−3, 12, 17, 12, −3)/35.
        let w = ProfileSmoothing.savitzkyGolayWeights(halfWidth: 2, order: 2)
        let expected = [-3.0, 12, 17, 12, -3].map { $0 / 35 }
        for (a, b) in zip(w, expected) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func savitzkyGolayPreservesAQuadraticExactly() throws {
        let x = ContiguousArray((0..<20).map { Double($0) })
        let y = ContiguousArray(x.map { 3 + 2 * $0 - 0.5 * $0 * $0 })
        let smoothed = try ProfileSmoothing.savitzkyGolay(window: 7, order: 2).apply(to: y)
        for (a, b) in zip(smoothed, y) { #expect(abs(a - b) < 1e-9) }
        #expect(throws: SIMSError.self) { try ProfileSmoothing.savitzkyGolay(window: 4, order: 2).apply(to: y) }
    }

    @Test func risingErrorFunctionEdgeGivesPositionAndWidth() {
        let sigma = 6.0
        let signal = ContiguousArray(times.map { edge($0, t0: 120, sigma: sigma, before: 10, after: 1000) })
        let found = InterfaceDetector().detect(time: times, signal: signal, ion: "Ni-")
        #expect(found.count == 1)
        let interface = found[0]
        #expect(interface.direction == .rising)
        #expect(abs(interface.time - 120) < 1.5)          // within one cycle (1.5 s)
        #expect(abs(interface.width - 2 * sigma) / (2 * sigma) < 0.1) // 16–84 % width = 2σ within 10 %
        #expect(abs(interface.levelBefore - 10) < 1 && abs(interface.levelAfter - 1000) < 1)
    }

    @Test func buriedLayerHasARisingAndAFallingInterface() {
        let signal = ContiguousArray(times.map {
            edge($0, t0: 60, sigma: 3, before: 0, after: 500) - edge($0, t0: 210, sigma: 4.5, before: 0, after: 500)
        })
        let found = InterfaceDetector().detect(time: times, signal: signal, ion: "LiF_2-")
        #expect(found.map(\.direction) == [.rising, .falling])
        #expect(abs(found[0].time - 60) < 1.5 && abs(found[1].time - 210) < 1.5)
        #expect(abs(found[1].width - 9) / 9 < 0.1)
    }

    @Test func flatOrNoisyWithoutContrastGivesNoInterface() {
        let signal = ContiguousArray(times.indices.map { 100 + Double($0 % 3) })
        #expect(InterfaceDetector().detect(time: times, signal: signal, ion: "x").isEmpty)
    }

    @Test func layerSequenceNamesTheDominantIonOfEachLayer() throws {
        let p = try profile(times: times, columns: [
            ("Li-", .intensity, { 1000 - edge($0, t0: 90, sigma: 3, before: 0, after: 990) }),
            ("PS_3-", .intensity, { edge($0, t0: 90, sigma: 3, before: 5, after: 800) - edge($0, t0: 210, sigma: 3, before: 0, after: 790) }),
            ("NiO_2-", .intensity, { edge($0, t0: 210, sigma: 3, before: 2, after: 300) }),
        ])
        let detector = InterfaceDetector()
        let interfaces = p.ionColumns.flatMap { detector.detect(time: p.sputterTime, signal: $0.values, ion: $0.name) }
        let sequence = LayerSequence(interfaces: interfaces, time: p.sputterTime, columns: p.ionColumns)
        #expect(sequence.interfaceTimes.count == 2)
        #expect(abs(sequence.interfaceTimes[0] - 90) < 1.5 && abs(sequence.interfaceTimes[1] - 210) < 1.5)
        #expect(sequence.layers.map { $0.dominantIons.first } == ["Li-", "PS_3-", "NiO_2-"])
        // Integrated counts of Li- in layer 1 ≈ 1000 counts × cycles up to ~90 s.
        let cyclesInFirst = times.filter { $0 <= sequence.interfaceTimes[0] }.count
        #expect(abs(sequence.layers[0].integratedCounts["Li-"]! - 1000 * Double(cyclesInFirst)) / (1000 * Double(cyclesInFirst)) < 0.05)
    }

    @Test func depthScaleIsPiecewiseLinearOverLayers() throws {
        let scale = try DepthScale(interfaceTimes: [100, 200], rates: [0.5, 2, 1])
        #expect(scale.depth(atTime: 50) == 25)
        #expect(scale.depth(atTime: 150) == 50 + 100)
        #expect(scale.depth(atTime: 300) == 50 + 200 + 100)
        #expect(scale.warnings(detectedLayers: 3).isEmpty)
        let single = try DepthScale(craterDepthNanometers: 600, totalTime: 300)
        #expect(single.depth(atTime: 150) == 300)
        #expect(single.warnings(detectedLayers: 3).count == 1)
        #expect(throws: SIMSError.self) { try DepthScale(interfaceTimes: [100], rates: [1]) }
    }

    @Test func normalizationExcludesZeroTotalCyclesInsteadOfDividing() throws {
        var p = try profile(times: ContiguousArray([0, 1, 2, 3]), columns: [
            ("total", .total, { $0 == 3 ? 0 : 100 }),
            ("Li-", .intensity, { $0 == 3 ? 0 : 25 }),
        ])
        p.columns[1].values[1] = 50
        let normalized = try p.normalized(by: .total)
        #expect(normalized.columns[0].values == [0.25, 0.5, 0.25, 0])
        #expect(normalized.excluded == [false, false, false, true])
        #expect(normalized.columns[0].values.allSatisfy { $0.isFinite })
        #expect(throws: SIMSError.self) { try p.normalized(by: .ion("Cs+")) }
    }

    @Test func damageCheckMeasuresExponentialDriftExactly() throws {
        // ratio = 2·exp(−k·F): fitted drift over the fluence range equals exp(−k·ΔF) − 1.
        let k = 1e-15
        let p = try profile(times: times, columns: [
            ("C_6H_5-", .intensity, { 2000 * exp(-k * $0 * 1e12) }),
            ("C_2H-", .intensity, { _ in 1000 }),
        ])
        let result = try DamageCheck(longFragment: "C_6H_5-", shortFragment: "C_2H-").evaluate(p)
        let span = (times.last! - times.first!) * 1e12
        #expect(abs(result.relativeDrift - (exp(-k * span) - 1)) < 1e-9)
        #expect(result.drifts)
        #expect(result.warning != nil)
        let stable = try profile(times: times, columns: [("A", .intensity, { _ in 40 }), ("B", .intensity, { _ in 20 })])
        #expect(try DamageCheck(longFragment: "A", shortFragment: "B").evaluate(stable).drifts == false)
    }

    @Test func replicatesAlignOnTheInterfaceAndAverage() throws {
        let a = ContiguousArray(times.map { edge($0, t0: 100, sigma: 4, before: 0, after: 100) })
        let b = ContiguousArray(times.map { edge($0, t0: 130, sigma: 4, before: 0, after: 100) })
        let average = try ReplicateAverage(times: [times, times], signals: [["Ni-": a], ["Ni-": b]], alignmentIon: "Ni-")
        #expect(abs(average.alignmentTimes[0] - 100) < 0.5 && abs(average.alignmentTimes[1] - 130) < 0.5)
        // After alignment both curves coincide: mean is the edge centred at 0, sd ≈ 0.
        let zero = average.time.firstIndex { $0 >= 0 }!
        #expect(abs(average.mean["Ni-"]![zero] - 50) < 6)
        #expect(average.standardDeviation["Ni-"]!.max()! < 2)
    }
}

@Suite("Volume depth profile")
struct VolumeDepthProfileTests {
    @Test func perPlaneTotalsBecomeTheProfile() throws {
        func plane(_ li: Double, _ total: Double) throws -> ImageSet {
            try ImageSet(measurement: "m", images: [IonImage(width: 2, height: 2, counts: [li, li, li, li], ion: "Li-")],
                         total: IonImage(width: 2, height: 2, counts: [total, total, total, total], ion: "total"))
        }
        let volume = try Volume(planes: [plane(1, 10), plane(2, 10), plane(3, 12)])
        let profile = try volume.depthProfile(secondsPerPlane: 2)
        #expect(profile.sputterTime == [0, 2, 4])
        #expect(profile.totalColumn?.values == [40, 40, 48])
        #expect(profile.column(named: "Li-")?.values == [4, 8, 12])
    }
}

@Suite("Interface significance")
struct InterfaceSignificanceTests {
    @Test func aStepOfAFewCountsIsNotAnInterface() {
        // 0.5 → 1.5 counts per cycle over 20-cycle segments: z = 1/√(0.5/20 + 1.5/20) ≈ 3.2 < 5.
        let times = ContiguousArray((0..<40).map { Double($0) })
        let signal = ContiguousArray((0..<40).map { $0 < 20 ? 0.5 : 1.5 })
        #expect(InterfaceDetector().detect(time: times, signal: signal, ion: "Ag-").isEmpty)
        // The same relative step at 100× the counts is highly significant.
        let strong = ContiguousArray(signal.map { $0 * 100 })
        #expect(InterfaceDetector().detect(time: times, signal: strong, ion: "Ag-").count == 1)
    }
}
