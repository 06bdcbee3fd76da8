import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("IONTOF ion-image ASCII reader and writer")
struct IonImageReaderTests {
    @Test func fileNamesParse() {
        let name = IONTOFImageFileName(parsing: "/data/Sample1_A (1) - Li-.txt")
        #expect(name == IONTOFImageFileName(measurement: "Sample1_A", id: 1, ion: "Li-"))
        #expect(IONTOFImageFileName(parsing: "NMC (x) (12) - total.txt") == IONTOFImageFileName(measurement: "NMC (x)", id: 12, ion: "total"))
        #expect(IONTOFImageFileName(parsing: "A (3) - C_2H- - x.txt")?.ion == "C_2H- - x")
        #expect(IONTOFImageFileName(parsing: "spectrum.txt") == nil)
        #expect(IONTOFImageFileName(parsing: "A (1) - .txt") == nil)
        #expect(IONTOFImageFileName(measurement: "M", id: 2, ion: "F-").fileName == "M (2) - F-.txt")
    }

    @Test func readsAHandWrittenExportWithSpacesOrTabs() throws {
        let folder = try TemporaryFolder()
        let text = "# Image Size: 3 x 2 pixels\n# Field of View: 150 x 100 µm\nx y intensity\n0 0 1\n1 0 2\n2 0 3\n0\t1\t4\n1  1  5\n2 1 6\n"
        let path = try folder.write(text, to: "Cell (4) - LiF_2-.txt")
        let image = try IONTOFImageFormat.read(from: path)
        #expect(image.width == 3 && image.height == 2)
        #expect(image.counts == [1, 2, 3, 4, 5, 6])
        #expect(image[2, 1] == 6)
        #expect(image.ion == "LiF_2-")  // from the file name
        #expect(image.fieldOfViewMicrometers == 150)
    }

    @Test func sizeIsInferredAndOrderDoesNotMatter() throws {
        let text = "X\tY\tCounts\r\n1\t1\t9\r\n0\t0\t1\r\n1\t0\t2\r\n0\t1\t3\r\n"
        let image = try IONTOFImageFormat.decode(Data(text.utf8), source: "m (1) - total.txt")
        #expect(image.width == 2 && image.height == 2)
        #expect(image.counts == [1, 2, 3, 9])
        #expect(image.ion == "total")
    }

    @Test func roundTrip() throws {
        var counts = ContiguousArray<Double>()
        for k in 0..<(7 * 5) { counts.append(Double((k * 37) % 11) + (k == 3 ? 0.25 : 0)) }
        let image = IonImage(width: 7, height: 5, counts: counts, ion: "Li-", fieldOfViewMicrometers: 100, metadata: ["Polarity": "negative"])
        let folder = try TemporaryFolder()
        let path = folder.file(IONTOFImageFileName(measurement: "Sim", id: 1, ion: "Li-").fileName)
        try IONTOFImageFormat.write(image, to: path)
        let back = try IONTOFImageFormat.read(from: path)
        #expect(back.counts == image.counts)
        #expect(back.width == 7 && back.height == 5 && back.ion == "Li-" && back.fieldOfViewMicrometers == 100)
        #expect(back.metadata["Polarity"] == "negative")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# Ion: Li-\r\n# Image Size: 7 x 5 pixels\r\n# Field of View: 100 x 71.4285714285714 µm\r\n# Polarity: negative\r\nx y intensity\r\n0 0 0\r\n1 0 4\r\n"))
    }

    @Test func missingOrDuplicatePixelsAreErrors() {
        #expect { try IONTOFImageFormat.decode(Data("# Image Size: 2 x 2\nx y i\n0 0 1\n1 0 1\n0 1 1\n".utf8), source: "a.txt") } throws: { error in
            "\(error)".contains("expected 4 rows")
        }
        #expect { try IONTOFImageFormat.decode(Data("x y i\n0 0 1\n0 0 1\n".utf8), source: "a.txt") } throws: { error in
            "\(error)".hasPrefix("a.txt:")
        }
        #expect { try IONTOFImageFormat.decode(Data("x y i\n0 0 1\nfoo bar baz\n".utf8), source: "a.txt") } throws: { error in
            "\(error)".hasPrefix("a.txt:3:") && "\(error)".contains("foo bar baz")
        }
    }
}
