import SIMSCore

/// Groups the files of one flat folder into samples (and spots) by a regular expression on the file name.
///
/// The pattern is matched (searched, so anchor it with `^` when needed) against the file name without its
/// extension. Its named group `sample` names the sample; an optional group `spot` names the spot (default: the
/// file name without extension); an optional group `polarity` (`N`, `P`, `neg`, `positive` …) gives the
/// polarity. Example for `N_Ru-Pd_Bi3_2.txt`:
///
/// ```
/// --group-by '^N_(?<sample>.+?)_Bi'                    → sample "Ru-Pd", spot "N_Ru-Pd_Bi3_2"
/// --group-by '^(?<polarity>[NP])_(?<sample>.+?)_Bi'    → both polarities, analysed one after the other
/// ```
///
/// `sims.toml` holds the same pattern as `group_by = '…'` at the top level (TOML literal strings keep
/// backslashes as typed).
public struct FileGrouping: Sendable, Hashable, CustomStringConvertible {
    /// The regular expression as typed.
    public let pattern: String

    /// Checks the pattern: it must compile and hold a named group `sample`.
    /// - Throws: ``SIMSError`` (invalid argument) naming the pattern and what is wrong.
    public init(_ pattern: String) throws(SIMSError) {
        do {
            _ = try Regex(pattern)
        } catch {
            throw .invalidArgument("--group-by is not a valid regular expression: \(error)", found: pattern,
                                   expected: "a pattern such as '^N_(?<sample>.+?)_Bi'")
        }
        guard pattern.contains("(?<sample>") || pattern.contains("(?P<sample>") else {
            throw .invalidArgument("--group-by needs a named group `sample`", found: pattern,
                                   expected: "a pattern such as '^N_(?<sample>.+?)_Bi' (optional groups `spot`, `polarity`)")
        }
        self.pattern = pattern
    }

    /// What the pattern reads from one file name (without extension); `nil` when it does not match.
    public struct Match: Sendable, Hashable {
        /// The sample name (group `sample`).
        public var sample: String
        /// The spot name (group `spot`), when the pattern has one.
        public var spot: String?
        /// The polarity (group `polarity`), when the pattern has one and it reads as a polarity.
        public var polarity: Polarity?
    }

    /// Matches `name` (a file name without extension).
    public func match(_ name: String) -> Match? {
        guard let regex = try? Regex(pattern), let found = try? regex.firstMatch(in: name) else { return nil }
        func group(_ key: String) -> String? {
            guard let substring = found.output[key]?.substring, !substring.isEmpty else { return nil }
            return String(substring)
        }
        guard let sample = group("sample") else { return nil }
        return Match(sample: sample, spot: group("spot"), polarity: group("polarity").flatMap(Polarity.init(parsing:)))
    }

    /// The pattern.
    public var description: String { pattern }
}

extension Study {
    /// One line saying what discovery left out, or `nil` when nothing was: how many files, why, and an example
    /// (`left out 8 files: not a .txt export (e.g. XRD_Ru.xy)`).
    public var leftOutSummary: String? {
        guard !leftOut.isEmpty else { return nil }
        var reasons: [String: (count: Int, example: String)] = [:]
        var order: [String] = []
        for entry in leftOut {
            let name = entry.path.split(separator: "/").last.map(String.init) ?? entry.path
            if reasons[entry.reason] == nil { order.append(entry.reason); reasons[entry.reason] = (0, name) }
            reasons[entry.reason]!.count += 1
        }
        let parts = order.map { "\(reasons[$0]!.count) \($0) (e.g. \(reasons[$0]!.example))" }
        return "left out \(leftOut.count) file\(leftOut.count == 1 ? "" : "s") of the study folder: " + parts.joined(separator: "; ")
    }

    /// The polarities of the spots that state one, in a stable order (negative first).
    public var polarities: [Polarity] {
        let stated = Set(allSpots.compactMap(\.spot.polarity))
        return Polarity.allCases.reversed().filter(stated.contains)
    }

    /// The study restricted to the spots of `polarity` (spots of unknown polarity are kept); samples left
    /// without spots are dropped.
    public func restricted(to polarity: Polarity) -> Study {
        var copy = self
        copy.samples = samples.compactMap { sample in
            let spots = sample.spots.filter { $0.polarity == nil || $0.polarity == polarity }
            return spots.isEmpty ? nil : Study.Sample(name: sample.name, spots: spots)
        }
        return copy
    }
}
