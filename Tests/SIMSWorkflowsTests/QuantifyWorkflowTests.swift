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

    @Test("the series as a sims.toml [quantify] table gives the CSV's results; unit and dilute limit from the table")
    func tomlTable() throws {
        var random = SimulationRandom(seed: 24, stream: "quantify-toml")
        let a = 2e-5, b = 4e-4
        var csv = "sample,role,concentration,analyte_counts,reference_counts,matrix,phases\n"
        var toml = "[quantify]\nunit = \"ppm\"\ndilute_limit = 3\n"
        func sample(_ name: String, _ c: Double, standard: Bool) {
            var analyte: [Double] = [], reference: [Double] = []
            for _ in 0..<4 {
                let r = random.poisson(mean: 1e6)
                reference.append(r)
                analyte.append(random.poisson(mean: r * (a + b * c) * (1 + 0.02 * random.normal())))
                csv += "\(name),\(standard ? "standard" : "unknown"),\(standard ? String(c) : ""),\(Int(analyte.last!)),\(Int(r)),NMC,1\n"
            }
            toml += "\n[[quantify.\(standard ? "standard" : "unknown")]]\nsample = \"\(name)\"\n" + (standard ? "concentration = \(c)\n" : "")
                + "analyte_counts = [\(analyte.map { String(Int($0)) }.joined(separator: ", "))]\n"
                + "reference_counts = [\(reference.map { String(Int($0)) }.joined(separator: ", "))]\nmatrix = \"NMC\"\nphases = 1\n"
        }
        for c in [0.0, 0.2, 0.5, 1.0, 2.5] { sample("S\(c)", c, standard: true) }
        sample("held-0.7", 0.7, standard: false)
        sample("held-2.0", 2.0, standard: false)
        let folder = try TemporaryFolder()
        let fromTOML = try QuantifyWorkflow.run(QuantifyWorkflow.Options(table: try folder.write(toml, to: "sims.toml"), output: folder.file("toml")))
        var csvOptions = QuantifyWorkflow.Options(table: try folder.write(csv, to: "series.csv"), output: folder.file("csv"))
        csvOptions.unit = "ppm"
        csvOptions.diluteLimit = 3
        let fromCSV = try QuantifyWorkflow.run(csvOptions)
        #expect(fromTOML.unit == "ppm" && fromTOML.record.settings.contains { $0.name == "dilute limit" && $0.value == "3 ppm" })
        #expect(fromTOML.calibration.standards.count == 5 && fromTOML.unknowns.map(\.name) == ["held-0.7", "held-2.0"])
        #expect(fromTOML.calibration.slope == fromCSV.calibration.slope && fromTOML.calibration.intercept == fromCSV.calibration.intercept)
        for ((name, e), (_, reference)) in zip(fromTOML.unknowns, fromCSV.unknowns) {
            #expect(e.concentration == reference.concentration && e.standardError == reference.standardError)
            let truth = name == "held-0.7" ? 0.7 : 2.0
            #expect(abs(e.concentration - truth) <= 2 * e.standardError, "\(name): \(e.concentration) ± \(e.standardError)")
        }
    }

    @Test("sims.toml errors name the file, the table and the key")
    func tomlErrors() throws {
        let folder = try TemporaryFolder()
        let standard = "[[quantify.standard]]\nsample = \"S1\"\nconcentration = 1\nanalyte_counts = [10, 12]\nreference_counts = [1000, 1100]\n"
        let cases: [(String, [String])] = [
            ("[samples]\n", ["no [quantify] table"]),
            ("[quantify]\nunits = \"ppm\"\n" + standard, ["[quantify]", "units"]),
            (standard.replacingOccurrences(of: "concentration = 1", with: "concentration = \"high\""), ["[[quantify.standard]] #1 \"S1\"", "concentration"]),
            (standard.replacingOccurrences(of: "[10, 12]", with: "[10]"), ["[[quantify.standard]] #1 \"S1\"", "analyte_counts", "reference_counts"]),
            (standard.replacingOccurrences(of: "[10, 12]", with: "[10, -1]"), ["[[quantify.standard]] #1 \"S1\"", "analyte_counts[2]"]),
            (standard + "\n[[quantify.unknown]]\nsample = \"U\"\nconcentration = 1\nanalyte_counts = [1]\nreference_counts = [9]\n",
             ["[[quantify.unknown]] #1", "concentration"]),
            (standard + "\n[[quantify.unknown]]\nanalyte_counts = [1]\nreference_counts = [9]\n", ["[[quantify.unknown]] #1", "sample"]),
            ("[[quantify.unknown]]\nsample = \"U\"\nanalyte_counts = [1]\nreference_counts = [9]\n", ["no standard"]),
        ]
        for (index, (text, needles)) in cases.enumerated() {
            let path = try folder.write(text, to: "case\(index).toml")
            let error = try #require(throws: SIMSError.self) { try QuantifyWorkflow.readSeries(path) }
            #expect(error.file == path, "\(error)")
            for needle in needles { #expect(error.description.contains(needle), "case \(index): \(error)") }
        }
    }
}
