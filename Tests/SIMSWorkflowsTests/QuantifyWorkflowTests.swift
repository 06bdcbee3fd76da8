import Foundation
import SIMSSimulator
import SIMSTestSupport
import Testing
@testable import SIMSWorkflows

@Suite("sims quantify")
struct QuantifyWorkflowTests {
    @Test("a simulated calibration series: held-back standards recovered within 2 propagated SE; warnings for range, matrix, phases")
    func simulatedSeries() throws {
        var random = SimulationRandom(seed: 23, stream: "quantify")
        let a = 3e-5, b = 5e-4
        var csv = "sample,role,concentration,analyte_counts,reference_counts,matrix,phases\n"
        func rows(_ name: String, _ role: String, _ c: Double, matrix: String = "NMC", phases: Int = 1) {
            for _ in 0..<5 {
                let reference = random.poisson(mean: 1e6)
                let counts = random.poisson(mean: reference * (a + b * c) * (1 + 0.02 * random.normal()))
                csv += "\(name),\(role),\(role == "standard" ? String(c) : ""),\(counts),\(reference),\(matrix),\(phases)\n"
            }
        }
        for c in [0.0, 0.1, 0.3, 1.0, 2.0] { rows("S\(c)", "standard", c) }
        rows("held-0.5", "unknown", 0.5)
        rows("held-1.5", "unknown", 1.5)
        rows("far", "unknown", 6.0, matrix: "LFP", phases: 2)
        let folder = try TemporaryFolder()
        let table = try folder.write(csv, to: "calibration.csv")
        var options = QuantifyWorkflow.Options(table: table, output: folder.file("out"))
        options.diluteLimit = 5
        let report = try QuantifyWorkflow.run(options)
        for (name, truth) in [("held-0.5", 0.5), ("held-1.5", 1.5)] {
            let e = try #require(report.unknowns.first { $0.name == name }?.estimate)
            #expect(abs(e.concentration - truth) <= 2 * e.standardError, "\(name): \(e.concentration) ± \(e.standardError)")
            #expect(e.warnings.isEmpty)
        }
        let far = try #require(report.unknowns.first { $0.name == "far" }?.estimate)
        #expect(far.warnings.contains { $0.contains("outside the calibrated range") })
        #expect(far.warnings.contains { $0.contains("matrix LFP") })
        #expect(far.warnings.contains { $0.contains("2 phases") })
        #expect(far.warnings.contains { $0.contains("dilute limit") })
        for file in ["calibration_standards.csv", "calibration_fit.csv", "quantified.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.file("out/results/" + file)))
        }
    }

    @Test("a malformed table names the file and line")
    func malformed() throws {
        let folder = try TemporaryFolder()
        let table = try folder.write("sample,role,concentration,analyte_counts,reference_counts\nA,standard,x,1,10\n", to: "t.csv")
        do {
            _ = try QuantifyWorkflow.readSamples(table)
            Issue.record("no error")
        } catch {
            #expect(error.line == 2 && error.file == table)
        }
    }
}
