extension Spectrum {
    /// Whether the export says it is already dead-time corrected: IONTOF writes the header line
    /// `# Deadtime Correction: on` (or `off`). `nil` when the header does not say.
    ///
    /// A corrected spectrum must never be corrected a second time; its registered (uncorrected)
    /// counts can be recovered with ``DeadTimeLaw/measuredCounts(fromTrue:)``.
    public var isDeadTimeCorrected: Bool? {
        guard let value = metadata.value(forKeyIgnoringCase: "Deadtime Correction")
            ?? metadata.value(forKeyIgnoringCase: "Dead time correction")
            ?? metadata.value(forKeyIgnoringCase: "Deadtime correction") else { return nil }
        switch value.trimmingSpaces().lowercased() {
        case "on", "yes", "true", "1", "enabled": return true
        case "off", "no", "false", "0", "disabled": return false
        default: return nil
        }
    }
}
