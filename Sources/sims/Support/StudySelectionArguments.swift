import ArgumentParser
import SIMSWorkflows

/// `--group-by` and `--polarity`, shared by every study command.
struct StudySelectionArguments: ParsableArguments {
    @Option(name: .customLong("group-by"),
            help: ArgumentHelp("Sort the files of a flat folder into samples by name: a regular expression on the file name (without extension) with a named group `sample` (optional `spot`, `polarity`), e.g. '^N_(?<sample>.+?)_Bi'. Files it does not match are left out (one summary line).",
                               valueName: "regex"))
    var groupBy: String?

    @Option(name: .long, help: ArgumentHelp("Analyse only this polarity (pos|neg) when the study holds both; by default each polarity is analysed on its own into OUT/negative and OUT/positive.",
                                            valueName: "pos|neg"))
    var polarity: String?

    /// The selection, checked.
    func selection() throws -> StudySelection {
        var selection = StudySelection(groupBy: groupBy)
        if let polarity {
            guard let parsed = Polarity(parsing: polarity) else {
                throw ValidationError("--polarity must be pos or neg, not \(polarity)")
            }
            selection.polarity = parsed
        }
        return selection
    }
}
