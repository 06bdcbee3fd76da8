import Foundation
import Testing
import SIMSFormats
import SIMSTestSupport
@testable import SIMSAnalysis

@Suite("Depth profiles: repeated column labels")
struct DistinctColumnNamesTests {
    @Test("the real MAPI export labels two intervals SnO+: the repeat is renamed by its mass, nothing else changes")
    func realExport() throws {
        let path = try SharedData.path("perovskite-depth-profiles/MAPI-stack/I241209m_A_MAPI_1f-1nA_pos-B4 - NF.txt")
        let original = try IONTOFDepthProfileFormat.read(from: path)
        #expect(original.columns.filter { $0.name == "SnO+" }.count == 2)
        var profile = original
        let renamed = profile.makeColumnNamesDistinct()
        #expect(renamed.map(\.new) == ["SnO+ (135.8979 u)"])
        #expect(Set(profile.columns.map(\.name)).count == profile.columns.count)
        #expect(profile.column(named: "SnO+ (135.8979 u)")?.values == original.columns.last { $0.name == "SnO+" }?.values)
        #expect(zip(profile.columns, original.columns).allSatisfy { $0.values == $1.values && $0.kind == $1.kind })
    }

    @Test("without masses the occurrence number is used; a label that already exists is not reused")
    func withoutMasses() throws {
        let values: ContiguousArray<Double> = [1, 2]
        var profile = try DepthProfile(
            dataPoint: [1, 2], sputterTime: [0, 1], dose: nil, fluence: nil,
            columns: ["A-", "A- [2]", "A-", "A-"].map { DepthProfile.Column(name: $0, mass: nil, kind: .intensity, values: values) })
        profile.makeColumnNamesDistinct()
        #expect(profile.columns.map(\.name) == ["A-", "A- [2]", "A- [3]", "A- [4]"])
    }
}
