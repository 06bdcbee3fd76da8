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

    /// How a study of spectra is analysed by polarity (see ``split(_:polarity:name:noun:implied:because:)``):
    /// the peak list's polarity (every assigned ion of one charge sign) selects that one.
    /// - Throws: when ``polarity`` asks for a polarity no spot has.
    func split(_ study: Study, peaks: [Peak] = []) throws(SIMSError) -> PolaritySplit {
        let listed = Peak.polarity(of: peaks)
        return try split(study.allSpots.map(\.spot), polarity: \.polarity, name: \.name, noun: "spot",
                         implied: listed.map { [$0] } ?? [], because: "the peak list's ions are all \(listed?.rawValue ?? "")")
    }

    /// The polarities to analyse for items (spots, image sets, measurements) that each state a polarity or none:
    /// - ``polarity`` (`--polarity`) selects that one when the items hold both (else the items as they are);
    /// - otherwise, when they hold both, the polarities `implied` by what the user asked for (a peak list, ions),
    ///   when it names any of them; else each polarity as its own sub-study, negative first;
    /// - items of one polarity or none: `[nil]`, the items as they are.
    ///
    /// A single-polarity selection carries a note naming the items of the other polarity it leaves out.
    /// - Throws: when ``polarity`` asks for a polarity no item has.
    func split<Item>(_ items: [Item], polarity: (Item) -> Polarity?, name: (Item) -> String, noun: String,
                     implied: Set<Polarity> = [], because reason: String = "") throws(SIMSError) -> PolaritySplit {
        let present = Set(items.compactMap(polarity))
        let stated = Polarity.allCases.reversed().filter(present.contains)
        var plan: [Polarity?] = stated.count > 1 ? stated : [nil]
        var why = reason
        if let wanted = self.polarity {
            guard stated.isEmpty || stated.contains(wanted) else {
                throw .invalidArgument("--polarity \(wanted.rawValue): no \(noun) of the study has this polarity", found: wanted.rawValue,
                                       expected: stated.map(\.rawValue).joined(separator: " or "))
            }
            if stated.count > 1 { plan = [wanted] }
            why = "--polarity"
        } else if stated.count > 1, stated.contains(where: implied.contains) {
            plan = stated.filter(implied.contains)
        }
        var split = PolaritySplit(polarities: plan)
        if plan.count == 1, let selected = plan[0] {
            let others = items.filter { polarity($0) != nil && polarity($0) != selected }
            if let example = others.first {
                split.note = "analysing the \(selected.rawValue) \(noun)s only (\(why)); \(others.count) \(noun)(s) of the other polarity left out (e.g. \(name(example)))"
            }
        }
        return split
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
