import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("IONTOF depth-profile reader and writer")
struct DepthProfileReaderTests {
    @Test func readsAllRealProfilesAndReproducesThemByteForByte() throws {
        let paths = try SharedData.files(in: "perovskite-depth-profiles")
        #expect(paths.count == 27)
        for path in paths {
            let profile = try IONTOFDepthProfileFormat.read(from: path, options: .init(dropTrailingZeroRows: false))
            #expect(profile.cycleCount > 10)
            #expect(profile.dose != nil && profile.fluence != nil)
            #expect(profile.totalColumn != nil)
            #expect(profile.columns.filter { $0.kind == .ratio }.allSatisfy { $0.name.contains(" / ( ") })
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(IONTOFDepthProfileFormat.encode(profile) == original, "\(path)")
        }
    }

    @Test func knownValuesAndTrailingZeroRows() throws {
        let path = try SharedData.path("perovskite-depth-profiles/MAPI-stack/I241209m_A_MAPI_1f-1nA_pos-B4 - NF.txt")
        let profile = try IONTOFDepthProfileFormat.read(from: path)
        let raw = try IONTOFDepthProfileFormat.read(from: path, options: .init(dropTrailingZeroRows: false))
        // The file has 165 cycles; the last one is all zeros.
        #expect(raw.cycleCount == 165)
        #expect(profile.cycleCount == 164)
        #expect(profile.metadata[IONTOFDepthProfileFormat.droppedRowsKey] == "1")
        #expect(profile.metadata["Profile Smoothing is Disabled"] == "")
        // First row: 1  0  2.47442e+06  9.89761e+10  1.22647e+06 (total)  11.0097 (Ag_3+)
        #expect(profile.dataPoint.first == 1)
        #expect(profile.sputterTime[1] == 1.4666)
        #expect(profile.dose?.first == 2.47442e6)
        #expect(profile.fluence?.first == 9.89761e10)
        #expect(profile.totalColumn?.values.first == 1.22647e6)
        #expect(profile.totalColumn?.mass == nil)
        let silver = try #require(profile.column(named: "Ag_3+"))
        #expect(silver.values.first == 11.0097)
        #expect(silver.mass == 320.7077)
        #expect(silver.kind == .intensity)
        // Last kept row: 164  239.056  1.50789e+12  6.33965e+14  233132
        #expect(profile.dataPoint.last == 164)
        #expect(profile.sputterTime.last == 239.056)
        #expect(profile.totalColumn?.values.last == 233132)
        let ratio = try #require(profile.column(named: "I+ / ( Pb+ )"))
        #expect(ratio.kind == .ratio)
        #expect(ratio.mass == nil)
        #expect(raw.column(named: "I+ / ( Pb+ )")?.values.last == .infinity)
    }

    @Test func roundTripOfAConstructedProfileWithoutMassesLine() throws {
        let profile = try DepthProfile(
            dataPoint: [1, 2, 3], sputterTime: [0, 1.5, 3], dose: [1e9, 2e9, 3e9], fluence: nil,
            columns: [
                .init(name: "total", kind: .total, values: [100, 200, 300]),
                .init(name: "Li-", values: [1, 2.5, 0]),
                .init(name: "Li- / ( total )", kind: .ratio, values: [0.01, 0.0125, 0]),
            ],
            metadata: ["Profile Smoothing is Disabled": ""], source: "t.txt")
        let data = IONTOFDepthProfileFormat.encode(profile)
        let back = try IONTOFDepthProfileFormat.decode(data, source: "t.txt")
        #expect(back == profile)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("# Profile Smoothing is Disabled\r\n#\t\t\ttotal\tLi-\tLi- / ( total )\t\r\n#Data Point #\tSputter Time (s)\tDose (ions)\tIntensity\t"))
    }
}
