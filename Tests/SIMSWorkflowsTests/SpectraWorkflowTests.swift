import Foundation
import SIMSTestSupport
import Testing
@testable import SIMSWorkflows

/// End to end on real IONTOF exports: `../shared/data/hea-catalyst-spectra` grouped into samples by file name
/// (`N_<sample>_<primary ion>_<replicate>.txt`, negative polarity, Bi3 primary ions).
@Suite("sims spectra on the real HEA catalyst spectra")
struct SpectraWorkflowTests {
    static let samples = ["Ru-Ir", "Ru-Pd", "Ru-Pt"]
    static let referenceFolder = SharedData.repositoryRoot.appendingPathComponent("Tests/Reference").path

    /// ROOT/<sample>/<spot>.txt as symbolic links to the shared files.
    static func makeStudy(in folder: TemporaryFolder, extraSample: Bool = true) throws -> String {
        let root = folder.file("study")
        var files: [(String, String)] = []
        for sample in samples { for replicate in 1...5 { files.append((sample, "N_\(sample)_Bi3_\(replicate).txt")) } }
        if extraSample { files.append(("HEA19", "N_HEA19_Bi3_1.txt")) }
        for (sample, name) in files {
            try FileManager.default.createDirectory(atPath: root + "/" + sample, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: root + "/" + sample + "/" + name,
                                                       withDestinationPath: try SharedData.path("hea-catalyst-spectra/" + name))
        }
        return root
    }

    /// Rows of a CSV file without quotes handling beyond what the fixtures need.
    static func readCSV(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            var fields: [String] = [], current = "", quoted = false
            for character in line {
                if character == "\"" { quoted.toggle() } else if character == "," && !quoted { fields.append(current); current = "" } else { current.append(character) }
            }
            fields.append(current)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    static func compare(_ table: PeakAreaTable, toReference rows: [[String: String]]) throws {
        #expect(rows.count == table.rows.count * table.peaks.count)
        var checked = 0
        for reference in rows {
            let file = try #require(reference["file"]), peakRow = try #require(Int(reference["peak_row"] ?? ""))
            let spot = String(file.dropLast(4))
            let row = try #require(table.rows.first { $0.spot == spot }, "spot \(spot)")
            let k = try #require(table.peaks.firstIndex { $0.index == peakRow })
            let raw = try #require(Double(reference["raw_area"]!)), tic = try #require(Double(reference["tic"]!))
            let normalized = try #require(Double(reference["tic_normalized_area"]!)), counts = try #require(Double(reference["counts"]!))
            #expect(row.areas.tic == tic)
            #expect(row.areas.counts[k] == counts)
            #expect(abs(row.areas.rawArea[k] - raw) <= 1e-12 * abs(raw), "\(spot) peak \(peakRow) raw")
            #expect(abs(row.areas.ticNormalizedArea[k] - normalized) <= 1e-12 * abs(normalized), "\(spot) peak \(peakRow) normalized")
            checked += 1
        }
        #expect(checked == 320)
    }

    @Test("areas equal the committed NumPy fixture; outputs, warnings and (null) peaks")
    func endToEnd() throws {
        let folder = try TemporaryFolder()
        let root = try Self.makeStudy(in: folder)
        var options = SpectraOptions(root: root, peakList: Self.referenceFolder + "/hea_negative_peaks.csv", output: folder.file("out"))
        options.references = ["C_2H-"]
        options.important = ["^35Cl-", "^37Cl-", "CN-"]
        options.plots = false
        options.bootstrapResamples = 100
        let result = try SpectraWorkflow.run(options)
        #expect(result.record.outcome == .success)
        #expect(result.table.samples == ["HEA19", "Ru-Ir", "Ru-Pd", "Ru-Pt"])
        #expect(result.table.rows.count == 16 && result.table.peaks.count == 20)
        #expect(result.primaryNormalization == .reference)

        try Self.compare(result.table, toReference: try Self.readCSV(Self.referenceFolder + "/hea_spectra_reference.csv"))

        // Reference normalization = raw ÷ raw(C_2H-), internal = ÷ max over spots.
        let c2h = try #require(result.table.peaks.firstIndex { $0.assignment == "C_2H-" })
        for row in result.table.rows { #expect(row.value(c2h, .reference) == 1) }
        let internalValues = result.table.internallyNormalized(.reference)
        #expect(internalValues.map { $0[0]! }.max() == 1)

        // (null) peaks stay separate and are labelled by mass.
        let nulls = result.table.peaks.filter(\.isUnassigned)
        #expect(nulls.count == 3 && Set(nulls.map(\.label)).count == 3)
        #expect(nulls[0].label == "(null) @ 59.98 u")

        // Output files.
        let out = folder.file("out")
        let long = try Self.readCSV(out + "/results/peak_areas.csv")
        #expect(long.count == 320)
        #expect(long.filter { $0["assignment"]?.hasPrefix("(null) @") == true }.count == 48)
        let first = try #require(long.first)
        #expect(first["sample"] == "HEA19" && first["reference_normalized_area"] != "" && first["tic_normalized_area"] != "")
        let text = try String(contentsOfFile: out + "/results/peak_areas.csv", encoding: .utf8)
        #expect(text.hasPrefix("sample,spot,peak_index,assignment,center_mass_u,lower_mass_u,upper_mass_u,raw_area,tic,tic_normalized_area,reference_normalized_area,internally_normalized"))
        #expect(!text.contains("nan") && !text.contains("inf"))
        let wide = try Self.readCSV(out + "/results/peak_areas_wide_tic.csv")
        #expect(wide.count == 20 * 5)  // five spots down per peak block
        #expect(wide[0]["HEA19"] != "" && wide[1]["HEA19"] == "" && wide[1]["Ru-Ir"] != "")
        let summary = try Self.readCSV(out + "/results/summary.csv")
        let clSummary = try #require(summary.first { $0["normalization"] == "tic" && $0["assignment"] == "^35Cl-" && $0["sample"] == "Ru-Pt" })
        let clValues = result.table.values(peak: 8, sample: "Ru-Pt", .tic)
        #expect(clSummary["n"] == "5" && Double(clSummary["mean"]!)! == SampleSummary(clValues, resamples: 0).mean!)
        let isotopes = try Self.readCSV(out + "/results/isotopes.csv")
        #expect(isotopes.count == 16 && isotopes.allSatisfy { $0["ratio"] == "^35Cl-/^37Cl-" })
        let tests = try Self.readCSV(out + "/results/tests.csv")
        #expect(tests.count == 20 * 6)
        #expect(tests.allSatisfy { $0["welch_p_bh"].map { $0.isEmpty || Double($0)! >= 0 } ?? false })
        // The reference peak normalized by itself is 1.0 in every spot: SciPy gives df = 1, t = p = NaN, and
        // the note says why (HEA19 has one spot: no test at all).
        let selfNormalized = tests.filter { $0["assignment"] == "C_2H-" }
        #expect(selfNormalized.count == 6)
        for row in selfNormalized {
            if row["sample_a"] == "HEA19" {
                #expect(row["welch_df"] == "" && row["welch_note"]?.contains("fewer than 2 values") == true)
            } else {
                #expect(row["welch_df"] == "1" && row["welch_t"] == "" && row["welch_p"] == "" && row["welch_p_bh"] == "")
                #expect(row["welch_note"]?.contains("constant and equal") == true, "\(row)")
            }
        }
        #expect(tests.filter { $0["welch_note"] == "" }.allSatisfy { $0["welch_t"] != "" })

        // Warnings: the empty window, the design (one spot of HEA19), and no N.
        #expect(result.record.warnings.contains { $0.contains("EmptyWindow-") && $0.contains("no data point") })
        #expect(result.record.warnings.contains { $0.contains("sample HEA19 has 1 spot") })
        #expect(result.record.warnings.contains { $0.contains("primary pulses N") })
        #expect(result.record.warnings.contains { $0.contains("not corrected twice") })
    }

    @Test("live NumPy reference (runs when python3 with numpy is available)")
    func liveNumPy() throws {
        guard ExternalTool.pythonCanImport("numpy") else { return }  // NumPy not importable here: the committed fixture covers it
        let folder = try TemporaryFolder()
        let root = try Self.makeStudy(in: folder)
        let (status, data) = try ExternalTool.run(["python3", Self.referenceFolder + "/hea_spectra_reference.py", try SharedData.path("hea-catalyst-spectra")])
        #expect(status == 0)
        let csvPath = try folder.write(data, to: "live.csv")
        var options = SpectraOptions(root: root, peakList: Self.referenceFolder + "/hea_negative_peaks.csv", output: folder.file("out"))
        options.plots = false
        options.bootstrapResamples = 100
        let result = try SpectraWorkflow.run(options)
        try Self.compare(result.table, toReference: try Self.readCSV(csvPath))
    }

    @Test("a corrupt spot file is reported with file and line, skipped, and the run completes with errors")
    func corruptSpot() throws {
        let folder = try TemporaryFolder()
        let root = try Self.makeStudy(in: folder, extraSample: false)
        let bad = try folder.write("# Deadtime Correction: on\nChannel\tm/z\tIntensity\n100\t0.1\t2\n300\t0.2\tabc\n", to: "study/Ru-Pd/N_Ru-Pd_Bi3_6.txt")
        var options = SpectraOptions(root: root, peakList: Self.referenceFolder + "/hea_negative_peaks.csv", output: folder.file("out"))
        options.plots = false
        options.bootstrapResamples = 100
        let result = try SpectraWorkflow.run(options)
        #expect(result.record.outcome == .completedWithErrors)
        #expect(result.record.failures.count == 1)
        let failure = try #require(result.record.failures.first)
        #expect(failure.input == bad)
        #expect(failure.message.contains("N_Ru-Pd_Bi3_6.txt:4"))
        #expect(result.table.rows.count == 15)
        #expect(FileManager.default.fileExists(atPath: folder.file("out/results/peak_areas.csv")))
    }

    @Test("the paper's input sheet supplies list, reference and important peaks; unknown names are errors")
    func inputSheetAndErrors() throws {
        let folder = try TemporaryFolder()
        let root = try Self.makeStudy(in: folder, extraSample: false)
        var options = SpectraOptions(root: root, peakList: nil, output: folder.file("out"))
        options.inputsSpreadsheet = try SharedData.path("lombardo-scripts/Inputs_ToF_spectra_analyzer.xlsx")
        options.plots = false
        options.bootstrapResamples = 100
        // The sheet names MIL_Grapgite-Si_22_8_30_TL.TXT, which this study does not have.
        #expect(throws: SIMSError.self) { try SpectraWorkflow.run(options) }
        options.peakList = Self.referenceFolder + "/hea_negative_peaks.csv"
        // The sheet's reference SiO_2- is not in this list: a clear error, not a silent skip.
        do { _ = try SpectraWorkflow.run(options); Issue.record("expected an error") } catch {
            #expect(error.message.contains("SiO_2-"))
        }
        options.inputsSpreadsheet = nil
        options.references = ["#7"]
        let result = try SpectraWorkflow.run(options)
        #expect(result.table.referencePeaks == [6])
    }

    @Test("box and violin plots: important peaks in plots/, others in plots/extra/")
    func plots() throws {
        let folder = try TemporaryFolder()
        let root = try Self.makeStudy(in: folder, extraSample: false)
        let list = try folder.write("assignment,lower,upper\n^35Cl-,34.90,35.10\nCN-,25.90,26.09\n", to: "peaks.csv")
        var options = SpectraOptions(root: root, peakList: list, output: folder.file("out"))
        options.important = ["^35Cl-"]
        options.bootstrapResamples = 50
        let result = try SpectraWorkflow.run(options)
        let out = folder.file("out/plots/")
        for name in ["i35Cl-.svg", "i35Cl-.png", "i35Cl-_violin.svg", "i35Cl-_violin.png", "extra/CN-.svg", "extra/CN-_violin.svg"] {
            #expect(FileManager.default.fileExists(atPath: out + name), "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: out + "CN-.svg"))
        // By default the figures the report does not show (plots/extra/) are SVG only: no PNG is encoded for them.
        #expect(!FileManager.default.fileExists(atPath: out + "extra/CN-.png"))
        #expect(!result.record.outputs.contains { $0.hasPrefix("plots/extra/") && !$0.hasSuffix(".svg") })
        let svg = try String(contentsOfFile: out + "i35Cl-.svg", encoding: .utf8)
        #expect(svg.contains("Peak area / TIC (u)") && svg.contains("Ru-Pd"))
        let png = try Data(contentsOf: URL(fileURLWithPath: out + "i35Cl-.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // The report shows the figures and the tables.
        let html = try String(contentsOfFile: folder.file("out/report.html"), encoding: .utf8)
        #expect(html.contains("Peak areas") && html.contains("Detector saturation") && html.contains("Isotope ratios"))
        #expect(html.contains("i35Cl-"))
        // Report tables typeset ion names (<sup>/<sub>); the CSV keeps the IONTOF notation.
        #expect(html.contains("<tr><td><sup>35</sup>Cl<sup>−</sup></td>"))
        #expect(!html.contains("<tr><td>^35Cl-</td>"))  // (the settings table quotes --important as typed)
        let summary = try String(contentsOfFile: folder.file("out/results/summary.csv"), encoding: .utf8)
        #expect(summary.contains("^35Cl-") && !summary.contains("<sup>"))
        // Spectrum figures: the overview of the polarity and a zoom on the important peak, typeset, in the report.
        let spectra = result.record.outputs.filter { $0.hasPrefix("plots/spectrum_") }
        #expect(spectra.contains("plots/spectrum_i35Cl-.svg") && spectra.contains("plots/spectrum_i35Cl-.png"))
        #expect(spectra.contains { $0.hasSuffix(".svg") && !$0.contains("i35Cl") }, "overview missing: \(spectra)")
        let zoom = try String(contentsOfFile: out + "spectrum_i35Cl-.svg", encoding: .utf8)
        #expect(zoom.contains("m/z (u)") && zoom.contains(">35</tspan><tspan dy=") && zoom.contains(">Cl</tspan>"))
        #expect(html.contains("spectrum around the interval (shaded)"))
        // --figures png,svg given: every figure, extra ones too, in both formats.
        options.figures = [.png, .svg]
        options.output = folder.file("out-png")
        let named = try SpectraWorkflow.run(options)
        #expect(named.record.outputs.contains("plots/extra/CN-.png") && named.record.outputs.contains("plots/extra/CN-_violin.svg"))
        #expect(FileManager.default.fileExists(atPath: folder.file("out-png/plots/extra/CN-_violin.png")))
        // --figures: PDF only.
        options.figures = [.pdf]
        options.output = folder.file("out-pdf")
        let pdfOnly = try SpectraWorkflow.run(options)
        #expect(pdfOnly.record.outputs.contains("plots/i35Cl-.pdf") && !pdfOnly.record.outputs.contains { $0.hasSuffix(".svg") || $0.hasSuffix(".png") && $0.hasPrefix("plots/") })
        let pdf = try Data(contentsOf: URL(fileURLWithPath: folder.file("out-pdf/plots/i35Cl-.pdf")))
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(FileManager.default.fileExists(atPath: folder.file("out/provenance.json")))
    }

    @Test("sims.toml: samples, [spectra] settings and N from [acquisition]")
    func manifest() throws {
        let folder = try TemporaryFolder()
        _ = try Self.makeStudy(in: folder, extraSample: false)
        try FileManager.default.copyItem(atPath: Self.referenceFolder + "/hea_negative_peaks.csv", toPath: folder.file("study/peaks.csv"))
        try folder.write("""
        [samples]
        RuIr = "Ru-Ir"
        RuPd = ["Ru-Pd/N_Ru-Pd_Bi3_1.txt", "Ru-Pd/N_Ru-Pd_Bi3_2.txt"]

        [acquisition]
        raster = 128
        scans = 20
        shots_per_pixel = 1

        [spectra]
        peaks = "peaks.csv"
        reference = "C_2H-"
        important = ["^35Cl-", "CN-"]
        normalization = "corrected_tic"
        """, to: "study/sims.toml")
        var options = SpectraOptions(root: folder.file("study"), output: folder.file("out"))
        options.plots = false
        options.bootstrapResamples = 20
        let result = try SpectraWorkflow.run(options)
        #expect(result.table.samples == ["RuIr", "RuPd"])
        #expect(result.table.rows.count == 7)
        #expect(result.primaryNormalization == .correctedTIC)
        #expect(result.table.referencePeaks.count == 1)
        #expect(result.record.settings.contains { $0.name == "primary pulses N" && $0.value == "327680" })
        #expect(FileManager.default.fileExists(atPath: folder.file("out/results/peak_areas_wide_corrected_tic.csv")))
        let saturation = try Self.readCSV(folder.file("out/results/saturation.csv"))
        #expect(saturation.count == 7 * 20 && saturation.allSatisfy { $0["export_dead_time_corrected"] == "yes" })
    }
}
