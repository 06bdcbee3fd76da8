import ArgumentParser
import SIMSWorkflows

/// `--figures png,pdf,svg`: the formats every figure of a command is written in.
struct FigureArguments: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Figure formats, any subset of png,pdf,svg (default: \(FigureFormat.defaults.sorted().map(\.rawValue).joined(separator: ",")))",
                                            valueName: "formats"))
    var figures: String?

    /// The parsed formats (the defaults when the option is absent).
    func formats() throws -> Set<FigureFormat> {
        guard let figures else { return FigureFormat.defaults }
        do { return try FigureFormat.list(figures) } catch { throw ValidationError(error.description) }
    }
}
