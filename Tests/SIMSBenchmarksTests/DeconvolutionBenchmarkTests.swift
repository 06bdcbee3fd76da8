import Foundation
import Testing
@testable import SIMSBenchmarks
import SIMSMultivariate
import SIMSWorkflows

@Suite("sims bench deconvolve")
struct DeconvolutionBenchmarkTests {
    @Test("the fixed-sweep solver stops after its sweeps: exact on orthogonal columns, short of the optimum on correlated ones")
    func fixedSweeps() throws {
        let orthogonal = Matrix(rows: 3, columns: 2) { i, j in [[1.0, 0], [0, 2], [0, 0]][i][j] }
        let x = FixedSweepNNLS(sweeps: 1).solve(design: orthogonal, observations: [3, 4, 1], weights: [1, 1, 1])
        #expect(abs(x[0] - 3) < 1e-12 && abs(x[1] - 2) < 1e-12)
        // Nearly collinear columns: one sweep is far from the optimum, which the certificate reports.
        let a = Matrix(rows: 3, columns: 2) { i, j in [[1.0, 1], [1, 1.001], [0, 0.001]][i][j] }
        let y = [2.0, 2.001, 0.001]  // optimum x = (1, 1)
        let one = FixedSweepNNLS(sweeps: 1).solve(design: a, observations: y, weights: [1, 1, 1])
        #expect(!CertifiedNNLS().certificate(of: one, design: a, observations: y, weights: [1, 1, 1]).isCertified)
        let exact = try CertifiedNNLS().fit(design: a, observations: y, weights: [1, 1, 1])
        #expect(exact.certificate.isCertified && abs(exact.coefficients[0] - 1) < 1e-6)
    }

    @Test("one real HEA spectrum: certified, compared with the fixed-sweep solver (SciPy skipped)")
    func realFolder() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/hea-catalyst-spectra/N_Ru-Pt-Pd_Bi3_1.txt").path
        #expect(FileManager.default.fileExists(atPath: file), "missing \(file)")
        var options = DeconvolutionBenchmark.Options(folder: file)
        options.scipy = false
        options.repetitions = 1
        options.sweeps = 50
        let report = try DeconvolutionBenchmark.run(options)
        #expect(report.spectra == 1 && report.certifiedCount == 1 && report.meanColumns == 55)
        #expect(report.scipySeconds == nil)
    }
}
