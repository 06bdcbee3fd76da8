import Foundation
import Testing
import SIMSChemistry
import SIMSFormats
import SIMSTestSupport
@testable import SIMSWorkflows

@Suite struct PeaksWorkflowTests {
    @Test func buildsBatteryListInIONTOFLayoutAndCSV() throws {
        let folder = try TemporaryFolder()
        let list = try PeaksWorkflow.buildIntervalList(source: .library("battery"), polarity: .negative, resolvingPower: 5000)
        let written = try PeaksWorkflow.writeIntervalList(list, to: folder.file("list.txt"), resolvingPower: 5000)
        #expect(written == [folder.file("list.txt"), folder.file("list.csv")])
        // Same title line and CRLF as SurfaceLab's own export.
        let real = try Data(contentsOf: URL(fileURLWithPath: try SharedData.path("lombardo-scripts/Example_mass_interval_list.txt")))
        let realHeader = String(decoding: real.prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
        let ours = try Data(contentsOf: URL(fileURLWithPath: written[0]))
        let ourHeader = String(decoding: ours.prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
        #expect(ourHeader == realHeader)
        #expect(String(decoding: ours, as: UTF8.self).contains("\r\n1\t"))
        // Both files read back with the formats readers; PO_2- sits at its exact mass with a 3-FWHM interval.
        let back = try IONTOFIntervalListFormat.read(from: written[0])
        let csv = try PlainIntervalListFormat.read(from: written[1])
        #expect(back.peaks.count == list.peaks.count && csv.peaks.count == list.peaks.count)
        let po2 = try #require(back.peaks.first { $0.assignment == "PO_2-" })
        let exact = try Ion(parsing: "PO_2-").monoisotopicMass
        #expect(abs(po2.interval.center - exact) < 1e-6)
        #expect(abs(po2.interval.width - 3 * exact / 5000) < 2e-6)
        #expect(po2.description == "liquid electrolyte")
        #expect(back.peaks.allSatisfy { try! Ion(parsing: $0.assignment).polarity == .negative })
        // Ascending mass.
        #expect(zip(back.peaks, back.peaks.dropFirst()).allSatisfy { $0.interval.center <= $1.interval.center })
    }

    @Test func formulasAndErrors() throws {
        let list = try PeaksWorkflow.buildIntervalList(source: .formulas(["Li+", " ^6Li+", "LiF2-"]), polarity: nil,
                                                       resolvingPower: 8000, includeIsotopologues: true)
        // ^6LiF_2- is 0.0759/0.9241 = 8.2 % of LiF_2- (≥ 5 %), so it is listed as an isotopologue.
        #expect(list.peaks.map(\.assignment) == ["^6Li+", "Li+", "^6LiF_2-", "LiF_2-"])
        #expect(throws: SIMSError.self) {
            _ = try PeaksWorkflow.buildIntervalList(source: .formulas(["Li+", "Xx-"]), polarity: nil, resolvingPower: 5000)
        }
        #expect(throws: SIMSError.self) {
            _ = try PeaksWorkflow.buildIntervalList(source: .formulas(["Li+"]), polarity: .negative, resolvingPower: 5000)
        }
        #expect(throws: SIMSError.self) {
            _ = try PeaksWorkflow.buildIntervalList(source: .library("battery"), polarity: nil, resolvingPower: 0)
        }
        #expect(throws: SIMSError.self) { _ = try PeaksWorkflow.library(.library("elements"), polarity: nil) }
        #expect(throws: SIMSError.self) { _ = try PeaksWorkflow.library(.library("/no/such/library.csv"), polarity: nil) }
        let csv = try PeaksWorkflow.writeIntervalList(list, to: try TemporaryFolder().file("only.csv"))
        #expect(csv.count == 1)
    }

    @Test func findsRutheniumInRealSpectrum() throws {
        let path = try SharedData.path("hea-catalyst-spectra/P_Ru_Bi1_1.txt")
        let result = try PeaksWorkflow.findPeaks(inFile: path, source: .library("elements"), polarity: .positive, tolerancePPM: 300)
        let ru = result.peaks.filter { $0.candidates.first?.parent.iontofNotation == "Ru+" }
        #expect(ru.count == 7)
        #expect(ru.allSatisfy { $0.peak.centroid > 95.5 && $0.peak.centroid < 104.5 })
        let list = PeaksWorkflow.intervalList(of: result)
        #expect(list.peaks.contains { $0.assignment == "Ru+" && abs($0.interval.center - 101.9) < 0.1 })
        let table = PeaksWorkflow.candidateTable(of: result)
        #expect(table.rows.count == result.peaks.count)
    }

    @Test func recalibratesRealSpectrumBeforeFinding() throws {
        let path = try SharedData.path("hea-catalyst-spectra/P_Ru_Bi1_1.txt")
        let result = try PeaksWorkflow.findPeaks(inFile: path, source: .library("elements"), polarity: .positive,
                                                 tolerancePPM: 300, calibrate: true)
        let fit = try #require(result.calibration)
        #expect(fit.points.count >= 3)
        // 200-channel binning limits the reference centroids to a few hundred ppm.
        #expect(fit.rmsPPM < 500)
        #expect(result.peaks.filter { $0.candidates.first?.parent.iontofNotation == "Ru+" }.count == 7)
        #expect(throws: SIMSError.self) {
            _ = try PeaksWorkflow.findPeaks(inFile: path, source: .library("battery"), polarity: nil, calibrate: true)
        }
    }
}
