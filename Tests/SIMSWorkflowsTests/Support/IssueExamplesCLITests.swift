import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

/// Issue #25's examples at the level where a user meets them: the `sims` executable, run as a child process on the
/// crafted input. Each ended in a trap (exit 132/133), a hang, or exit 0 with a wrong result on main b9cbde0; now each
/// is a clear error naming the file (or field) and what was expected, or — for what must work — a clean run. The
/// library-level tests of the same cases are in ReaderLimitsTests and OptionAndAnalysisLimitsTests; the outputs
/// that destroyed inputs are in OutputFolderTests.
@Suite("#25 examples at the command line")
struct IssueExamplesCLITests {
    /// Expects `run` to be a clean failure: exited on its own (no signal, no timeout) with a nonzero status, and
    /// its output holds every one of `words`.
    static func expectCleanError(_ run: (status: Int32, output: String), naming words: [String],
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status != SIMSExecutable.timedOut, "hung: \(run.output)", sourceLocation: sourceLocation)
        #expect(run.status != 0 && run.status < 128, "exit \(run.status): \(run.output)", sourceLocation: sourceLocation)
        for word in words {
            #expect(run.output.contains(word), "\(word) not in: \(run.output)", sourceLocation: sourceLocation)
        }
    }

    /// A small IONTOF spectrum export (negative polarity) with the given rows `m/z\tcounts`.
    static func spectrum(_ rows: [(Double, Double)]) -> String {
        "# Polarity: negative\r\nm/z\tIntensity\r\n" + rows.map { "\($0.0)\t\($0.1)\r\n" }.joined()
    }

    /// One Gaussian peak (centre 30 u, σ 0.01 u) on a flat background of 3 counts, 0.001 u channels from 29.5 u.
    static var peakRows: [(Double, Double)] {
        (0..<1000).map { i in
            let m = 29.5 + Double(i) * 0.001
            return ((m * 1000).rounded() / 1000, (3 + 5000 * exp(-0.5 * pow((m - 30) / 0.01, 2))).rounded())
        }
    }

    // MARK: options

    @Test("sims images --roi at Int.max (size or origin) is an error naming the ROI, not an overflow trap")
    func roiAtIntMax() throws {
        let folder = try TemporaryFolder()
        _ = try SmallStudies.images(in: folder, at: "study/A")
        for roi in ["r:1,1,9223372036854775807,9223372036854775807", "r:9223372036854775807,0,1,1", "r:0,9223372036854775807,1,1"] {
            let run = try SIMSExecutable.run(["images", "study", "--roi", roi, "--no-plots", "--out", "o"], in: folder.path, timeout: 120)
            Self.expectCleanError(run, naming: ["ROI r", "does not fit"])
        }
        let inside = try SIMSExecutable.run(["images", "study", "--roi", "r:1,1,4,4", "--no-plots", "--out", "o"], in: folder.path, timeout: 120)
        #expect(inside.status == 0, "\(inside.output)")
    }

    // MARK: numbers in files

    @Test("sims peaks --find on a spectrum with m/z out of order is an error naming the line, not a FWHM of −699 u")
    func peaksFindUnsorted() throws {
        let folder = try TemporaryFolder()
        var rows = Self.peakRows
        rows.swapAt(500, 700)  // one channel out of order, inside the peak
        _ = try folder.write(Self.spectrum(rows), to: "unsorted.txt")
        let run = try SIMSExecutable.run(["peaks", "--find", "unsorted.txt", "--library", "elements"], in: folder.path, timeout: 120)
        Self.expectCleanError(run, naming: ["unsorted.txt:", "ascend"])
        // The same spectrum in order is read and its one peak found with a positive width.
        _ = try folder.write(Self.spectrum(Self.peakRows), to: "sorted.txt")
        let sorted = try SIMSExecutable.run(["peaks", "--find", "sorted.txt", "--library", "elements"], in: folder.path, timeout: 120)
        #expect(sorted.status == 0, "\(sorted.output)")
        #expect(sorted.output.contains("30.0") && !sorted.output.contains(",-"), "\(sorted.output)")
    }

    @Test("sims check on a spectrum with a negative count is an error naming the line, not a negative TIC")
    func negativeCounts() throws {
        let folder = try TemporaryFolder()
        var rows = Self.peakRows
        rows[10].1 = -3
        _ = try folder.write(Self.spectrum(rows), to: "negative.txt")
        let run = try SIMSExecutable.run(["check", "negative.txt"], in: folder.path, timeout: 120)
        Self.expectCleanError(run, naming: ["negative.txt:13", "negative"])
    }

    @Test("sims inspect on an imzML whose array length is 2^62, whose offset is near Int.max, or whose raster is 10^9 × 10^9: an error naming the file")
    func imzMLHugeNumbers() throws {
        let folder = try TemporaryFolder()
        let long = try ImzMLFixture.small(in: folder, name: "long")
        try CraftedBytes.edit(long, replacing: #"name="external array length" value="4""#, with: #"name="external array length" value="4611686018427387904""#)
        let far = try ImzMLFixture.small(in: folder, name: "far")
        try CraftedBytes.edit(far, replacing: #"name="external offset" value="16""#, with: #"name="external offset" value="9223372036854775800""#)
        let wide = try ImzMLFixture.small(in: folder, name: "wide")
        try CraftedBytes.edit(wide, replacing: #"name="max count of pixels x" value="3""#, with: #"name="max count of pixels x" value="1000000000""#)
        try CraftedBytes.edit(wide, replacing: #"name="max count of pixels y" value="2""#, with: #"name="max count of pixels y" value="1000000000""#)
        for name in ["long", "far", "wide"] {
            let run = try SIMSExecutable.run(["inspect", name + ".imzML"], in: folder.path, timeout: 120)
            Self.expectCleanError(run, naming: [name + "."])
        }
    }

    @Test("sims inspect on an imzML with two spectra at one pixel, or an .ibd whose SHA-1 differs from the XML's: an error")
    func imzMLDamaged() throws {
        let folder = try TemporaryFolder()
        let writer = try ImzMLWriter(path: folder.file("twice.imzML"), storage: .continuous, width: 2, height: 1)
        try writer.writeSharedMZ([10, 20])
        try writer.append(x: 1, y: 1, intensities: [1, 2])
        try writer.append(x: 1, y: 1, intensities: [3, 4])
        try writer.finish()
        Self.expectCleanError(try SIMSExecutable.run(["inspect", "twice.imzML"], in: folder.path, timeout: 120), naming: ["twice.imzML", "(1, 1)"])
        _ = try ImzMLFixture.small(in: folder, name: "small")
        let ibd = URL(fileURLWithPath: folder.file("small.ibd"))
        var bytes = [UInt8](try Data(contentsOf: ibd))
        bytes[bytes.count - 1] ^= 0x40
        try Data(bytes).write(to: ibd)
        Self.expectCleanError(try SIMSExecutable.run(["inspect", "small.imzML"], in: folder.path, timeout: 120), naming: ["small.ibd", "SHA-1"])
    }

    @Test("sims images --roi with a TIFF mask of 200000 × 200000 pixels: an error naming the mask, no 40 GB allocation")
    func hugeMask() throws {
        let folder = try TemporaryFolder()
        _ = try SmallStudies.images(in: folder, at: "study/A")
        let bytes = CraftedBytes.tiff(try TIFF.encode(ContiguousArray([1, 0, 0, 1]), width: 2, height: 2, type: .uint8),
                                      statingWidth: 200_000, height: 200_000)
        _ = try folder.write(Data(bytes), to: "mask.tif")
        let run = try SIMSExecutable.run(["images", "study", "--roi", "m:mask.tif", "--no-plots", "--out", "o"], in: folder.path, timeout: 120)
        Self.expectCleanError(run, naming: ["mask.tif", "200000"])
    }

    @Test("sims check --peaks with a plain list centred at 1e305 u: an error naming the list's line, not a trap")
    func plainListHugeMass() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write(Self.spectrum(Self.peakRows), to: "s.txt")
        _ = try folder.write("assignment,center,width_ppm\nX,1e305,5000\n", to: "list.csv")
        let run = try SIMSExecutable.run(["check", "s.txt", "--peaks", "list.csv"], in: folder.path, timeout: 120)
        Self.expectCleanError(run, naming: ["list.csv:2"])
    }

    @Test("an interval list cut mid-row (head -c 22241 of the example): sims check --peaks stops with a truncation error, not 153 peaks")
    func truncatedIntervalList() throws {
        let folder = try TemporaryFolder()
        let whole = try Data(contentsOf: URL(fileURLWithPath: try SharedData.path("lombardo-scripts/Example_mass_interval_list.txt")))
        _ = try folder.write(whole.prefix(22241), to: "cut.txt")
        _ = try folder.write(Self.spectrum(Self.peakRows), to: "s.txt")
        let run = try SIMSExecutable.run(["check", "s.txt", "--peaks", "cut.txt"], in: folder.path, timeout: 120)
        Self.expectCleanError(run, naming: ["cut.txt"])
        #expect(run.output.lowercased().contains("trunc") || run.output.contains("cut"), "\(run.output)")
    }

    @Test("sims spectra on a study whose sims.toml says energy_keV = nan: an error naming sims.toml, no \"nan keV\" in methods.md")
    func manifestNaN() throws {
        let folder = try TemporaryFolder()
        let (root, peaks) = try SmallStudies.spectra(in: folder)
        _ = try folder.write("[acquisition]\nenergy_keV = nan\n", to: "study/sims.toml")
        let run = try SIMSExecutable.run(["spectra", root, "--peaks", peaks, "--no-plots", "--out", "o"], in: folder.path, timeout: 120)
        Self.expectCleanError(run, naming: ["sims.toml", "energy_keV"])
        #expect(!FileManager.default.fileExists(atPath: folder.file("o/methods.md")))
    }

    // MARK: special files and sizes

    @Test("sims inspect FIFO ends at once; sims depth /dev/zero does not read for ever: both say only regular files are read")
    func specialFiles() throws {
        let folder = try TemporaryFolder()
        #expect(mkfifo(folder.file("pipe.txt"), 0o644) == 0)
        Self.expectCleanError(try SIMSExecutable.run(["inspect", "pipe.txt"], in: folder.path, timeout: 60), naming: ["pipe.txt", "regular file"])
        Self.expectCleanError(try SIMSExecutable.run(["depth", "/dev/zero", "--out", "o"], in: folder.path, timeout: 60), naming: ["/dev/zero", "regular file"])
    }

    @Test("a depth export with 100 000 columns: sims inspect and sims depth finish in seconds (linear; the reader took minutes, then the workflow's column lookups)")
    func depthManyColumns() throws {
        let folder = try TemporaryFolder()
        var text = "#Data Point\tSputter Time (s)"
        for k in 0..<100_000 { text += "\tI\(k)" }
        text += "\r\n"
        for row in 0..<3 { text += "\(row + 1)\t\(Double(row))" + String(repeating: "\t1", count: 100_000) + "\r\n" }
        _ = try folder.write(text, to: "wide.txt")
        let run = try SIMSExecutable.run(["inspect", "wide.txt"], in: folder.path, timeout: 60)
        #expect(run.status == 0, "\(run.status): \(run.output)")
        #expect(run.output.contains("100000") || run.output.contains("100 000") || run.output.contains("100,000"), "\(run.output)")
        // 2.5 s of CPU in a debug build (load 10); with the lookups by name it was quadratic: 20 000 columns took
        // 63 s, 100 000 would take ≈ 25 min.
        let depth = try SIMSExecutable.run(["depth", "wide.txt", "--figures", "svg", "--out", "o"], in: folder.path, timeout: 120)
        #expect(depth.status == 0, "\(depth.status): \(depth.output)")
        #expect(FileManager.default.fileExists(atPath: folder.file("o/results/layers.csv")))
    }

    // MARK: smaller

    @Test("a plain list with a UTF-8 byte-order mark is read (sims inspect)")
    func byteOrderMark() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write(Data([0xEF, 0xBB, 0xBF] + Array("assignment,lower,upper\nLi+,6.9,7.1\n".utf8)), to: "bom.csv")
        let run = try SIMSExecutable.run(["inspect", "bom.csv"], in: folder.path, timeout: 60)
        #expect(run.status == 0, "\(run.output)")
    }

    @Test("an image set whose images differ in size: sims images names a file of the set")
    func imageSetErrorNamesFile() throws {
        let folder = try TemporaryFolder()
        try IONTOFImageFormat.write(IonImage(width: 4, height: 3, ion: "total"), to: folder.file("study/A/M (1) - total.txt"))
        try IONTOFImageFormat.write(IonImage(width: 5, height: 3, ion: "Li+"), to: folder.file("study/A/M (1) - Li+.txt"))
        let run = try SIMSExecutable.run(["images", "study", "--no-plots", "--out", "o"], in: folder.path, timeout: 120)
        #expect(run.status != 0 && run.status < 128, "\(run.status): \(run.output)")
        #expect(run.output.contains("M (1) - "), "\(run.output)")
    }

    @Test("a tab in an error excerpt prints as \\t, not U+FFFD (sims inspect on an interval list with a cut row)")
    func tabsInExcerpts() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("No.\tCenter Mass (u)\tLower Mass (u)\tUpper Mass (u)\tAssignment\r\n1\t7.0\r\n2\t7.0\t6.9\t7.1\tLi+\r\n", to: "list.txt")
        let run = try SIMSExecutable.run(["inspect", "list.txt"], in: folder.path, timeout: 60)
        Self.expectCleanError(run, naming: ["list.txt:2", #""1\t7.0""#])
        #expect(!run.output.contains("\u{FFFD}"), "\(run.output)")
    }

    // MARK: inputs are sacred

    @Test("sims convert never writes over its input: imzML → the same imzML (the .ibd kept), ASCII into the export folder (the total image kept)")
    func convertKeepsInputs() throws {
        let folder = try TemporaryFolder()
        let exports = try SmallStudies.images(in: folder, at: "exports")
        let total = exports + "/Cathode (1) - total.txt"
        let original = try Data(contentsOf: URL(fileURLWithPath: total))
        Self.expectCleanError(try SIMSExecutable.run(["convert", total, "--to", "ascii", "--out", "exports", "--force"], in: folder.path, timeout: 120),
                              naming: ["never writes over its inputs"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: total)) == original)
        _ = try folder.write("assignment,lower,upper\nLi+,6.9,7.1\nCo+,58.8,59.1\nNi+,57.8,58.1\n", to: "peaks.csv")
        let made = try SIMSExecutable.run(["convert", total, "--to", "imzml", "--peaks", "peaks.csv", "--out", "c.imzML"], in: folder.path, timeout: 120)
        try #require(made.status == 0, "\(made.output)")
        let ibd = try Data(contentsOf: URL(fileURLWithPath: folder.file("c.ibd")))
        Self.expectCleanError(try SIMSExecutable.run(["convert", "c.imzML", "--to", "imzml", "--peaks", "peaks.csv", "--out", "c.imzML", "--force"], in: folder.path, timeout: 120),
                              naming: ["never writes over its inputs"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("c.ibd"))) == ibd)
    }

    @Test("sims peaks --find --out X.txt does not replace a file of the user's at X-spectrum.png without --force (a sibling of the spectrum example)")
    func peaksFigureNeedsForce() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write(Self.spectrum(Self.peakRows), to: "s.txt")
        _ = try folder.write("mine", to: "found-spectrum.png")
        let run = try SIMSExecutable.run(["peaks", "--find", "s.txt", "--library", "elements", "--out", "found.txt"], in: folder.path, timeout: 120)
        Self.expectCleanError(run, naming: ["found-spectrum.png", "--force"])
        #expect(try String(contentsOfFile: folder.file("found-spectrum.png"), encoding: .utf8) == "mine")
        #expect(!FileManager.default.fileExists(atPath: folder.file("found.txt")), "nothing written when refused")
        let forced = try SIMSExecutable.run(["peaks", "--find", "s.txt", "--library", "elements", "--out", "found.txt", "--force"], in: folder.path, timeout: 120)
        #expect(forced.status == 0, "\(forced.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("found-spectrum.png"))).starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    // MARK: one-letter folders

    /// A workflow run with its input folder given as `.` from inside it (the output beside it).
    enum CurrentFolderRun: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case images, microstructure, depth, pca, spectra
        var testDescription: String { rawValue }
    }

    @Test("#25: every workflow runs on `.` from inside its input folder (the manifest lookup trapped on a one-letter path)",
          arguments: CurrentFolderRun.allCases)
    func currentFolder(_ workflow: CurrentFolderRun) throws {
        let folder = try TemporaryFolder()
        let (inside, arguments): (String, [String])
        switch workflow {
        case .images:
            _ = try SmallStudies.images(in: folder, at: "study/A")
            (inside, arguments) = (folder.file("study"), ["images", ".", "--no-plots", "--out", "../out"])
        case .microstructure:
            (inside, arguments) = (try SmallStudies.images(in: folder), ["microstructure", ".", "--phase", "L=Li+", "--phase", "N=Ni+", "--figures", "svg", "--out", "../out"])
        case .depth:
            (inside, arguments) = (try SmallStudies.depth(in: folder), ["depth", ".", "--figures", "svg", "--out", "../out"])
        case .pca:
            (inside, arguments) = (try SmallStudies.spectra(in: folder).root, ["pca", ".", "--peaks", "../peaks.csv", "--components", "2", "--clusters", "none", "--no-plots", "--out", "../out"])
        case .spectra:
            (inside, arguments) = (try SmallStudies.spectra(in: folder).root, ["spectra", ".", "--peaks", "../peaks.csv", "--no-plots", "--out", "../out"])
        }
        let run = try SIMSExecutable.run(arguments, in: inside, timeout: 300)
        #expect(run.status == 0, "\(run.status): \(run.output)")
        #expect(FileManager.default.fileExists(atPath: folder.file("out/report.html")), "\(run.output)")
    }
}
