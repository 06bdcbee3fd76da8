/// Per-cycle normalization of depth-profile intensities.
///
/// Dividing each cycle's ion intensity by the same cycle's total (or matrix-ion) intensity removes
/// fluctuations of primary current and of the overall ionization yield that affect all ions alike
/// (Lombardo et al., JVST A 41 (2023) 053207, Sec. V on normalization). Cycles whose reference is zero are
/// not divided: they are reported as excluded, never turned into inf or NaN.
public enum ProfileNormalization: Sendable, Hashable, CustomStringConvertible {
    /// No normalization (counts per cycle).
    case none
    /// Divide by the `total` column of the export (or, if absent, the sum of all ion columns).
    case total
    /// Divide by the intensity of a matrix ion (exact column name).
    case ion(String)

    /// `none`, `total` or the ion name.
    public var description: String {
        switch self {
        case .none: return "none"
        case .total: return "total"
        case .ion(let name): return name
        }
    }

    /// Parses `none`, `total` or an ion name.
    public init(parsing text: String) {
        switch text {
        case "none": self = .none
        case "total": self = .total
        default: self = .ion(text)
        }
    }
}

/// The result of normalizing a profile: normalized ion columns and the cycles that could not be normalized.
public struct NormalizedProfile: Sendable, Equatable {
    /// Normalized intensity columns (same order as the source's ion columns); excluded cycles hold 0.
    public var columns: [DepthProfile.Column]
    /// `true` for cycles whose reference was zero (or not finite); their values are not meaningful.
    public var excluded: [Bool]
    /// The normalization applied.
    public var normalization: ProfileNormalization

    /// Number of excluded cycles.
    public var excludedCount: Int { excluded.reduce(0) { $0 + ($1 ? 1 : 0) } }
}

extension DepthProfile {
    /// The per-cycle reference intensity for a normalization, or `nil` for ``ProfileNormalization/none``.
    /// - Throws: ``SIMSError`` when the reference ion is not a column of the profile.
    public func referenceIntensity(for normalization: ProfileNormalization) throws(SIMSError) -> ContiguousArray<Double>? {
        switch normalization {
        case .none:
            return nil
        case .total:
            if let total = totalColumn { return total.values }
            var sum = ContiguousArray<Double>(repeating: 0, count: cycleCount)
            for column in ionColumns {
                for i in 0..<cycleCount where column.values[i].isFinite { sum[i] += column.values[i] }
            }
            return sum
        case .ion(let name):
            guard let column = column(named: name), column.kind != .ratio else {
                throw .invalidArgument("normalization ion \(name) is not an intensity column of \(source ?? "the profile")",
                                       found: name, expected: "one of " + ionColumns.map(\.name).joined(separator: ", "))
            }
            return column.values
        }
    }

    /// Normalizes every ion intensity column per cycle.
    public func normalized(by normalization: ProfileNormalization) throws(SIMSError) -> NormalizedProfile {
        let reference = try referenceIntensity(for: normalization)
        var excluded = [Bool](repeating: false, count: cycleCount)
        if let reference {
            for i in 0..<cycleCount where !(reference[i] > 0 && reference[i].isFinite) { excluded[i] = true }
        }
        let columns = ionColumns.map { column -> DepthProfile.Column in
            guard let reference else { return column }
            var values = ContiguousArray<Double>(repeating: 0, count: cycleCount)
            for i in 0..<cycleCount where !excluded[i] {
                values[i] = column.values[i].isFinite ? column.values[i] / reference[i] : 0
            }
            return DepthProfile.Column(name: column.name, mass: column.mass, kind: .intensity, values: values)
        }
        return NormalizedProfile(columns: columns, excluded: excluded, normalization: normalization)
    }
}
