import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

@Suite("Depth workflow")
struct DepthWorkflowTests {
    @Test func replicateKeysDropMeasurementIdAndCrater() {
        #expect(DepthInputs.sampleKey(fromName: "I231115t_D_MeO-2PACz_1f_neg-C1 - NF") == "D_MeO-2PACz_1f_neg - NF")
        #expect(DepthInputs.sampleKey(fromName: "I231115v_D_MeO-2PACz_1f_neg-D1 - NF") == "D_MeO-2PACz_1f_neg - NF")
        #expect(DepthInputs.sampleKey(fromName: "I231115u_D_MeO-2PACz_5f_neg-C2 - NF") == "D_MeO-2PACz_5f_neg - NF")
    }

    @Test func realExperimentFolderGroupsReplicateCraters() throws {
        let folder = try SharedData.path("perovskite-depth-profiles/FACSPI-PbI2-treatment")
        let inputs = try DepthInputs(paths: [folder], grouping: .name)
        #expect(inputs.files.count == 8)
        #expect(inputs.groups.map(\.files.count) == [2, 2, 2, 2])
    }

    @Test func missingInputIsAClearError() {
        #expect(throws: SIMSError.self) { try DepthInputs(paths: ["/nonexistent/depth"], grouping: .name) }
    }
}
