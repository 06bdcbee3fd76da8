/// A continuous colour map for intensities (ion images, heat maps).
///
/// The tabulated maps are matplotlib's perceptually uniform 256-entry tables (viridis, inferno, magma:
/// van der Walt & Smith, 2015, https://bids.github.io/colormap/; cividis: Nuñez et al., PLoS ONE 13 (2018)
/// e0199239), generated into `ColorMap+Tables.swift` by `Tests/Reference/colormaps.py`. Lookup follows
/// matplotlib's `ListedColormap`: value t in 0…1 → entry `min(255, ⌊256·t⌋)` (no interpolation).
public struct ColorMap: Sendable, Hashable {
    /// The map's name (`viridis`, `inferno`, …).
    public let name: String
    /// 256 × (r, g, b) in 0…1.
    let table: [Double]

    /// Perceptually uniform, blue–green–yellow; the default for ion images.
    public static let viridis = ColorMap(name: "viridis", table: viridisTable)
    /// Perceptually uniform, black–red–yellow–white; good for sparse, high-contrast images.
    public static let inferno = ColorMap(name: "inferno", table: infernoTable)
    /// Perceptually uniform, black–purple–orange–white.
    public static let magma = ColorMap(name: "magma", table: magmaTable)
    /// Perceptually uniform and readable with colour-vision deficiency (blue–yellow).
    public static let cividis = ColorMap(name: "cividis", table: cividisTable)
    /// Linear grey ramp, black to white.
    public static let gray = ColorMap(name: "gray", table: (0 ..< 256).flatMap { i in
        let v = Double(i) / 255
        return [v, v, v]
    })

    /// All named maps.
    public static let all: [ColorMap] = [.viridis, .inferno, .magma, .cividis, .gray]

    /// The map called `name` (case-insensitive), if any.
    public static func named(_ name: String) -> ColorMap? {
        all.first { $0.name == name.lowercased() }
    }

    /// The table entry `index` (0…255) as (r, g, b) in 0…1.
    public func entry(_ index: Int) -> (red: Double, green: Double, blue: Double) {
        let i = min(255, max(0, index)) * 3
        return (table[i], table[i + 1], table[i + 2])
    }

    /// The colour of `t` in 0…1 (clamped; NaN maps to transparent).
    public func color(at t: Double) -> RGBA {
        guard !t.isNaN else { return .clear }
        let index = t >= 1 ? 255 : t <= 0 ? 0 : min(255, Int(t * 256))
        let e = entry(index)
        return RGBA(unit: e.red, e.green, e.blue)
    }
}
