import Foundation
import SIMSChemistry
import SIMSFormats

/// Which files make a study and which polarity is analysed: `--group-by REGEX` and `--polarity pos|neg`,
/// shared by every study command.
///
/// Polarities are never mixed silently: a study whose spots state both polarities (file names `N_…`/`P_…`,
/// `neg`/`pos`, or the `polarity` group of the pattern) is analysed as one study per polarity, each in its own
/// sub-folder of the output (`negative/`, `positive/`) with a parent report linking them — unless
/// `--polarity` or a peak list of one polarity selects one.
public struct StudySelection: Sendable, Hashable {
    /// `--group-by`: a regular expression on the file name (without extension) whose named group `sample`
    /// names the sample (see ``FileGrouping``); `nil` = one sub-folder per sample, or `group_by` in `sims.toml`.
    public var groupBy: String?
    /// `--polarity`: analyse only the spots of this polarity.
    public var polarity: Polarity?

    /// Creates a selection.
    public init(groupBy: String? = nil, polarity: Polarity? = nil) {
        self.groupBy = groupBy
        self.polarity = polarity
    }

    /// The grouping pattern, checked.
    public func grouping() throws(SIMSError) -> FileGrouping? {
        try groupBy.map { (pattern: String) throws(SIMSError) -> FileGrouping in try FileGrouping(pattern) }
    }

    /// The study at `root` (a folder tree, a flat folder with ``groupBy``, a folder holding `sims.toml`, or a
    /// manifest), or the manifest `configuration` when given; spots are the files with `fileExtensions`.
    public func loadStudy(root: String, configuration: String? = nil, fileExtensions: Set<String>) throws(SIMSError) -> Study {
        let grouping = try grouping()
        if let configuration { return try StudyManifest.read(from: configuration, fileExtensions: fileExtensions, grouping: grouping) }
        return try StudyLoader.load(from: root, fileExtensions: fileExtensions, grouping: grouping)
    }

    /// The polarities to analyse, each as its own study: `[nil]` = the study as it is (one polarity or none
    /// stated); one polarity = only its spots (``polarity``, else a peak list whose assigned ions all have one
    /// charge sign); several = one study per polarity.
    /// - Throws: when ``polarity`` asks for a polarity no spot has.
    public func polarities(of study: Study, peaks: [Peak] = []) throws(SIMSError) -> [Polarity?] {
        let stated = study.polarities
        if let polarity {
            guard stated.isEmpty || stated.contains(polarity) else {
                throw .invalidArgument("--polarity \(polarity.rawValue): no spot of the study has this polarity", found: polarity.rawValue,
                                       expected: stated.map(\.rawValue).joined(separator: " or "))
            }
            return stated.count > 1 ? [polarity] : [nil]
        }
        if stated.count > 1, let listed = Peak.polarity(of: peaks), stated.contains(listed) { return [listed] }
        return stated.count > 1 ? stated : [nil]
    }

    /// One line naming the spots a single-polarity selection leaves out, or `nil`.
    static func note(selecting polarity: Polarity?, of study: Study, reason: String) -> String? {
        guard let polarity else { return nil }
        let others = study.allSpots.filter { $0.spot.polarity != nil && $0.spot.polarity != polarity }
        guard !others.isEmpty else { return nil }
        return "analysing the \(polarity.rawValue) spots only (\(reason)); \(others.count) spot(s) of the other polarity left out (e.g. \(others[0].spot.name))"
    }
}

extension Peak {
    /// The polarity of a peak list: the charge sign shared by every assigned ion, or `nil` when the list has no
    /// parsable assignment or mixes signs.
    public static func polarity(of peaks: [Peak]) -> Polarity? {
        var signs = Set<Bool>()
        for peak in peaks where !peak.isUnassigned {
            guard let label = try? AssignmentLabel(parsing: peak.assignment) else { continue }
            for ion in label.ions where ion.charge != 0 { signs.insert(ion.charge > 0) }
        }
        guard signs.count == 1, let positive = signs.first else { return nil }
        return positive ? .positive : .negative
    }
}
