import Testing
import SIMSBenchmarks

@Suite("sims bench unmix")
struct UnmixingBenchmarkTests {
    @Test("a small stack: both segmentations timed, the CEI calibrated, the report complete")
    func smallStack() throws {
        var options = UnmixingBenchmark.Options()
        options.raster = 32
        options.planes = 8
        options.numpy = false
        let report = try UnmixingBenchmark.run(options)
        #expect(report.voxels == 32 * 32 * 8 && report.ions == 8)
        #expect(report.thresholdSeconds > 0 && report.unmixingSeconds > 0)
        #expect(report.interphaseLevel > 0 && report.interphaseLevelRelativeError.isFinite)
        #expect(abs(report.sigma - 0.69) < 0.05, "automatic σ \(report.sigma) at the preset dose")
        #expect(report.numpySeconds == nil)
    }
}
