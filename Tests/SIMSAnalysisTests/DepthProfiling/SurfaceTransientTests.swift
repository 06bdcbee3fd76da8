import Foundation
import Testing
@testable import SIMSAnalysis

/// The first cycles of a depth profile are not at sputter equilibrium: a surface spike must be reported on
/// its own and must not set the range in which interfaces below it are looked for.
@Suite("Surface transient")
struct SurfaceTransientTests {
    let times = ContiguousArray((0..<200).map { Double($0) * 2 })

    /// 10 counts per cycle, a buried layer of 1000 counts between 150 s and 250 s (erf edges, σ = 6 s).
    func buriedLayer(_ t: Double) -> Double {
        10 + 990 * 0.5 * (erf((t - 150) / (6 * 2.0.squareRoot())) - erf((t - 250) / (6 * 2.0.squareRoot())))
    }

    @Test func aSpikeTwiceTheBuriedLayerNoLongerHidesItsEdges() throws {
        var signal = ContiguousArray(times.map(buriedLayer))
        signal[0] = 5000  // 5× the layer: over the full range the layer sits at 0.2, below the 0.6 threshold.
        signal[1] = 2500
        let detector = InterfaceDetector()
        let transient = try #require(detector.surfaceTransient(time: times, signal: signal, ion: "Pb+"))
        #expect(transient.kind == .spike)
        #expect(transient.cycleCount == 2)
        #expect(transient.endTime == 4)
        #expect(transient.extremeLevel == 5000)
        #expect(abs(transient.levelAfter - 10) < 1e-9)
        #expect(abs(transient.restLevel - 1000) < 1)
        #expect(abs(try #require(transient.magnitude) - 5) < 0.01)
        let found = detector.detect(time: times, signal: signal, ion: "Pb+")
        #expect(found.map(\.direction) == [.rising, .falling])
        #expect(abs(found[0].time - 150) < 1 && abs(found[1].time - 250) < 1, "\(found.map(\.time))")
        #expect(found[0].cycleIndex == 74 || found[0].cycleIndex == 75, "indices count from the profile's first cycle")
        // Without the transient rule (the whole signal scaled by the spike) the layer is invisible.
        #expect(detector.detectOnWholeSignal(time: times, signal: signal, ion: "Pb+").allSatisfy { $0.time < 10 })
    }

    @Test func aSurfaceDipBelowEveryLaterCycleIsATransient() throws {
        var signal = ContiguousArray(times.map { buriedLayer($0) + 500 })
        signal[0] = 20
        let transient = try #require(InterfaceDetector().surfaceTransient(time: times, signal: signal, ion: "O-"))
        #expect(transient.kind == .dip && transient.cycleCount == 1)
        #expect(abs(try #require(transient.magnitude) - 20.0 / 510) < 1e-3)
    }

    @Test func aTopLayerAtItsPlateauIsNotATransient() {
        // A genuine top layer (1000 counts, ending at 100 s) starts at its plateau: no transient, one falling edge.
        let signal = ContiguousArray(times.map { 10 + 990 * 0.5 * erfc(($0 - 100) / (6 * 2.0.squareRoot())) })
        let detector = InterfaceDetector()
        #expect(detector.surfaceTransient(time: times, signal: signal, ion: "Au+") == nil)
        let found = detector.detect(time: times, signal: signal, ion: "Au+")
        #expect(found.count == 1 && abs(found[0].time - 100) < 1)
    }

    @Test func aSpikeWithinTheRangeOfTheRestIsATransientToo() throws {
        // 800 counts in the first cycle, 10 in the next ones, a buried layer of 1000: the spike does not hide the
        // layer, but it is no layer either (one cycle cannot make a plateau) — a transient, not a width-0 interface.
        var signal = ContiguousArray(times.map(buriedLayer))
        signal[0] = 800
        let detector = InterfaceDetector()
        let transient = try #require(detector.surfaceTransient(time: times, signal: signal, ion: "CN-"))
        #expect(transient.cycleCount == 1)
        #expect(try #require(transient.magnitude) < 1)
        #expect(detector.detect(time: times, signal: signal, ion: "CN-").map(\.direction) == [.rising, .falling])
        #expect(detector.detectOnWholeSignal(time: times, signal: signal, ion: "CN-").count == 3, "the old width-0 edge at the first cycle")
    }

    @Test func aFewCountsAboveTheRestAreNoise() {
        // 3 counts over following cycles of 2, 1, 0 counts (median 1): (3 − 1)/√4 = 1 standard error, far below 5.
        var signal = ContiguousArray(times.map { Double(Int($0) % 3) })
        signal[0] = 3
        #expect(InterfaceDetector().surfaceTransient(time: times, signal: signal, ion: "Ag-") == nil)
    }

    @Test func theTransientIsAtMostTheFirstFivePercentOfTheSputterTime() throws {
        // A decay halving every cycle for 40 cycles (20 % of the profile): only the first 5 % (cycles with
        // t ≤ 19.9 s) can be transient.
        let signal = ContiguousArray(times.indices.map { $0 < 40 ? 100 + 1e12 * pow(0.5, Double($0)) : 100.0 })
        let transient = try #require(InterfaceDetector().surfaceTransient(time: times, signal: signal, ion: "C-"))
        #expect(transient.cycleCount == 10)
    }
}
