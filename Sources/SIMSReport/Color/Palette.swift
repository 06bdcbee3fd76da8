/// Discrete colours for groups (samples, phases, clusters).
///
/// The first seven are Okabe & Ito's colour-universal-design palette ("Color Universal Design", 2008),
/// distinguishable with the common colour-vision deficiencies; its eighth colour, black, is left out because
/// black-ish ink (``RGBA/ink``) draws text, axes and the box plots' mean markers, and every colour here differs
/// from that ink by ΔE*ab > 25 (tested). Sixteen more follow so that 23 groups get distinct colours: picked
/// greedily from Paul Tol's qualitative schemes and matplotlib's tab10, each the candidate farthest (CIELAB
/// ΔE*ab, CIE 1976) from all colours before it; every pair among the first 20 differs by ΔE*ab > 25 (tested).
/// After 23 the palette repeats.
public enum Palette {
    /// The palette in order.
    public static let colors: [RGBA] = [
        // Okabe–Ito without black
        RGBA(hex: 0x0072B2), RGBA(hex: 0xE69F00), RGBA(hex: 0x009E73), RGBA(hex: 0xD55E00),
        RGBA(hex: 0x56B4E9), RGBA(hex: 0xCC79A7), RGBA(hex: 0xF0E442),
        // extension (Tol, tab10), greedy maximum ΔE*ab
        RGBA(hex: 0x332288), RGBA(hex: 0x661100), RGBA(hex: 0x7F7F7F), RGBA(hex: 0xEE3377),
        RGBA(hex: 0x2CA02C), RGBA(hex: 0x999933), RGBA(hex: 0x6B4C00), RGBA(hex: 0xEE8866),
        RGBA(hex: 0x882255), RGBA(hex: 0x9467BD), RGBA(hex: 0xD62728), RGBA(hex: 0x8C564B),
        RGBA(hex: 0xEEDD88), RGBA(hex: 0x225555), RGBA(hex: 0x17BECF), RGBA(hex: 0xBBCCEE),
    ]

    /// The colour of group `index` (cycles after the last colour).
    public static func color(_ index: Int) -> RGBA {
        colors[((index % colors.count) + colors.count) % colors.count]
    }

    /// Colour of positive bars (blue).
    public static let positive = RGBA(hex: 0x0072B2)
    /// Colour of negative bars (vermillion).
    public static let negative = RGBA(hex: 0xD55E00)
}
