import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

/// Issue #25: numbers from files are bounded before use, special files are refused, damaged input is an error.
/// Each test names the example of the issue it pins; each failed (trap, hang or wrong result) on main b9cbde0.
@Suite("readers: bounds, special files, damaged input (#25)")
struct ReaderLimitsTests {
    @Test("imzML: an array length of 2^62 or an offset near Int.max is an error naming the file, not an overflow trap")
    func imzMLHugeNumbers() throws {
        let folder = try TemporaryFolder()
        let long = try ImzMLFixture.small(in: folder, name: "long")
        try CraftedBytes.edit(long, replacing: #"accession="IMS:1000103" name="external array length" value="4""#,
                      with: #"accession="IMS:1000103" name="external array length" value="4611686018427387904""#)
        #expect { try ImzML.open(long) } throws: { "\($0)".contains("long.imzML") }
        let far = try ImzMLFixture.small(in: folder, name: "far")
        try CraftedBytes.edit(far, replacing: #"accession="IMS:1000102" name="external offset" value="16""#,
                      with: #"accession="IMS:1000102" name="external offset" value="9223372036854775800""#)
        #expect { try ImzML.open(far) } throws: { "\($0)".contains("far.ibd") || "\($0)".contains("far.imzML") }
    }

    @Test("imzML: a raster of 10^9 × 10^9 pixels is refused before anything is allocated")
    func imzMLHugeRaster() throws {
        let folder = try TemporaryFolder()
        let path = try ImzMLFixture.small(in: folder)
        try CraftedBytes.edit(path, replacing: #"name="max count of pixels x" value="3""#, with: #"name="max count of pixels x" value="1000000000""#)
        try CraftedBytes.edit(path, replacing: #"name="max count of pixels y" value="2""#, with: #"name="max count of pixels y" value="1000000000""#)
        #expect { try ImzML.open(path) } throws: { "\($0)".contains("too large") }
    }

    @Test("imzML: two spectra at one pixel are an error, not silently summed")
    func imzMLDuplicatePixel() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("twice.imzML")
        let writer = try ImzMLWriter(path: path, storage: .continuous, width: 2, height: 1)
        try writer.writeSharedMZ([10, 20])
        try writer.append(x: 1, y: 1, intensities: [1, 2])
        try writer.append(x: 1, y: 1, intensities: [3, 4])
        try writer.finish()
        #expect { try ImzML.open(path) } throws: { "\($0)".contains("share the pixel (1, 1)") }
    }

    @Test("imzML: an .ibd whose SHA-1 differs from the XML's IMS:1000091 is an error")
    func imzMLChecksum() throws {
        let folder = try TemporaryFolder()
        let path = try ImzMLFixture.small(in: folder)
        _ = try ImzML.open(path)  // intact: opens
        let ibd = folder.file("small.ibd")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ibd)))
        bytes[bytes.count - 1] ^= 0x40  // one bit of the last intensity
        try Data(bytes).write(to: URL(fileURLWithPath: ibd))
        #expect { try ImzML.open(path) } throws: { "\($0)".contains("SHA-1") && "\($0)".contains("small.ibd") }
    }

    @Test("TIFF: a mask header of 200000 × 200000 pixels is refused (no 40 GB allocation)")
    func tiffHugeHeader() throws {
        let bytes = CraftedBytes.tiff(try TIFF.encode(ContiguousArray([1, 0, 0, 1]), width: 2, height: 2, type: .uint8),
                                      statingWidth: 200_000, height: 200_000)
        #expect { try TIFF.decode(bytes, file: "mask.tif") } throws: { "\($0)".contains("mask.tif") && "\($0)".contains("200000") }
    }

    @Test("plain list: a centre of 1e305 u is an error naming the line, not a trap")
    func plainListHugeMass() throws {
        let data = Data("assignment,center,width_ppm\nX,1e305,5000\n".utf8)
        #expect { try PlainIntervalListFormat.decode(data, source: "list.csv") } throws: { "\($0)".hasPrefix("list.csv:2:") }
    }

    @Test("only regular files are read: a FIFO is refused at once (no hang), /dev/zero is not read forever")
    func specialFiles() throws {
        let folder = try TemporaryFolder()
        let fifo = folder.file("pipe.txt")
        #expect(mkfifo(fifo, 0o644) == 0)
        for read in [{ () throws -> Void in _ = try FileKind.detect(path: fifo) },
                     { () throws -> Void in _ = try IONTOFSpectrumFormat.read(from: fifo) },
                     { () throws -> Void in _ = try IONTOFDepthProfileFormat.read(from: "/dev/zero") },
                     { () throws -> Void in _ = try TIFF.read("/dev/zero") },
                     { () throws -> Void in _ = try ImzML.open(fifo) }] {
            #expect { try read() } throws: { "\($0)".contains("regular file") || "\($0)".contains("not found") || "\($0)".contains(".ibd") }
        }
        #expect { try IONTOFSpectrumFormat.read(from: fifo) } throws: { "\($0)".contains("pipe.txt") && "\($0)".contains("regular file") }
    }

    @Test("a depth export with 100 000 columns is read in time linear in its size")
    func depthManyColumns() throws {
        let columns = 100_000
        var text = "#Data Point\tSputter Time (s)"
        for k in 0..<columns { text += "\tI\(k)" }
        text += "\r\n"
        for row in 0..<3 {
            text += "\(row + 1)\t\(Double(row))"
            for _ in 0..<columns { text += "\t1" }
            text += "\r\n"
        }
        let start = Date()
        let profile = try IONTOFDepthProfileFormat.decode(Data(text.utf8), source: "wide.txt")
        #expect(profile.columns.count == columns)
        // Linear: well under a second even in debug; main took minutes (quadratic column lookup).
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test("an interval list cut mid-row (head -c 22241 of the example) is a truncation error, not 153 peaks with a cut bound")
    func truncatedIntervalList() throws {
        let path = try SharedData.path("lombardo-scripts/Example_mass_interval_list.txt")
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try IONTOFIntervalListFormat.decode(whole, source: "list.txt").peaks.count > 153)
        #expect { try IONTOFIntervalListFormat.decode(whole.prefix(22241), source: "list.txt") } throws: { error in
            (error as? SIMSError)?.kind == .truncated
        }
    }

    @Test("spectra: negative counts and m/z out of order are errors naming the line (every command reads through this)")
    func spectrumValues() throws {
        let header = "# Polarity: negative\r\nm/z\tIntensity\r\n"
        let negative = Data((header + "1.0\t5\r\n2.0\t-3\r\n3.0\t4\r\n").utf8)
        #expect { try IONTOFSpectrumFormat.decode(negative, source: "s.txt") } throws: { "\($0)".hasPrefix("s.txt:4:") && "\($0)".contains("negative") }
        let unsorted = Data((header + "1.0\t5\r\n3.0\t3\r\n2.0\t4\r\n").utf8)
        #expect { try IONTOFSpectrumFormat.decode(unsorted, source: "s.txt") } throws: { "\($0)".hasPrefix("s.txt:5:") && "\($0)".contains("ascend") }
        #expect(try IONTOFSpectrumFormat.decode(Data((header + "1.0\t5\r\n2.0\t3\r\n").utf8), source: "s.txt").count == 2)
    }

    @Test("sims.toml: energy_keV = nan (or inf, or ≤ 0) is an error, not \"nan keV\" in methods.md")
    func manifestNonFinite() throws {
        let folder = try TemporaryFolder()
        for value in ["nan", "inf", "-30", "0"] {
            let path = try folder.write("[acquisition]\nenergy_keV = \(value)\n", to: "\(value)/sims.toml")
            #expect(throws: SIMSError.self, "\(value)") { try StudyManifest.readParameters(from: path) }
        }
        #expect(throws: SIMSError.self) { try TOMLFlattening.metadata(fromString: "[instrument]\nmass_resolution = nan\n", file: "x.toml") }
    }

    @Test("a UTF-8 byte-order mark (Excel \"CSV UTF-8\", Notepad) is accepted")
    func byteOrderMark() throws {
        let list = Data([0xEF, 0xBB, 0xBF] + Array("assignment,lower,upper\nLi+,6.9,7.1\n".utf8))
        #expect(try PlainIntervalListFormat.decode(list, source: "bom.csv").peaks.map(\.assignment) == ["Li+"])
        let spectrum = Data([0xEF, 0xBB, 0xBF] + Array("m/z\tIntensity\r\n1.0\t5\r\n".utf8))
        #expect(try IONTOFSpectrumFormat.decode(spectrum, source: "bom.txt").count == 1)
    }

    @Test("tabs in error excerpts read \\t, not U+FFFD")
    func tabsInExcerpts() throws {
        let data = Data("m/z\tIntensity\r\n1.0\tx\ty\r\n".utf8)
        #expect { try IONTOFSpectrumFormat.decode(data, source: "t.txt") } throws: { error in
            !"\(error)".contains("\u{FFFD}")
        }
        #expect(SIMSError(.malformed, "m", found: "a\tb").description.contains(#"a\tb"#))
    }

    /// Issue #25, mutated `sims.toml` (the mutation tests' abort): TOMLKit's toml++ 3.4.0 asserts on these — a debug
    /// build aborts the whole process, a release build has undefined behaviour (`__builtin_assume`). They are
    /// rejected before TOMLKit sees them, with the line; each aborted the test process on main.
    @Test("sims.toml: the inputs that break toml++'s preconditions are errors naming the line, not an abort")
    func tomlParserPreconditions() throws {
        let bad: [(String, Int)] = [
            ("[<samples]\nA = 1\n", 1), ("x = 1\n[,samples]\n", 2), ("[[[1]]]\n", 1), ("[[=\n", 1), ("[\n", 1),
            ("[ \u{FFFD}a]\n", 1), ("a = [1, }]\n", 1), ("a = {b = [}]}\n", 1), ("a = [\n  1,\n\u{2028}]\n", 3),
            ("a = 1\u{0085}\n", 1), ("a = 1\n\0[<\n", 2),
        ]
        for (text, line) in bad {
            #expect { try TOMLFlattening.metadata(fromString: text, file: "sims.toml") } throws: { error in
                (error as? SIMSError)?.line == line && "\(error)".hasPrefix("sims.toml:\(line):") && "\(error)".contains("invalid TOML")
            }
            #expect(throws: SIMSError.self) { try StudyManifest.parse(text, path: "/nonexistent/sims.toml", requiringSamples: false) }
        }
        // Valid TOML with the same characters where they belong is read as before.
        let valid = """
            \u{FEFF}# [<comment
            [ "quoted [<" . 'key' ]
            a = [
              [{ b = 1 }], # }
              "}", '[<', \"\"\"
            [<]\u{2028}
            \"\"\"]
            [[list]]
            c = "x\\"[<"
            """
        let metadata = try TOMLFlattening.metadata(fromString: valid, file: "ok.toml")
        #expect(metadata["quoted [<.key.a"] != nil)
        #expect(metadata["list"] != nil)
        #expect(TOMLText.unsafeConstruct(in: valid) == nil)
    }

    /// The "cut last row" rule of phase 2 rejected every export without a final line break; truncation is found
    /// from a row's content instead (missing cells), so complete files are valid with or without one.
    @Test("complete exports without a final line break are read (spectrum, interval list, depth profile, ion image)")
    func noFinalLineBreak() throws {
        let list = "No.\tCenter Mass (u)\tLower Mass (u)\tUpper Mass (u)\tAssignment\tArea\r\n2\t7.016\t7.01\t7.02\tLi+\t5"
        #expect(try IONTOFIntervalListFormat.decode(Data(list.utf8), source: "l.txt").peaks.count == 1)
        #expect(try IONTOFSpectrumFormat.decode(Data("m/z\tIntensity\r\n1.0\t5\r\n2.0\t3".utf8), source: "s.txt").count == 2)
        let depth = "#Data Point #\tSputter Time (s)\tIntensity\t\r\n1\t0\t100\t\r\n2\t1.5\t90\t"
        #expect(try IONTOFDepthProfileFormat.decode(Data(depth.utf8), source: "d.txt").columns.count == 1)
        let image = try IONTOFImageFormat.decode(Data("# Image Size: 2 x 1 pixels\nx y intensity\n0 0 1\n1 0 2".utf8), source: "i.txt")
        #expect(image.counts.reduce(0, +) == 3)
    }

    /// Issue #25 "negative counts give negative areas and TIC": every count reader refuses a negative count, with
    /// the line (the spectrum case is in ``spectrumValues()``).
    @Test("ion images and depth profiles: a negative count is an error naming the line")
    func negativeCounts() throws {
        let image = Data("# Image Size: 2 x 1 pixels\nx y intensity\n0 0 1\n1 0 -2\n".utf8)
        #expect { try IONTOFImageFormat.decode(image, source: "i.txt") } throws: { "\($0)".hasPrefix("i.txt:4:") && "\($0)".contains("negative") }
        let depth = "#Data Point #\tSputter Time (s)\tIntensity\t\r\n1\t0\t100\t\r\n2\t1.5\t-90\t\r\n"
        #expect { try IONTOFDepthProfileFormat.decode(Data(depth.utf8), source: "d.txt") } throws: { "\($0)".hasPrefix("d.txt:3:") && "\($0)".contains("negative") }
    }

    /// Issue #25 "some image errors do not name the file": an image set whose images differ in size names a file of
    /// the measurement (the size check lives in SIMSCore's `ImageSet`, which knows no paths).
    @Test("an image-set error names a file of the measurement")
    func imageSetErrorNamesFile() throws {
        let folder = try TemporaryFolder()
        try IONTOFImageFormat.write(IonImage(width: 4, height: 3, ion: "total"), to: folder.file("set/M (1) - total.txt"))
        try IONTOFImageFormat.write(IonImage(width: 5, height: 3, ion: "Li+"), to: folder.file("set/M (1) - Li+.txt"))
        let sources = try ImageSetSource.discover(in: folder.file("set"))
        try #require(sources.count == 1)
        #expect { try sources[0].load() } throws: { error in
            (error as? SIMSError)?.file?.contains("/set/M (1) - ") == true
        }
    }
}
