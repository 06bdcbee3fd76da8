import Foundation
import SIMSTestSupport
import Testing

/// The output options come from one place (`OutputArguments`, `PlotArguments` in Sources/sims/Support): every
/// command that writes an output folder describes `--out` and `--force` in the same words, and only commands that
/// draw figures offer `--no-plots` / `--figures`.
@Suite("output options read the same on every command")
struct OutputOptionsHelpTests {
    /// Each option's help text in `sims COMMAND --help` (continuation lines joined).
    static func optionTexts(_ command: String) throws -> [String: String] {
        let (status, output) = try SIMSExecutable.run([command, "--help"], in: NSTemporaryDirectory())
        #expect(status == 0, "sims \(command) --help: \(output)")
        var texts: [String: String] = [:], current: String?
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("  --") {
                let option = String(trimmed.prefix { $0 != " " && $0 != "," })
                current = option
                // The text starts after the padding that follows `--name <value>`.
                let text = trimmed.split(separator: " ", omittingEmptySubsequences: true).drop { $0.hasPrefix("-") || $0.hasPrefix("<") }
                texts[option] = text.joined(separator: " ")
            } else if line.hasPrefix("   "), let option = current {
                texts[option] = (texts[option]! + " " + trimmed).trimmingCharacters(in: .whitespaces)
            } else {
                current = nil
            }
        }
        return texts
    }

    @Test("--out and --force have one text on every output-folder command; --no-plots and --figures only where figures are drawn")
    func oneText() throws {
        let folderCommands = ["spectra", "images", "pca", "mva", "deconvolve", "quantify", "depth", "microstructure", "demo", "simulate"]
        let drawing: Set = ["spectra", "images", "pca", "mva", "check"]
        let figuresOnly: Set = ["depth", "microstructure", "peaks"]
        var outTexts: [String: String] = [:], forceTexts: [String: String] = [:]
        for command in folderCommands + ["check", "peaks", "convert", "quantify"] {
            let texts = try Self.optionTexts(command)
            if folderCommands.contains(command) {
                let out = try #require(texts["--out"], "sims \(command) has no --out")
                // A default folder is the only per-command part.
                outTexts[command] = out.replacingOccurrences(of: #" \(default: [^)]*\)$"#, with: "", options: .regularExpression)
                forceTexts[command] = try #require(texts["--force"], "sims \(command) has no --force")
            }
            #expect((texts["--no-plots"] != nil) == drawing.contains(command), "sims \(command): --no-plots")
            #expect((texts["--figures"] != nil) == (drawing.contains(command) || figuresOnly.contains(command)), "sims \(command): --figures")
        }
        #expect(Set(outTexts.values).count == 1, "--out texts differ: \(outTexts)")
        #expect(outTexts["spectra"]?.hasPrefix("Output folder: a new one") == true && outTexts["spectra"]?.hasSuffix("never an input.") == true,
                "\(outTexts["spectra"] ?? "")")
        #expect(Set(forceTexts.values).count == 1, "--force texts differ: \(forceTexts)")
        #expect(try Self.optionTexts("depth")["--out"]?.hasSuffix("(default: sims-depth)") == true)
    }
}
