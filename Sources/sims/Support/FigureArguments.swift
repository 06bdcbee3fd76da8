import ArgumentParser
import SIMSWorkflows

/// `--figures png,pdf,svg`: the formats every figure of a command is written in.
struct FigureArguments: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Figure formats, any subset of png,pdf,svg, for every figure (default: \(FigureFormat.defaults.sorted().map(\.rawValue).joined(separator: ",")); figures under plots/extra/: \(FigureFormat.extraDefaults.sorted().map(\.rawValue).joined(separator: ",")))",
                                            valueName: "formats"))
    var figures: String?

    /// The parsed formats (`nil` when the option is absent: each folder's defaults).
    func formats() throws -> Set<FigureFormat>? {
        guard let figures else { return nil }
        do { return try FigureFormat.list(figures) } catch { throw ValidationError(error.description) }
    }
}
