import ArgumentParser
import SIMSWorkflows

/// `sims convert`: image sets between IONTOF ASCII, BIF6 and imzML.
struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert image data between IONTOF ASCII, BIF6 and imzML",
        discussion: """
        INPUT is one file of an IONTOF ASCII image set ('<measurement> (<id>) - <ion>.txt'; its sibling files are \
        found), a folder holding one such set, a .bif6 file or an .imzML file. imzML is written in continuous mode \
        (one m/z entry per ion, the total image at m/z 0) and opens in pyimzML, Cardinal and METASPACE. \
        BIF6 and imzML need a mass per ion: from the ASCII header or a mass interval list (--peaks).
        Example: sims convert "exports/Cathode_A (1) - total.txt" --to imzml --out Cathode_A.imzML --peaks peaks.txt
        """)

    @Argument(help: "An ASCII image file or folder, a .bif6 or an .imzML")
    var input: String

    @Option(name: .long, help: "Target format: ascii (a folder), bif6 or imzml")
    var to: String

    @Option(name: .long, help: "Mass interval list: masses for ASCII ions, names for BIF6 intervals, peaks for foreign imzML")
    var peaks: String?

    @Option(name: .long, help: "Output path (folder for ascii)")
    var out: String

    @Flag(name: .long, help: "Replace an existing output file, or write into a folder holding files sims did not write (never over an input).")
    var force = false

    func run() async throws {
        guard let format = ConvertWorkflow.Format(rawValue: to.lowercased()) else {
            throw ValidationError("unknown format \(to); use ascii, bif6 or imzml")
        }
        let written = try ConvertWorkflow.run(input: input, to: format, output: out, peakList: peaks, force: force)
        print("wrote \(written.count) file(s): \(written.joined(separator: ", "))")
    }
}
