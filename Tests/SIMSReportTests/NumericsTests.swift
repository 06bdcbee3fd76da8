import Foundation
import Testing
@testable import SIMSReport

@Suite("Nice ticks (1-2-5 rule)")
struct NiceTicksTests {
    @Test("Steps are 1, 2 or 5 × 10^k and at least span/target")
    func steps() {
        #expect(NiceTicks.step(span: 1, target: 5) == 0.2)
        #expect(NiceTicks.step(span: 100, target: 5) == 20)
        #expect(NiceTicks.step(span: 15.9, target: 5) == 5)       // raw 3.18 → 5
        #expect(NiceTicks.step(span: 0.003, target: 3) == 0.001)
        #expect(NiceTicks.step(span: 7, target: 10) == 1)         // raw 0.7 → 1
        #expect(abs(NiceTicks.step(span: 1.2e-6, target: 4) - 5e-7) < 1e-20) // raw 3e-7 → 5e-7
    }

    @Test("Hand-checked linear ticks")
    func linear() {
        let a = NiceTicks.linear(0, 1, target: 5)
        #expect(a.ticks.count == 6 && a.ticks.first == 0 && abs(a.ticks.last! - 1) < 1e-12)
        let b = NiceTicks.linear(-3.7, 12.2, target: 5)
        #expect(b.step == 5 && b.domain == -5 ... 15 && b.ticks == [-5, 0, 5, 10, 15])
        let c = NiceTicks.linear(7, 7, target: 5) // degenerate range widened by 10 %
        #expect(c.domain.lowerBound <= 6.3 && c.domain.upperBound >= 7.7)
        let d = NiceTicks.linear(-0.0001, 0.0001, target: 4) // never -0 labels
        #expect(d.ticks.contains(0))
        #expect(!d.ticks.map { NiceTicks.label($0, step: d.step) }.contains { $0 == "-0" || $0 == "\u{2212}0" })
    }

    @Test("Labels have just enough decimals")
    func labels() {
        #expect(NiceTicks.label(0.25, step: 0.05) == "0.25")
        #expect(NiceTicks.label(0.2, step: 0.2) == "0.2")
        #expect(NiceTicks.label(1500, step: 500) == "1500")
        #expect(NiceTicks.label(-3, step: 1) == "\u{2212}3")
        #expect(NiceTicks.label(-1e-17, step: 0.1) == "0")
        #expect(NiceTicks.label(2.5e6, step: 5e5) == "2.5 × 10<sup>6</sup>")
        #expect(NiceTicks.label(8e-5, step: 2e-5) == "8 × 10<sup>\u{2212}5</sup>")
        #expect(NiceTicks.label(1.5e-5, step: 5e-6) == "1.5 × 10<sup>\u{2212}5</sup>")
        #expect(NiceTicks.label(1e6, step: 2e5) == "1.0 × 10<sup>6</sup>")
        #expect(NiceTicks.label(0.0025, step: 0.0005) == "0.0025")
        #expect(NiceTicks.logLabel(1000) == "1000")
        #expect(NiceTicks.logLabel(0.01) == "0.01")
        #expect(NiceTicks.logLabel(1e6) == "10<sup>6</sup>")
        #expect(NiceTicks.logLabel(1e-5) == "10<sup>\u{2212}5</sup>")
        #expect(NiceTicks.logLabel(2e6) == "2 × 10<sup>6</sup>")
    }

    @Test("Log ticks cover whole decades, with 2 and 5 for short spans")
    func log() {
        let a = NiceTicks.log(3, 4000)
        #expect(a.domain == 1 ... 10000 && a.ticks == [1, 10, 100, 1000, 10000])
        let b = NiceTicks.log(2, 50)
        #expect(b.domain == 1 ... 100 && b.ticks == [1, 2, 5, 10, 20, 50, 100])
    }
}

@Suite("Colour maps")
struct ColorMapTests {
    // Published endpoint values of matplotlib's _cm_listed.py (first and last rows of each table).
    @Test("viridis and inferno endpoints equal matplotlib's tables")
    func endpoints() {
        let v0 = ColorMap.viridis.entry(0), v255 = ColorMap.viridis.entry(255)
        #expect(v0 == (0.267004, 0.004874, 0.329415))
        #expect(v255 == (0.993248, 0.906157, 0.143936))
        let i0 = ColorMap.inferno.entry(0), i255 = ColorMap.inferno.entry(255)
        #expect(i0 == (0.001462, 0.000466, 0.013866))
        #expect(i255 == (0.988362, 0.998364, 0.644924))
    }

    @Test("Lookup follows matplotlib: index ⌊256 t⌋, clamped")
    func lookup() {
        #expect(ColorMap.viridis.color(at: 0) == RGBA(unit: 0.267004, 0.004874, 0.329415))
        #expect(ColorMap.viridis.color(at: 1) == RGBA(unit: 0.993248, 0.906157, 0.143936))
        #expect(ColorMap.viridis.color(at: 2) == ColorMap.viridis.color(at: 1))
        #expect(ColorMap.viridis.color(at: 0.5) == RGBA(unit: ColorMap.viridis.entry(128).red, ColorMap.viridis.entry(128).green, ColorMap.viridis.entry(128).blue))
        #expect(ColorMap.viridis.color(at: .nan) == .clear)
        #expect(ColorMap.named("Inferno")?.name == "inferno")
    }

    @Test("Tables agree with the committed matplotlib probe fixture")
    func fixture() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Reference/colormaps.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let probes = json["probes"] as! [String: [String: [Double]]]
        for map in [ColorMap.viridis, .inferno, .magma, .cividis] {
            for (index, rgb) in probes[map.name]! {
                let e = map.entry(Int(index)!)
                #expect(abs(e.red - rgb[0]) < 1e-6 && abs(e.green - rgb[1]) < 1e-6 && abs(e.blue - rgb[2]) < 1e-6)
            }
        }
    }
}

@Suite("Statistics for plots")
struct PlotStatisticsTests {
    @Test("Silverman bandwidth and Gaussian KDE match a hand computation")
    func kde() {
        // x = 1…5: σ̂ = √2.5 = 1.5811, IQR = 4 − 2 = 2 → 2/1.34 = 1.4925 (smaller),
        // h = 0.9 · 1.4925 · 5^(−1/5) = 0.97358; f(3) = (1 + 2e^(−0.5/h²) + 2e^(−2/h²)) / (5 h √(2π)).
        let kde = KernelDensity([1, 2, 3, 4, 5])
        #expect(abs(kde.bandwidth - 0.9735846228506357) < 1e-12)
        #expect(abs(kde.density(at: 3) - 0.19854266571607013) < 1e-12)
        #expect(abs(kde.density(at: 0) - 0.05902335955393287) < 1e-12)
        // IQR = 0 → σ̂ is used: σ̂ = √20 → h = 0.9 · 4.4721 · 5^(−1/5).
        #expect(abs(KernelDensity.silvermanBandwidth([0, 0, 0, 0, 10]) - 2.917181874046973) < 1e-12)
        #expect(KernelDensity([4]).bandwidth == 0)
    }

    @Test("Quantiles (linear interpolation, type 7) and Tukey whiskers")
    func quantiles() {
        let q = Quantiles([7, 1, 3, 5, 100])  // sorted 1 3 5 7 100
        #expect(q.lowerQuartile == 3 && q.median == 5 && q.upperQuartile == 7)
        #expect(q.quantile(0.1) == 1.8)
        #expect(q.whiskers == 1 ... 7)  // fence 7 + 6 = 13 excludes 100
    }

    @Test("95 % ellipse semi-axes are √(5.991 λ)")
    func ellipse() {
        let e = ConfidenceEllipse(center: Point(1, 2), varianceX: 4, covariance: 0, varianceY: 1)
        let pts = e.boundary(count: 4)
        let chi2 = -2 * Foundation.log(0.05)   // 5.9915
        #expect(abs(pts[0].x - (1 + (chi2 * 4).squareRoot())) < 1e-9 && abs(pts[0].y - 2) < 1e-9)
        #expect(abs(pts[1].y - (2 + chi2.squareRoot())) < 1e-9)
    }

    @Test("Scale bar picks 1-2-5 lengths of at most a quarter of the field of view")
    func scaleBar() {
        #expect(ImageLayout.scaleBarLength(fieldOfView: 100) == 20)
        #expect(ImageLayout.scaleBarLength(fieldOfView: 500) == 100)
        #expect(ImageLayout.scaleBarLength(fieldOfView: 40) == 10)
        #expect(ImageLayout.scaleBarLength(fieldOfView: 3) == 0.5)
    }
}
