import Foundation
import FoundationXML
import Testing
@testable import SIMSReport

/// Parses XML with FoundationXML; returns the parser error (nil when well-formed) and element names.
final class XMLCheck: NSObject, XMLParserDelegate, @unchecked Sendable {
    var elements: [String] = []
    var texts: [String] = []
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(name)
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { texts.append(string) }

    static func parse(_ text: String) -> (ok: Bool, elements: [String], texts: [String], error: String?) {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = check
        let ok = parser.parse()
        return (ok, check.elements, check.texts, parser.parserError.map { String(describing: $0) })
    }
}

/// Every plot type with representative data (shared by the tests and the gallery).
enum Gallery {
    static func figures() -> [(String, any Figure)] {
        var jitter = DeterministicJitter(seed: 42)
        let groups = ["pristine", "1 cycle", "100 cycles", "aged 60 °C"].enumerated().map { i, name in
            (name: name, values: (0 ..< 8).map { _ in 1e-3 * (1 + Double(i) * 0.4 + 0.3 * jitter.next()) })
        }
        let box = BoxPlot(groups: groups, yTitle: "LiF<sub>2</sub><sup>−</sup> area / TIC (u)", title: "LiF<sub>2</sub><sup>−</sup> (TIC-normalized)", showsViolin: true)
        let bars = BarPlot(bars: (0 ..< 30).map { ("C<sub>\($0)</sub>H<sub>\($0 + 1)</sub>O<sup>−</sup>", sin(Double($0)) * 0.3) }, yTitle: "PC1 loading", title: "PC1 loadings (crowded labels)")
        let scatter = ScatterPlot(groups: (0 ..< 3).map { g in
            let pts = (0 ..< 10).map { _ in Point(Double(g) * 2 + jitter.next(), Double(g) - 1 + jitter.next() * 0.7) }
            return ScatterPlot.Group(name: "sample \(g + 1)", points: pts,
                                     ellipse: ConfidenceEllipse(center: Point(Double(g) * 2, Double(g) - 1), varianceX: 0.33, covariance: 0.05, varianceY: 0.16))
        }, xAxis: AxisOptions(title: "PC1 score (42.0 %)"), yAxis: AxisOptions(title: "PC2 score (17.3 %)"), title: "Scores")
        let xs = (0 ..< 4000).map { Double($0) * 0.05 }
        let spectrum = xs.map { x in 50 + 1e4 * exp(-pow(x - 7, 2) / 0.01) + 3e3 * exp(-pow(x - 19, 2) / 0.02) + 200 * exp(-pow(x - 45, 2) / 0.05) }
        let line = LinePlot(series: [
            LinePlot.Series(name: "spot 1", x: xs, y: spectrum),
            LinePlot.Series(name: "spot 2", x: xs, y: spectrum.map { $0 * 0.5 }, band: (spectrum.map { $0 * 0.4 }, spectrum.map { $0 * 0.6 })),
        ], xAxis: AxisOptions(title: "m/z (u)"), yAxis: AxisOptions(title: "intensity (counts)", scale: .log),
        markers: [.init(x: 7, label: "Li+"), .init(x: 19, label: "F-")], title: "Spectra (log y)")
        let w = 64, h = 48
        let values = (0 ..< w * h).map { i -> Double in
            let x = Double(i % w), y = Double(i / w)
            return 100 * exp(-((x - 20) * (x - 20) + (y - 20) * (y - 20)) / 200) + Double(i % 7)
        }
        let heat = HeatMap(width: w, height: h, values: values, title: "<sup>7</sup>Li<sup>−</sup> ion image", valueTitle: "counts", pixelSizeMicrometers: 100.0 / 64)
        let heatInferno = HeatMap(width: w, height: h, values: values, title: "inferno", colorMap: .inferno)
        let other = values.reversed().map { $0 }
        let overlay = RGBOverlay(width: w, height: h, channels: [("LiF<sub>2</sub><sup>−</sup>", values), ("PO<sub>3</sub><sup>−</sup>", other), ("C<sub>2</sub>H<sup>−</sup>", values.map { 100 - $0 })], title: "RGB overlay", pixelSizeMicrometers: 1)
        let labels = values.map { $0 > 60 ? 0 : $0 > 20 ? 1 : $0 > 8 ? 2 : -1 }
        let label = LabelImage(width: w, height: h, labels: labels, names: ["NMC", "Li6PS5Cl", "carbon"], title: "Phases", pixelSizeMicrometers: 0.5)
        let scree = LinePlot(series: [.init(name: "individual", x: [1, 2, 3, 4], y: [52.1, 21.4, 9.8, 4.2]),
                                      .init(name: "cumulative", x: [1, 2, 3, 4], y: [52.1, 73.5, 83.3, 87.5])],
                             xAxis: AxisOptions(title: "Principal component", categories: ["PC1", "PC2", "PC3", "PC4"]),
                             yAxis: AxisOptions(title: "Explained variance (%)", includesZero: true), showsPoints: true, title: "Explained variance")
        let time = (0 ..< 300).map { Double($0) * 2 }
        let depth = LinePlot(series: [
            .init(name: "Li<sup>−</sup>", x: time, y: time.map { 2e4 / (1 + exp(($0 - 300) / 20)) + 30 }),
            .init(name: "LiF<sub>2</sub><sup>−</sup>", x: time, y: time.map { 3e3 * exp(-pow($0 - 250, 2) / 5000) + 5 }),
            .init(name: "<sup>58</sup>Ni<sup>−</sup>", x: time, y: time.map { 5e4 / (1 + exp(-($0 - 300) / 20)) + 10 }),
        ], xAxis: AxisOptions(title: "sputter time (s)"), yAxis: AxisOptions(title: "intensity (counts per cycle)", scale: .log),
        markers: [.init(x: 300, label: "I1")], title: "Depth profile")
        let mz = (0 ..< 1500).map { 18.5 + Double($0) * 0.001 }
        var spectrumZoom = LinePlot(series: (0 ..< 6).map { k in
            LinePlot.Series(name: "spot \(k)", x: mz, y: mz.map { 8e-5 * Double(100 + 20 * k) * exp(-pow($0 - 19.0, 2) / 0.0008) },
                            color: Palette.color(k / 3).opacity(0.7))
        }, xAxis: AxisOptions(title: "m/z (u)", range: 18.6 ... 19.4), yAxis: AxisOptions(title: "intensity (counts per channel)", includesZero: true),
        title: "F<sup>−</sup>: 18.9–19.1 u, every spot")
        spectrumZoom.spans = [.init(18.9 ... 19.1, label: "F<sup>−</sup>")]
        spectrumZoom.legend = [LegendEntry("pristine", Palette.color(0)), LegendEntry("cycled", Palette.color(1))]
        let palette = BarPlot(bars: (0 ..< 24).map { ("sample \($0 + 1) with a long common name", Double($0 % 5 + 1)) },
                              yTitle: "value (a.u.)", xTitle: "Sample", title: "24 long category labels")
        return [("box", box), ("bars", bars), ("scatter", scatter), ("line", line), ("heatmap", heat),
                ("heatmap-inferno", heatInferno), ("overlay", overlay), ("labels", label), ("scree", scree),
                ("depth", depth), ("spectrum", spectrumZoom), ("long-labels", palette)]
    }
}

@Suite("Plots")
struct PlotTests {
    @Test("Every plot's SVG is well-formed XML and its PNG decodes", arguments: Gallery.figures().map(\.0))
    func wellFormed(name: String) throws {
        let figure = Gallery.figures().first { $0.0 == name }!.1
        let svg = figure.svg
        let parsed = XMLCheck.parse(svg)
        #expect(parsed.ok, "SVG of \(name) is not well-formed: \(parsed.error ?? "")")
        #expect(parsed.elements.first == "svg")
        #expect(parsed.elements.contains("text"))
        let png = try DecodedPNG(figure.png(scale: 1))
        #expect(png.width == Int(figure.drawing().width) && png.height == Int(figure.drawing().height))
        // Not blank: some dark ink (text, axes).
        let dark = stride(from: 0, to: png.raw.count, by: png.channels).filter { png.raw[$0] < 80 && png.raw[$0 + 1] < 80 && png.raw[$0 + 2] < 80 }
        #expect(dark.count > 50)
        if let dir = ProcessInfo.processInfo.environment["SIMSKIT_GALLERY"] {
            // scripts/gallery.sh: one PNG per figure kind for docs/figures.md (1 pixel per unit keeps the files small).
            try figure.png(scale: 1).write(to: URL(fileURLWithPath: dir + "/\(name).png"))
        }
    }

    @Test("SVG escapes markup in labels")
    func escaping() {
        let plot = BarPlot(bars: [("<a&b>", 1), ("\"q\"", -1)], yTitle: "x < y")
        let parsed = XMLCheck.parse(plot.svg)
        #expect(parsed.ok)
        #expect(parsed.texts.joined().contains("<a&b>"))
    }

    @Test("Plots are deterministic")
    func deterministic() {
        let a = Gallery.figures().map { $0.1.svg }, b = Gallery.figures().map { $0.1.svg }
        #expect(a == b)
        // Drawn concurrently (pooled text engines in any state, as when a command draws on every core), the same
        // SVGs, and each figure's PNG the same bytes every time.
        final class Box: @unchecked Sendable {
            var svgs: [String], pngs: [Data]
            init(_ n: Int) { svgs = Array(repeating: "", count: n); pngs = Array(repeating: Data(), count: n) }
        }
        let figures = Gallery.figures().map(\.1), n = figures.count, box = Box(3 * n), lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 3 * n) { k in
            let svg = figures[k % n].svg, png = figures[k % n].png(scale: 1)
            lock.lock(); box.svgs[k] = svg; box.pngs[k] = png; lock.unlock()
        }
        for k in 0 ..< 3 * n {
            #expect(box.svgs[k] == a[k % n], "figure \(k % n): SVG differs when drawn concurrently")
            #expect(box.pngs[k] == box.pngs[k % n], "figure \(k % n): PNG differs when drawn concurrently")
        }
    }

    @Test("Box plot shows every point")
    func boxShowsPoints() {
        let plot = BoxPlot(groups: [("a", [1, 2, 3, 4, 5, 6, 7]), ("b", [2, 3])], yTitle: "v")
        let circles = plot.drawing().primitives.filter { if case .circle = $0 { return true } else { return false } }
        #expect(circles.count == 9)
        // Group b has 2 points: no box (one rectangle, a's), no median line; its points and mean remain.
        let rects = plot.drawing().primitives.filter { if case .rect = $0 { return true } else { return false } }
        let boxes = BoxPlot(groups: [("a", [1, 2, 3, 4, 5, 6, 7]), ("b", [2, 3, 4])], yTitle: "v").drawing().primitives
            .filter { if case .rect = $0 { return true } else { return false } }
        #expect(boxes.count == rects.count + 1)
    }

    @Test("Heat map colours follow the map: minimum → first entry, maximum → last")
    func heatColours() {
        let map = HeatMap(width: 2, height: 1, values: [0, 10])
        let px = map.pixels()
        #expect(px[0, 0] == ColorMap.viridis.color(at: 0))
        #expect(px[1, 0] == ColorMap.viridis.color(at: 1))
    }
}
