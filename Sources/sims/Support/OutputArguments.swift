import ArgumentParser

/// A command that writes an output folder (`--out DIR`, see ``OutputArguments``).
protocol OutputFolderCommand: ParsableCommand {
    /// The folder written when `--out` is not given; `nil` (the default) makes `--out` required.
    static var defaultOutputFolder: String? { get }
}

extension OutputFolderCommand {
    static var defaultOutputFolder: String? { nil }
}

/// `--out DIR` and `--force`, the same on every command that writes an output folder: the folder is new or was
/// written by an earlier sims run (whose files the run replaces as a unit), and it is never an input
/// (docs/reliability.md, "Output folders"). `Command` supplies the default folder.
struct OutputArguments<Command: OutputFolderCommand>: ParsableArguments {
    @Option var out: String

    @Flag(name: .long, help: OutputHelp.forceFolder)
    var force = false

    init() {
        // A default makes the option optional with "(default: …)" in the help; without one it is required.
        if let folder = Command.defaultOutputFolder {
            _out = Option(wrappedValue: folder, name: .long, help: OutputHelp.folder)
        } else {
            _out = Option(name: .long, help: OutputHelp.folder)
        }
    }
}

/// The help texts of the output options, shared by every command.
enum OutputHelp {
    /// `--out` of a command that writes an output folder.
    static let folder = ArgumentHelp(
        "Output folder: a new one, or one an earlier sims run wrote (that run's files are replaced as a unit); never an input.",
        valueName: "folder")
    /// `--out` of a command that writes an output folder only when asked (`sims check`).
    static let optionalFolder = ArgumentHelp(
        "Also write the tables and figures to this output folder (same rules as every command's --out); without it the findings go to stdout only.",
        valueName: "folder")
    /// `--force` of a command that writes an output folder.
    static let forceFolder: ArgumentHelp = "Write into an output folder holding files sims did not write; those in the way are replaced (inputs never are)."
    /// `--force` of a command that writes output files (`sims peaks`, `sims convert`).
    static let forceFile: ArgumentHelp = "Replace existing output files (never an input)."
}
