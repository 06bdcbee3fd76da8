/// SIMSKit's version, written into every provenance record and printed by `sims --version`.
public enum SIMSKitVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
