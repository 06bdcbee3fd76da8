import Foundation
import Testing
@testable import SIMSReport

/// The command line printed in report.html and methods.md must paste back into a POSIX shell and run the
/// same command: a `--group-by` pattern with `(`, `?`, `<` or `$` and paths with spaces or quotes are quoted.
@Suite("Provenance command line")
struct ProvenanceCommandLineTests {
    private func commandLine(_ arguments: [String]) -> String {
        Provenance(command: "spectra", arguments: arguments, settings: [], inputs: [], outputs: [], warnings: [],
                   failures: [], outcome: "success", tableIII: []).commandLine
    }

    @Test("plain arguments are printed as they are")
    func plain() {
        #expect(commandLine(["spectra", "../data/hea", "--peaks", "list_1.csv", "--out", "o", "--reference=Li+"])
                == "spectra ../data/hea --peaks list_1.csv --out o --reference=Li+")
    }

    @Test("shell metacharacters, spaces, quotes and empty arguments are single-quoted")
    func quoted() {
        #expect(commandLine(["spectra", "data", "--group-by", "^N_(?<sample>.+?)_Bi"])
                == "spectra data --group-by '^N_(?<sample>.+?)_Bi'")
        #expect(commandLine(["depth", "a b - NF.txt", "--out", ""]) == "spectra depth 'a b - NF.txt' --out ''")
        #expect(commandLine(["spectra", "it's $HOME"]) == #"spectra 'it'\''s $HOME'"#)
        #expect(commandLine(["spectra", "Ü-probe"]) == "spectra 'Ü-probe'")
    }

    @Test("the quoted command line splits back into the arguments (sh -c)")
    func roundTrip() throws {
        let arguments = ["spectra", "x y", "^N_(?<sample>.+?)_Bi", "it's", "", "*.txt", "a\"b", "$(echo no)", "tab\there"]
        let script = "printf '%s\\n' " + commandLine(arguments).dropFirst("spectra ".count)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(printed == Array(arguments.dropFirst()))
    }
}
