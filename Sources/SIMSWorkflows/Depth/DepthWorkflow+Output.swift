import SIMSAnalysis
import SIMSFormats

extension DepthWorkflow {
    /// Writes every output of a run.
    func write(_ result: inout Result, to output: OutputFolder) throws(SIMSError) {
        try writeTables(&result, to: output)
        try writePlots(&result, to: output)
    }
}
