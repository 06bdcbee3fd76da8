import Foundation
import SIMSTestSupport
import Testing
@testable import SIMSWorkflows

@Suite("sims check")
struct CheckWorkflowTests {
    @Test("the real interval list: saturation from its columns, Cl isotopes natural only after correction")
    func intervalList() throws {
        let path = try SharedData.path("lombardo-scripts/Example_mass_interval_list.txt")
        let folder = try TemporaryFolder()
        var options = CheckWorkflow.Options(path: path)
        options.output = folder.path
        let report = try CheckWorkflow.run(options)
        #expect(report.record.warnings.contains { $0.contains("peak F-") && $0.contains("unreliable") })
        let lines = report.lines.filter { $0.contains("^35Cl-/^37Cl-") }
        #expect(lines.count == 2)
        // Registered counts: ³⁵Cl⁻ saturates, the ratio falls below natural 3.125.
        #expect(lines.contains { $0.contains("(Uncorrected Area) = 2.885") && $0.contains("below natural") })
        // Corrected counts are within 1.5 % of natural (the remaining excess is significant only because counts are huge).
        let csv = try String(contentsOfFile: folder.file("results/isotopes.csv"), encoding: .utf8)
        let areaRow = try #require(csv.split(separator: "\n").first { $0.contains("^35Cl-/^37Cl-,Area,") })
        let measured = try #require(Double(areaRow.split(separator: ",")[5]))
        #expect(abs(measured / (0.7576 / 0.2424) - 1) < 0.015)
        let saturation = try String(contentsOfFile: folder.file("results/saturation.csv"), encoding: .utf8)
        #expect(saturation.split(separator: "\n").count > 250)
    }

    @Test("a spectrum: dead-time status, N unknown is said, per-peak saturation with N")
    func spectrum() throws {
        let path = try SharedData.path("hea-catalyst-spectra/N_Ru-Pt_Bi3_1.txt")
        var options = CheckWorkflow.Options(path: path)
        var report = try CheckWorkflow.run(options)
        #expect(report.lines.contains { $0.contains("dead-time correction on") })
        #expect(report.record.warnings.contains { $0.contains("N is unknown") })
        options.peakList = SharedData.repositoryRoot.path + "/Tests/Reference/hea_negative_peaks.csv"
        options.primaryPulses = 2e6
        report = try CheckWorkflow.run(options)
        #expect(report.record.warnings.contains { $0.contains("peak ^35Cl- I/N") })
        #expect(!report.record.warnings.contains { $0.contains("peak C- I/N") })
    }

    @Test("a study folder: design warnings and a corrupt spot")
    func study() throws {
        let folder = try TemporaryFolder()
        for (sample, count) in [("A", 2), ("B", 5)] {
            for i in 1...count {
                try FileManager.default.createDirectory(atPath: folder.file(sample), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: folder.file("\(sample)/s\(i).txt"),
                                                           withDestinationPath: try SharedData.path("hea-catalyst-spectra/N_Ru-Pt_Bi3_\(i).txt"))
            }
        }
        try folder.write("Channel\tm/z\tIntensity\n1\tx\t2\n", to: "B/broken.txt")
        let report = try CheckWorkflow.run(CheckWorkflow.Options(path: folder.path))
        #expect(report.record.warnings.contains { $0.contains("2 sample(s)") })
        #expect(report.record.warnings.contains { $0.contains("sample A has 2 spot(s)") })
        #expect(report.record.outcome == .completedWithErrors)
        #expect(report.record.failures.first?.message.contains("broken.txt:2") == true)
    }
    @Test("with --out: the mean spectrum per polarity and a zoom on each saturated peak, typeset; none with --no-plots")
    func figures() throws {
        let folder = try TemporaryFolder()
        for sample in ["A", "B"] {
            try FileManager.default.createDirectory(atPath: folder.file("study/" + sample), withIntermediateDirectories: true)
            for i in 1...2 {
                let index = sample == "A" ? i : i + 2
                // N_…: the polarity from the file name (these exports' headers do not say it).
                try FileManager.default.createSymbolicLink(atPath: folder.file("study/\(sample)/N_s\(i).txt"),
                                                           withDestinationPath: try SharedData.path("hea-catalyst-spectra/N_Ru-Pt_Bi3_\(index).txt"))
            }
        }
        var options = CheckWorkflow.Options(path: folder.file("study"))
        options.peakList = SharedData.repositoryRoot.path + "/Tests/Reference/hea_negative_peaks.csv"
        options.primaryPulses = 2e6
        options.output = folder.file("out")
        let report = try CheckWorkflow.run(options)
        let outputs = report.record.outputs
        #expect(outputs.contains("plots/spectrum_negative.svg") && outputs.contains("plots/spectrum_negative.png"), "\(outputs)")
        // ³⁵Cl⁻ is flagged (see the spectrum test): its zoom is drawn with the typeset label; C⁻ is not flagged.
        #expect(outputs.contains("plots/spectrum_i35Cl-.svg"))
        #expect(!outputs.contains("plots/spectrum_C-.svg"))
        let zoom = try String(contentsOfFile: folder.file("out/plots/spectrum_i35Cl-.svg"), encoding: .utf8)
        #expect(zoom.contains("m/z (u)") && zoom.contains(">35</tspan>") && zoom.contains(">A</text>") && zoom.contains(">B</text>"))
        let overview = try String(contentsOfFile: folder.file("out/plots/spectrum_negative.svg"), encoding: .utf8)
        #expect(overview.contains("Negative ions: mean spectrum per sample") && overview.contains("A (2)") && overview.contains("B (2)"))
        let png = try Data(contentsOf: URL(fileURLWithPath: folder.file("out/plots/spectrum_negative.png")))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        options.plots = false
        options.output = folder.file("out-no-plots")
        let bare = try CheckWorkflow.run(options)
        #expect(!bare.record.outputs.contains { $0.hasPrefix("plots/") })
        #expect(!FileManager.default.fileExists(atPath: folder.file("out-no-plots/plots")))
    }
}
