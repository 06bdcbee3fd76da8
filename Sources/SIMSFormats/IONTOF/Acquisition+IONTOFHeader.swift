import SIMSCore

extension Acquisition {
    /// Acquisition fields an IONTOF export header carries (case-insensitive keys):
    /// `Deadtime Correction: on|off` → ``deadTimeCorrected``, `Polarity`, `Primary Ion`, `Primary Ion Energy (keV)`,
    /// `Primary Ion Current (pA)`, `Cycle Time (us)`, `Scans`, `Shots per Pixel`, `Raster Size`, `Field of View (um)`.
    /// Unknown keys are left to the metadata.
    public init(iontofHeader metadata: Metadata) {
        self.init()
        func number(_ keys: String...) -> Double? {
            for key in keys {
                if let value = metadata.value(forKeyIgnoringCase: key) {
                    let firstWord = value.split(separator: " ").first.map(String.init) ?? value
                    if let number = ASCIIDouble.parse(firstWord), number.isFinite { return number }
                }
            }
            return nil
        }
        if let value = metadata.value(forKeyIgnoringCase: "Deadtime Correction") ?? metadata.value(forKeyIgnoringCase: "Dead Time Correction") {
            switch value.trimmingSpaces().lowercased() {
            case "on", "yes", "true", "enabled", "1": deadTimeCorrected = true
            case "off", "no", "false", "disabled", "0": deadTimeCorrected = false
            default: break
            }
        }
        if let value = metadata.value(forKeyIgnoringCase: "Polarity") { polarity = Polarity(parsing: value) }
        if let value = metadata.value(forKeyIgnoringCase: "Primary Ion"), !value.isEmpty { primaryIon = value.trimmingSpaces() }
        primaryEnergyKeV = number("Primary Ion Energy (keV)", "Primary Ion Energy", "Energy (keV)")
        primaryCurrentPicoampere = number("Primary Ion Current (pA)", "Primary Ion Current", "Current (pA)")
        cycleTimeMicroseconds = number("Cycle Time (us)", "Cycle Time (µs)", "Cycle Time")
        scans = number("Scans", "Number of Scans").map { Int($0) }
        shotsPerPixel = number("Shots per Pixel", "Shots/Pixel").map { Int($0) }
        analysisAreaMicrometers = number("Field of View (um)", "Field of View (µm)", "Field of View", "Analysis Area (um)")
        if let raster = metadata.value(forKeyIgnoringCase: "Raster Size") ?? metadata.value(forKeyIgnoringCase: "Raster") {
            let parts = raster.lowercased().split(whereSeparator: { $0 == "x" || $0 == " " }).compactMap { ASCIIDouble.parse($0) }
            if let width = parts.first, width.isFinite { rasterWidth = Int(width) }
            if parts.count > 1, parts[1].isFinite { rasterHeight = Int(parts[1]) }
        }
    }
}
