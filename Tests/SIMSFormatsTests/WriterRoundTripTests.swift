import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("IONTOF writers")
struct WriterRoundTripTests {
    @Test(arguments: ["N_HEA19_Bi1_1.txt", "P_Ru-Ir_Bi3_2.txt"])
    func spectrumExportIsReproducedByteForByte(name: String) throws {
        let path = try SharedData.path("hea-catalyst-spectra/" + name)
        let spectrum = try IONTOFSpectrumFormat.read(from: path)
        #expect(IONTOFSpectrumFormat.encode(spectrum) == (try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func simulatedSpectrumRoundTrips() throws {
        let folder = try TemporaryFolder()
        let mass: ContiguousArray<Double> = [0.5, 1.007825, 6.015123, 7.016003]
        let spectrum = Spectrum(mass: mass, intensity: [0, 12, 3.25, 1e7], channel: nil, metadata: ["Deadtime Correction": "on", "Polarity": "positive"])
        let path = folder.file("sim.txt")
        try IONTOFSpectrumFormat.write(spectrum, to: path)
        let back = try IONTOFSpectrumFormat.read(from: path)
        #expect(back.mass == spectrum.mass)
        #expect(back.intensity == spectrum.intensity)
        #expect(back.channel == nil)
        #expect(back.metadata == spectrum.metadata)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# Deadtime Correction: on\r\n# Polarity: positive\r\nm/z\tIntensity\r\n0.500000\t0\r\n"))
    }

    @Test func intervalListRowsAreReproduced() throws {
        let path = try SharedData.path("lombardo-scripts/Example_mass_interval_list.txt")
        let list = try IONTOFIntervalListFormat.read(from: path)
        let written = String(decoding: IONTOFIntervalListFormat.encode(list), as: UTF8.self)
        var original = try String(contentsOfFile: path, encoding: .utf8)
        while original.hasSuffix("\0") { original.removeLast() }
        // SurfaceLab writes NaN as "-NAN(IND)" in some columns; SIMSKit writes "nan" everywhere.
        original = original.replacingOccurrences(of: "-NAN(IND)", with: "nan")
        let writtenLines = written.components(separatedBy: "\r\n")
        let originalLines = original.components(separatedBy: "\r\n")
        #expect(writtenLines.count == originalLines.count)
        #expect(writtenLines[0] == originalLines[0])
        // Every peak row (2 … 321) is reproduced exactly.
        for row in 2..<min(writtenLines.count, originalLines.count) {
            #expect(writtenLines[row] == originalLines[row], "row \(row)")
        }
        // And reading the written list gives the same peaks.
        let back = try IONTOFIntervalListFormat.decode(Data(written.utf8), source: "w.txt")
        #expect(back.peaks.map(\.interval) == list.peaks.map(\.interval))
        #expect(back.peaks.map(\.assignment) == list.peaks.map(\.assignment))
        #expect(back.peaks.map(\.index) == list.peaks.map(\.index))
        #expect(back.peaks.map { $0.values["Area"] } == list.peaks.map { $0.values["Area"] })
        #expect(back.totalRow?.values["Area"] == 28191324)
    }

    @Test func plainListRoundTrips() throws {
        let list = PeakList(peaks: [
            Peak(index: 1, assignment: "Li+", interval: MassInterval(lower: 7.01, upper: 7.022)),
            Peak(index: 2, assignment: "C_2H-, CN-", description: "two ions", interval: MassInterval(lower: 26.0, upper: 26.02)),
        ])
        let back = try PlainIntervalListFormat.decode(PlainIntervalListFormat.encode(list), source: "p.csv")
        #expect(back.peaks.map(\.interval.lower) == list.peaks.map(\.interval.lower))
        #expect(back.peaks.map(\.interval.upper) == list.peaks.map(\.interval.upper))
        #expect(back.peaks.map(\.assignment) == list.peaks.map(\.assignment))
        #expect(back.peaks.map(\.description) == list.peaks.map(\.description))
    }
}
