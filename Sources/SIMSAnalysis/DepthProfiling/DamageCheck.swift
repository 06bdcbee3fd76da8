import Foundation

/// Molecular-damage check: the ratio of a long to a short fragment of the same molecule over the primary
/// (sputter) fluence.
///
/// Ion-beam damage breaks large fragments first, so a ratio that drifts with fluence in a region of constant
/// composition means the molecular information is being destroyed (Lombardo et al. 2023, Sec. V: molecular
/// stability over the sputter dose). The check fits ln(ratio) = a + b·fluence by least squares over the
/// cycles where both fragments were detected and reports the relative change of the fitted ratio from the
/// first to the last of those cycles; a change beyond ``tolerance`` is a warning.
public struct DamageCheck: Sendable {
    /// The longer (larger) fragment's column name.
    public var longFragment: String
    /// The shorter fragment's column name.
    public var shortFragment: String
    /// Allowed relative drift of the fitted ratio (default 0.2 = 20 %).
    public var tolerance: Double = 0.2

    /// Creates a check for one fragment pair.
    public init(longFragment: String, shortFragment: String, tolerance: Double = 0.2) {
        self.longFragment = longFragment
        self.shortFragment = shortFragment
        self.tolerance = tolerance
    }

    /// What the check found.
    public struct Result: Sendable, Equatable {
        /// Fluence (ions/cm²) and ratio long/short at each cycle where both were detected.
        public var fluence: [Double]
        /// The measured ratio at those cycles.
        public var ratio: [Double]
        /// Fitted slope of ln(ratio) per ion/cm².
        public var slope: Double
        /// Relative change of the fitted ratio from the first to the last cycle (0.25 = +25 %).
        public var relativeDrift: Double
        /// `true` when |drift| exceeds the tolerance.
        public var drifts: Bool
        /// A sentence for the report when the ratio drifts.
        public var warning: String?
    }

    /// Runs the check on `profile`, using its fluence column (or sputter time when no fluence was exported).
    /// - Throws: ``SIMSError`` when a fragment is missing or fewer than 3 cycles detect both.
    public func evaluate(_ profile: DepthProfile) throws(SIMSError) -> Result {
        guard let long = profile.column(named: longFragment), let short = profile.column(named: shortFragment) else {
            throw .invalidArgument("damage check: fragment not in \(profile.source ?? "profile")", found: "\(longFragment)/\(shortFragment)",
                                   expected: "two of " + profile.ionColumns.map(\.name).joined(separator: ", "))
        }
        let x = profile.fluence ?? profile.sputterTime
        var fluence: [Double] = [], ratio: [Double] = []
        for i in 0..<profile.cycleCount where long.values[i] > 0 && short.values[i] > 0 && long.values[i].isFinite && short.values[i].isFinite {
            fluence.append(x[i]); ratio.append(long.values[i] / short.values[i])
        }
        guard fluence.count >= 3 else {
            throw .inconsistent("damage check \(longFragment)/\(shortFragment): fewer than 3 cycles detect both fragments", file: profile.source)
        }
        let logs = ratio.map { log($0) }
        let mx = fluence.reduce(0, +) / Double(fluence.count)
        let my = logs.reduce(0, +) / Double(logs.count)
        var sxx = 0.0, sxy = 0.0
        for (a, b) in zip(fluence, logs) { sxx += (a - mx) * (a - mx); sxy += (a - mx) * (b - my) }
        let slope = sxx > 0 ? sxy / sxx : 0
        let drift = exp(slope * (fluence.last! - fluence.first!)) - 1
        let drifts = abs(drift) > tolerance
        let unit = profile.fluence == nil ? "s of sputtering" : "the fluence range"
        let percent = (drift * 1000).rounded() / 10
        let warning = drifts ? "\(longFragment)/\(shortFragment) ratio changes by \(percent) % over \(unit): molecular fragments are being damaged by the beam" : nil
        return Result(fluence: fluence, ratio: ratio, slope: slope, relativeDrift: drift, drifts: drifts, warning: warning)
    }
}
