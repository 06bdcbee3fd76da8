import SIMSAnalysis
import SIMSFormats

extension DepthWorkflow {
    /// Writes every output of a run.
    func write(_ result: inout Result, to output: OutputFolder) throws(SIMSError) {
        try writeTables(&result, to: output)
        try writePlots(&result, to: output)
        result.record.add(reportSection(result))
        try result.record.writeReport(to: output, title: "SIMSKit — depth profiles")
    }
}
