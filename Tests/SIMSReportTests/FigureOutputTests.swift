import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSReport

/// Every figure kind through cairo: PNG, PDF (fonts embedded, typeset text searchable) and SVG; golden images.
@Suite("Figure outputs (cairo + Pango)")
struct FigureOutputTests {
    static let kinds = Gallery.figures().map(\.0)

    static func figure(_ name: String) -> any Figure { Gallery.figures().first { $0.0 == name }!.1 }

    /// Whether poppler-utils are installed (scripts/install-dependencies.sh installs them; CI always has them).
    static let hasPoppler = (try? ExternalTool.run(["pdffonts", "-v"], discardingOutput: true).status) == 0

    @Test("Every figure kind renders to PNG, PDF and SVG", arguments: kinds)
    func allFormats(name: String) throws {
        let figure = Self.figure(name)
        let png = try DecodedPNG(figure.data(as: .png, pngScale: 0.5))
        #expect(png.width == Int((figure.drawing().width * 0.5).rounded()))
        let pdf = figure.data(as: .pdf)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(pdf.count > 1000)
        let svg = String(decoding: figure.data(as: .svg), as: UTF8.self)
        #expect(XMLCheck.parse(svg).ok)
    }

    @Test("PDFs embed their fonts and pdftotext finds the typeset ion names", arguments: ["box", "overlay", "depth", "spectrum"])
    func pdfText(name: String) throws {
        try #require(Self.hasPoppler, "poppler-utils missing: run scripts/install-dependencies.sh")
        let folder = try TemporaryFolder()
        let path = try folder.write(Self.figure(name).data(as: .pdf), to: name + ".pdf")
        let fonts = String(decoding: try ExternalTool.run(["pdffonts", path]).output, as: UTF8.self)
        let rows = fonts.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty, "no fonts in \(name).pdf")
        for row in rows {
            // Columns: name type encoding emb sub uni object ID; "emb" must be yes for every font.
            let fields = row.split(separator: " ", omittingEmptySubsequences: true)
            #expect(fields.count >= 7 && fields[fields.count - 5] == "yes", "font not embedded: \(row)")
        }
        let text = String(decoding: try ExternalTool.run(["pdftotext", path, "-"]).output, as: UTF8.self)
        let expected = ["box": "LiF2−", "overlay": "LiF2−", "depth": "LiF2−", "spectrum": "F−"][name]!
        #expect(text.contains(expected), "pdftotext of \(name).pdf: \(text.prefix(300))")
    }

    @Test("SVG keeps labels as editable text with sub- and superscript tspans")
    func svgTspans() {
        let svg = Self.figure("box").svg
        #expect(svg.contains(">LiF<tspan dy=\"") && svg.contains(">2</tspan>") && svg.contains(">\u{2212}</tspan>"))
        let parsed = XMLCheck.parse(svg)
        #expect(parsed.texts.joined().contains("LiF2\u{2212}"))
    }

    @Test("SVG numbers: at most two decimals, no trailing zeros, never -0")
    func svgNumbers() {
        for (value, text) in [(1.5, "1.5"), (1.05, "1.05"), (-0.004, "0"), (12, "12"), (-3.1, "-3.1"), (0.07, "0.07"), (2.999, "3")] {
            #expect(SVGFormat.number(value) == text, "\(value)")
        }
    }

    @Test("Tick labels are typeset powers of ten, never e-notation")
    func ticks() {
        let plot = BarPlot(bars: [("a", 8e-5), ("b", 2e-5)], yTitle: "fraction (1)")
        let svg = plot.svg
        #expect(!svg.contains("e-5") && !svg.contains("e-05"))
        #expect(svg.contains("× 10<tspan"))
    }

    @Test("Long category labels that share a prefix stay distinct")
    func distinctLabels() {
        let names = (1 ... 24).map { "sample with a very long common prefix number \($0)" }
        let frame = PlotFrame(style: FigureStyle(), title: "", x: .categories(names, title: "Sample"), y: AxisOptions(title: "v"),
                              yDataRange: 0 ... 1)
        var d = Drawing(width: 640, height: 420)
        frame.drawAxes(into: &d)
        let labels = d.primitives.compactMap { p -> String? in if case let .text(t, _, s) = p, s.rotation == 90 { return t } else { return nil } }
        #expect(!labels.isEmpty)
        #expect(Set(labels).count == labels.count)
    }

    /// CIELAB (D65) of an sRGB colour, for ΔE*ab (CIE 1976).
    static func lab(_ c: RGBA) -> (Double, Double, Double) {
            func lin(_ v: UInt8) -> Double { let c = Double(v) / 255; return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
            let (r, g, b) = (lin(c.red), lin(c.green), lin(c.blue))
            let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, y = 0.2126 * r + 0.7152 * g + 0.0722 * b
            let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
            func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116 }
            return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    static func deltaE(_ p: RGBA, _ q: RGBA) -> Double {
        let a = lab(p), b = lab(q)
        return ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)).squareRoot()
    }

    @Test("The first 20 palette colours differ by ΔE*ab > 25; the first 7 are Okabe–Ito without black")
    func palette() {
        let colors = Array(Palette.colors.prefix(20))
        #expect(colors.count == 20)
        for i in 0 ..< colors.count { for j in i + 1 ..< colors.count {
            let d = Self.deltaE(colors[i], colors[j])
            #expect(d > 25, "palette colours \(i) and \(j) too close: ΔE = \(d)")
        } }
        let okabeIto: Set<UInt32> = [0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7]
        #expect(Set(Palette.colors.prefix(7).map { UInt32($0.red) << 16 | UInt32($0.green) << 8 | UInt32($0.blue) }) == okabeIto)
    }

    @Test("No sample colour can be taken for the box plots' mean marker: every palette colour is ΔE*ab > 25 from it")
    func paletteAwayFromMeanMarker() {
        let box = BoxPlot(groups: [(name: "a", values: [1, 2, 3, 4, 5])], yTitle: "v")
        let marker = box.drawing().primitives.compactMap { p -> RGBA? in if case let .polygon(points, fill, _) = p, points.count == 4 { return fill } else { return nil } }
        #expect(marker.count == 1)
        for (i, color) in Palette.colors.enumerated() {
            for m in marker { #expect(Self.deltaE(color, m) > 25, "palette colour \(i) is ΔE = \(Self.deltaE(color, m)) from the mean marker") }
        }
    }

    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    /// Renders at half scale and compares to the committed PNG: a pixel "differs" when any channel is off by
    /// more than 40 (anti-aliasing and font rasterisation noise stay below); at most 0.5 % may differ.
    /// `SIMSKIT_UPDATE_GOLDEN=1 swift test --filter FigureOutputTests` rewrites the references.
    @Test("Golden images: rendering matches the committed references", arguments: ["box", "heatmap", "scree", "spectrum"])
    func golden(name: String) throws {
        let data = Self.figure(name).data(as: .png, pngScale: 0.5)
        let path = Self.goldenFolder + "/\(name).png"
        if ProcessInfo.processInfo.environment["SIMSKIT_UPDATE_GOLDEN"] != nil {
            try data.write(to: URL(fileURLWithPath: path))
        }
        let reference = try DecodedPNG(try Data(contentsOf: URL(fileURLWithPath: path)))
        let rendered = try DecodedPNG(data)
        try #require(reference.width == rendered.width && reference.height == rendered.height && reference.channels == rendered.channels)
        var differing = 0
        let c = rendered.channels
        for p in stride(from: 0, to: rendered.raw.count, by: c) {
            for k in 0 ..< c where abs(Int(rendered.raw[p + k]) - Int(reference.raw[p + k])) > 40 { differing += 1; break }
        }
        let fraction = Double(differing) / Double(rendered.width * rendered.height)
        #expect(fraction <= 0.005, "\(name): \(differing) pixels differ from Golden/\(name).png (\(fraction * 100) %)")
    }

    @Test("A golden comparison fails on a changed figure")
    func goldenDetects() throws {
        var changed = Self.figure("scree") as! LinePlot
        changed.title = "Explained variance (changed)"
        let reference = try DecodedPNG(try Data(contentsOf: URL(fileURLWithPath: Self.goldenFolder + "/scree.png")))
        let rendered = try DecodedPNG(changed.data(as: .png, pngScale: 0.5))
        var differing = 0
        for p in stride(from: 0, to: rendered.raw.count, by: rendered.channels) where abs(Int(rendered.raw[p]) - Int(reference.raw[p])) > 40 { differing += 1 }
        #expect(Double(differing) / Double(rendered.width * rendered.height) > 0.005)
    }
}

@Suite("Text markup")
struct TextMarkupTests {
    @Test("Runs, plain text, Pango and HTML forms")
    func forms() {
        let m = "LiF<sub>2</sub><sup>−</sup> & a < b"
        #expect(TextMarkup.plain(m) == "LiF2− & a < b")
        #expect(TextMarkup.pango(m, size: 10) == #"LiF<span font_desc="7.0px" rise="-2560">2</span><span font_desc="7.0px" rise="4096">−</span> &amp; a &lt; b"#)
        #expect(TextMarkup.html(m) == "LiF<sub>2</sub><sup>−</sup> &amp; a &lt; b")
        #expect(TextMarkup.runs(m).map(\.shift) == [.none, .sub, .sup, .none])
    }

    @Test("Unicode sub- and superscripts for text that cannot hold markup")
    func unicode() {
        #expect(TextMarkup.unicode("<sup>206</sup>PbI<sub>3</sub><sup>−</sup>") == "²⁰⁶PbI₃⁻")
        #expect(TextMarkup.unicode("SO<sub>4</sub><sup>2−</sup> & <b>x</b>") == "SO₄²⁻ & x")
        #expect(TextMarkup.unicode("Ni<sup>2+</sup>, C<sub>10</sub>H<sub>7</sub>") == "Ni²⁺, C₁₀H₇")
        #expect(TextMarkup.unicode("x<sub>i</sub> total") == "xi total")   // no subscript i: kept on the baseline
        #expect(TextMarkup.unicode("m/z 27.0") == "m/z 27.0")
    }
}
