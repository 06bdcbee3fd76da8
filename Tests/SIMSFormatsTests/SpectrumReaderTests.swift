import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("IONTOF spectrum reader")
struct SpectrumReaderTests {
    /// The first and last data rows parsed independently from the file text with `Double(String)`.
    static func firstAndLastRows(_ path: String) throws -> (first: [Double], last: [Double], titles: [String]) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let titles = lines[0].split(separator: "\t").map(String.init)
        func row(_ line: String) -> [Double] { line.split(separator: "\t").map { Double($0.trimmingCharacters(in: .whitespaces))! } }
        return (row(lines[1]), row(lines.last!), titles)
    }

    @Test func readsEveryRealSpectrumAndRejectsTheXRDFiles() throws {
        let folder = try SharedData.path("hea-catalyst-spectra")
        let all = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(all.count == 270)
        var spectra = 0
        var rejected: [String] = []
        for name in all {
            let path = folder + "/" + name
            do {
                let spectrum = try IONTOFSpectrumFormat.read(from: path)
                spectra += 1
                #expect(spectrum.count > 1000)
                #expect(spectrum.channel?.count == spectrum.count)
                #expect(spectrum.metadata["Deadtime Correction"] == "on")
                #expect(spectrum.metadata["Binning"] == "200 channels")
            } catch {
                rejected.append(name)
                #expect(error.file == path)
                #expect(error.description.contains(name))
            }
        }
        // 262 IONTOF spectra; the 8 XRD diffractograms (.csv, .xy) in the same folder are not spectra.
        #expect(spectra == 262)
        #expect(rejected.allSatisfy { $0.hasPrefix("XRD_") })
        #expect(rejected.count == 8)
    }

    @Test(arguments: ["N_HEA19_Bi1_1.txt", "P_Ru-Pt-Pd-Ir-Rh_Bi5_1.txt", "N_Ru-Pd_Bi3_1.txt"])
    func firstAndLastRowsMatchTheFileText(name: String) throws {
        let path = try SharedData.path("hea-catalyst-spectra/" + name)
        let spectrum = try IONTOFSpectrumFormat.read(from: path)
        let reference = try Self.firstAndLastRows(path)
        #expect(reference.titles == ["Channel", "m/z", "Intensity"])
        #expect([spectrum.channel!.first!, spectrum.mass.first!, spectrum.intensity.first!] == reference.first)
        #expect([spectrum.channel!.last!, spectrum.mass.last!, spectrum.intensity.last!] == reference.last)
        #expect(spectrum.source == path)
    }

    @Test func knownValuesOfOneFile() throws {
        let spectrum = try IONTOFSpectrumFormat.read(from: try SharedData.path("hea-catalyst-spectra/N_HEA19_Bi1_1.txt"))
        #expect(spectrum.mass.first == 0.000202)
        #expect(spectrum.intensity[1] == 38)
        #expect(spectrum.channel?.last == 989876)
        #expect(spectrum.mass.last == 901.278719)
        #expect(Acquisition(iontofHeader: spectrum.metadata).deadTimeCorrected == true)
        #expect(spectrum.metadata.entries.map(\.key) == ["Binning", "Deadtime Correction"])
    }

    @Test func columnsAreFoundByTitle() throws {
        let text = "# Polarity: negative\nm/z\tExtra\tIntensity\n1.5\tabc\t10\n2.5\tdef\t20\n"
        let spectrum = try IONTOFSpectrumFormat.decode(Data(text.utf8), source: "t.txt")
        #expect(spectrum.mass == [1.5, 2.5])
        #expect(spectrum.intensity == [10, 20])
        #expect(spectrum.channel == nil)
        #expect(Acquisition(iontofHeader: spectrum.metadata).polarity == .negative)
    }

    @Test func lineEndsAndBlankLinesOfAnyKind() throws {
        for text in ["m/z\tIntensity\r1\t2\r\r3\t4\r", "m/z\tIntensity\r\n1\t2\r\n\r\n3\t4", "m/z\tIntensity\n1\t2\n\n3\t4\n\0\0"] {
            let spectrum = try IONTOFSpectrumFormat.decode(Data(text.utf8), source: "t.txt")
            #expect(spectrum.mass == [1, 3])
            #expect(spectrum.intensity == [2, 4])
        }
        // Line numbers count blank lines: the bad cell is on line 4.
        #expect { try IONTOFSpectrumFormat.decode(Data("m/z\tIntensity\r\n1\t2\r\n\r\n3\tx\r\n".utf8), source: "t.txt") } throws: { error in
            (error as? SIMSError)?.line == 4
        }
    }
}
