/// How peak areas are scaled before they are compared between spots and samples
/// (Lombardo et al., JVST A 41, 053207 (2023), Sec. III "data normalization").
public enum PeakNormalization: String, Sendable, Hashable, CaseIterable, Codable {
    /// Trapezoidal area of the counts (counts·u), no scaling.
    case raw
    /// Sum of counts in the interval (ions), IONTOF's "Area".
    case counts
    /// Trapezoidal area of intensity/TIC (u) — the paper's script's "normalized area".
    case tic
    /// Raw area ÷ raw area of the reference peak(s) (dimensionless).
    case reference
    /// Raw area ÷ (TIC − counts of peaks flagged as saturated, I/N > 0.1) (u).
    case ticWithoutSaturated = "tic_without_saturated"
    /// Dead-time corrected area ÷ dead-time corrected TIC (u).
    case correctedTIC = "corrected_tic"

    /// Axis title for plots, with the unit.
    public var axisTitle: String {
        switch self {
        case .raw: return "Peak area (counts·u)"
        case .counts: return "Counts in interval (ions)"
        case .tic: return "Peak area / TIC (u)"
        case .reference: return "Peak area / reference peak area"
        case .ticWithoutSaturated: return "Peak area / TIC without saturated peaks (u)"
        case .correctedTIC: return "Dead-time corrected area / corrected TIC (u)"
        }
    }
}
