/// The paper's guidance on study design: n = 5–10 spots per sample and n = 3 samples (Lombardo et al.,
/// JVST A 41, 053207 (2023), Sec. III: "the number of data points per sample (e.g., n = 5–10 for surface
/// spectra) and the number of samples (e.g., n = 3)"). Produces warnings, never failures.
public struct DesignCheck: Sendable, Hashable {
    /// Minimum spots per sample before a warning (default 5).
    public var minimumSpots = 5
    /// Minimum samples per study before a warning (default 3).
    public var minimumSamples = 3

    /// Creates the check with the paper's thresholds.
    public init() {}

    /// Warnings for a study given as (sample name, number of spots), in order.
    public func warnings(spotsPerSample: [(sample: String, spots: Int)]) -> [String] {
        var out: [String] = []
        if spotsPerSample.count < minimumSamples {
            out.append("the study has \(spotsPerSample.count) sample(s); the paper recommends at least \(minimumSamples) samples to draw conclusions")
        }
        for (sample, spots) in spotsPerSample where spots < minimumSpots {
            out.append("sample \(sample) has \(spots) spot(s); the paper recommends 5–10 spots per sample")
        }
        return out
    }
}
