import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("Mass interval list readers")
struct IntervalListReaderTests {
    @Test func readsTheExampleIONTOFList() throws {
        let path = try SharedData.path("lombardo-scripts/Example_mass_interval_list.txt")
        let list = try IONTOFIntervalListFormat.read(from: path)
        #expect(list.count == 320)
        let total = try #require(list.totalRow)
        #expect(total.index == 1)
        #expect(total.description == "total")
        #expect(total.values["Area"] == 28191324)
        #expect(total.values["Uncorrected Area"] == 17417498)
        #expect(total.values["Norm. By Reference Peak"] == .infinity)
        #expect(total.values["Coverage (1/cm^2)"]?.isNaN == true)
        // Row 2 as written in the file.
        let cu = list.peaks[0]
        #expect(cu.index == 2)
        #expect(cu.assignment == "Cu-")
        #expect(cu.interval.center == 62.934613)
        #expect(cu.interval.lower == 62.922839)
        #expect(cu.interval.upper == 62.945232)
        #expect(cu.values["Area"] == 7376)
        #expect(cu.values["Uncorrected Area"] == 7299)
        #expect(cu.values["Mass Deviation (ppm)"] == 70.917990)
        #expect(cu.values["Color"] == 255)
        // Last row (No. 321).
        let last = try #require(list.peaks.last)
        #expect(last.index == 321)
        #expect(last.assignment == "C_8H_9O_4-")
        #expect(last.interval.lower == 169.024529)
        #expect(last.values["Area"] == 3972.28)
        // Unassigned peaks stay distinct, keyed by row.
        let unassigned = list.peaks.filter(\.isUnassigned)
        #expect(unassigned.count > 1)
        #expect(Set(unassigned.map(\.id)).count == unassigned.count)
        #expect(Set(list.peaks.map(\.id)).count == 320)
    }

    @Test func plainListWithBounds() throws {
        let text = "# my list\nassignment,lower,upper\nLi+,7.010,7.022\n\"C_2H-, CN-\",26.00,26.02\n"
        let list = try PlainIntervalListFormat.decode(Data(text.utf8), source: "list.csv")
        #expect(list.count == 2)
        #expect(list.peaks[1].assignment == "C_2H-, CN-")
        #expect(list.peaks[1].interval.lower == 26.00)
        #expect(list.peaks[1].index == 2)
        #expect(list.totalRow == nil)
    }

    @Test func plainListWithCenterAndWidthAsTSV() throws {
        let text = "Assignment\tCenter\tWidth_ppm\r\nLiF_2-\t44.9975\t200\r\n"
        let list = try PlainIntervalListFormat.decode(Data(text.utf8), source: "list.tsv")
        let interval = try #require(list.peaks.first?.interval)
        // Full width 200 ppm of 44.9975 u: 0.0089995 u.
        #expect(abs(interval.width - 44.9975 * 200e-6) < 1e-12)
        #expect(interval.center == 44.9975)
    }

    @Test func dispatcherTellsKindsApart() throws {
        let folder = try TemporaryFolder()
        let plain = try folder.write("assignment,lower,upper\nO-,15.99,16.00\n", to: "plain.csv")
        #expect(try PeakListFile.read(from: plain).count == 1)
        let iontof = try SharedData.path("lombardo-scripts/Example_mass_interval_list.txt")
        #expect(try PeakListFile.read(from: iontof).count == 320)
    }
}
