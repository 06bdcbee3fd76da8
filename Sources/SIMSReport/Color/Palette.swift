/// Discrete colours for groups (samples, phases, clusters).
///
/// The first seven are Okabe & Ito's colour-universal-design palette ("Color Universal Design", 2008),
/// distinguishable with the common colour-vision deficiencies; then matplotlib's `tab10` colours.
public enum Palette {
    /// The palette in order.
    public static let colors: [RGBA] = [
        RGBA(hex: 0x0072B2), RGBA(hex: 0xE69F00), RGBA(hex: 0x009E73), RGBA(hex: 0xD55E00),
        RGBA(hex: 0x56B4E9), RGBA(hex: 0xCC79A7), RGBA(hex: 0xF0E442),
        RGBA(hex: 0x1F77B4), RGBA(hex: 0xFF7F0E), RGBA(hex: 0x2CA02C), RGBA(hex: 0xD62728),
        RGBA(hex: 0x9467BD), RGBA(hex: 0x8C564B), RGBA(hex: 0xE377C2), RGBA(hex: 0x7F7F7F),
        RGBA(hex: 0xBCBD22), RGBA(hex: 0x17BECF),
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
