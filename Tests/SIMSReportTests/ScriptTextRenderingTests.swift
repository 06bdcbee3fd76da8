import Testing
@testable import SIMSReport

/// Sub- and superscripts (ion charges, isotopes, tick exponents) must come out smaller than the text they
/// belong to in every raster scale. Seen on the real perovskite depth profiles: in the PNGs (scale 2) the
/// `206` of ²⁰⁶PbI₃⁻ and the exponent of 10⁻⁵ were drawn about twice the size of the base text, because
/// Pango's own `<sup>`/`<sub>` scale the device-space font size, which already includes the raster scale.
@Suite("sub- and superscripts in raster figures")
struct ScriptTextRenderingTests {
    /// Height in pixels of the rows that hold ink (any pixel darker than mid-grey) of `markup` drawn alone.
    private func inkHeight(_ markup: String, scale: Double) -> Int {
        var drawing = Drawing(width: 120, height: 60)
        drawing.text(markup, at: Point(10, 40), TextStyle(size: 20))
        let image = drawing.rasterize(scale: scale)
        var rows: [Int] = []
        for y in 0..<image.height where (0..<image.width).contains(where: { image[$0, y].red < 128 }) { rows.append(y) }
        guard let top = rows.first, let bottom = rows.last else { return 0 }
        return bottom - top + 1
    }

    @Test("a superscript and a subscript are 0.5–0.85 × the height of the same digits on the baseline", arguments: [1.0, 2.0, 4.0])
    func smallerThanBase(scale: Double) {
        let base = Double(inkHeight("88", scale: scale))
        let sup = Double(inkHeight("<sup>88</sup>", scale: scale))
        let sub = Double(inkHeight("<sub>88</sub>", scale: scale))
        #expect(base > 10 * scale)
        #expect(sup >= 0.5 * base && sup <= 0.85 * base, "superscript \(sup) px vs base \(base) px at scale \(scale)")
        #expect(sub >= 0.5 * base && sub <= 0.85 * base, "subscript \(sub) px vs base \(base) px at scale \(scale)")
    }

    @Test("a superscript is raised and a subscript lowered: 8⁸ is taller than 8, 8₈ reaches below it")
    func shifted() {
        let base = inkHeight("8", scale: 2)
        #expect(inkHeight("8<sup>8</sup>", scale: 2) > base + 4)
        #expect(inkHeight("8<sub>8</sub>", scale: 2) > base + 4)
    }
}
