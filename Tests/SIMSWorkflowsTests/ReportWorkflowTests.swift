import Foundation
import FoundationXML
import SIMSTestSupport
import Testing
@testable import SIMSWorkflows

/// The `sims init` template with every Table III field uncommented (example values), minus `dropping` keys;
/// `[samples]` lists `samples` (sample = folder name).
func filledTemplate(dropping: Set<String> = [], samples: [String] = []) -> String {
    var table = ""
    let skip = dropping.union(["acquisition.dead_time_corrected"])
    return TableIII.configTemplate(samples: samples.map { ($0, $0) }).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        if line.hasPrefix("[") { table = String(line.dropFirst().dropLast()) }
        guard table != "samples", line.hasPrefix("# "), let eq = line.range(of: " = ") else { return String(line) }
        let name = String(line[line.index(line.startIndex, offsetBy: 2) ..< eq.lowerBound])
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !skip.contains(table + "." + name) else { return String(line) }
        return String(line.dropFirst(2))
    }.joined(separator: "\n")
}

final class XHTMLCheck: NSObject, XMLParserDelegate, @unchecked Sendable {
    static func wellFormed(_ text: String) -> (Bool, String) {
        let parser = XMLParser(data: Data(text.utf8))
        let ok = parser.parse()
        return (ok, parser.parserError.map { String(describing: $0) } ?? "")
    }
}

@Suite("Report workflow")
struct ReportWorkflowTests {
    /// Runs `sims spectra` on real spectra with a filled sims.toml, writes the report and returns the folder.
    static func spectraRun(in folder: TemporaryFolder, dropping: Set<String> = [], richer: Bool = false) throws -> (String, ReportDocument) {
        let root = try SpectraWorkflowTests.makeStudy(in: folder, extraSample: false)
        let tomlPath = try folder.write(filledTemplate(dropping: dropping), to: "sims.toml")
        var options = SpectraOptions(root: root, peakList: SpectraWorkflowTests.referenceFolder + "/hea_negative_peaks.csv", output: folder.file("out"))
        options.plots = false
        options.bootstrapResamples = 50
        options.arguments = ["spectra", root, "--out", folder.file("out")]
        var record = try SpectraWorkflow.run(options).record
        record.configuration = try TOMLFlattening.metadata(fromFile: tomlPath)
        let out = try OutputFolder(folder.file("out"))
        var section = ReportSection(title: "Peak areas", workflow: "spectra")
        section.paragraph("A box plot for the report test.")
        let plot = BoxPlot(groups: [("A", [1, 2, 3, 4]), ("B", [2, 3, 4, 6])], yTitle: "area / TIC")
        section.figure(try out.write(plot, as: "plots/" + OutputFolder.safeName("test box"), record: &record), caption: "test figure")
        record.add(section)
        if richer {
            var images = ReportSection(title: "Ion image", workflow: "images")
            let w = 48, h = 32
            let values = (0 ..< w * h).map { i -> Double in Double((i % w - 20) * (i % w - 20) + (i / w - 12) * (i / w - 12)) }
            let heat = HeatMap(width: w, height: h, values: values, title: "Li-", pixelSizeMicrometers: 100.0 / 48)
            images.figure(try out.write(heat, as: "plots/heat", record: &record).replacingOccurrences(of: ".svg", with: ".png"), caption: "PNG figure")
            images.table("Summary", header: ["ion", "mean", "sd"], rows: [["Li-", "1.5", "0.2"], ["F-", "2.5", "0.3"]], csv: "results/summary.csv")
            images.warning("An example warning inside a section.")
            record.add(images)
        }
        let document = try record.writeReport(to: out)
        return (out.path, document)
    }

    @Test("filled template → spectra run → methods.md states every field, PIDD hand-computed; files well-formed")
    func filledTemplateRun() throws {
        let folder = try TemporaryFolder()
        let (out, document) = try Self.spectraRun(in: folder)
        for name in ["report.html", "provenance.json", "methods.md", "report.json", "plots/test_box.svg"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) missing")
        }
        let methods = try String(contentsOfFile: out + "/methods.md", encoding: .utf8)
        // Every config value is stated (examples from the template).
        for phrase in ["Bi3+ primary ions", "from a Bi source", "30 keV", "0.45 pA", "aperture Ap 1", "high mass resolution (spectrometry)",
                       "100 x 100 µm²", "128 x 128 pixels", "50 scans", "1 shot per pixel", "stopped after 50 scans", "100 µs",
                       "electron flood gun, 21 eV", "m/dm = 8000 at C2H5+ (m/z 29)", "IONTOF TOF.SIMS 5", "Ar glovebox",
                       "rinsed with DMC", "insulating tape", "MBraun, Ar", "IONTOF transfer vessel under Ar", "SurfaceLab 7.3",
                       "SIMSKit \(SIMSKitVersion.current)"] {
            #expect(methods.contains(phrase), "methods.md lacks \(phrase)")
        }
        // Hand computation with the template's acquisition time 120 s:
        // PIDD = 0.45e-12 A · 120 s / (1.602176634e-19 C · (100e-4 cm)²) = 3.3704e12 ions/cm² > 1e12.
        #expect(methods.contains("The acquisition took 120 s."))
        #expect(methods.contains("3.37e12 ions/cm²"))
        #expect(document.warnings.contains { $0.contains("static limit") })
        #expect(methods.contains("All Table III fields required for this run are reported."))
        // report.html well-formed; provenance JSON lists hashed inputs.
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        let check = XHTMLCheck.wellFormed(html)
        #expect(check.0, "report.html not well-formed: \(check.1)")
        let provenance = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/provenance.json"))) as! [String: Any]
        let inputs = provenance["inputs"] as! [[String: Any]]
        #expect(inputs.count == 16) // peak list + 3 samples × 5 spots
        #expect(inputs.allSatisfy { ($0["sha256"] as! String).count == 64 })
        #expect((provenance["tableIII"] as! [[String: Any]]).contains { $0["key"] as? String == "acquisition.polarity" && $0["source"] as? String == "config" })
    }

    @Test("missing fields are named; `sims report DIR --config` fills them in")
    func missingAndRebuild() throws {
        let folder = try TemporaryFolder()
        let dropped: Set = ["instrument.aperture", "sample_preparation.transfer"]
        let (out, _) = try Self.spectraRun(in: folder, dropping: dropped.union(["acquisition.acquisition_time_s"]))
        let methods = try String(contentsOfFile: out + "/methods.md", encoding: .utf8)
        // Without an acquisition time: N = 128·128·50·1 = 819200 pulses, t = N · 100 µs = 81.92 s,
        // PIDD = 0.45e-12 A · 81.92 s / (1.602176634e-19 C · 1e-4 cm²) = 2.3009e12 ions/cm².
        #expect(methods.contains("81.92 s"))
        #expect(methods.contains("2.301e12 ions/cm²"))
        #expect(methods.contains("## Missing Table III fields"))
        for key in dropped { #expect(methods.contains("`\(key)`")) }
        // Complete the config and rebuild the report.
        let complete = try folder.write(filledTemplate(), to: "complete.toml")
        try ReportWorkflow.rebuild(folder: out, config: try TOMLFlattening.metadata(fromFile: complete))
        let rebuilt = try String(contentsOfFile: out + "/methods.md", encoding: .utf8)
        #expect(!rebuilt.contains("## Missing Table III fields"))
        #expect(rebuilt.contains("aperture Ap 1"))
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(XHTMLCheck.wellFormed(html).0)
        #expect(html.contains("<svg")) // figure re-read from plots/
    }

    @Test("provenance hash changes when an input changes by one byte")
    func hashChanges() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("# test\n1\t1.0\t5\n2\t2.0\t7\n", to: "in.txt")
        var record = RunRecord(command: "spectra")
        record.inputs = [path]
        let before = record.reportDocument().provenance.inputs[0].sha256
        try folder.write("# test\n1\t1.0\t5\n2\t2.0\t8\n", to: "in.txt")
        let after = record.reportDocument().provenance.inputs[0].sha256
        #expect(before.count == 64 && after.count == 64 && before != after)
    }

    @Test("sims init ROOT (as the README says) writes ROOT/sims.toml listing its samples; a new ROOT is created")
    func initIntoStudyFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("x", to: "study/NMC-a/s1.txt")
        try folder.write("x", to: "study/NMC-b/s1.txt")
        let root = folder.file("study")
        #expect(ReportWorkflow.templatePath(for: root) == root + "/sims.toml")
        #expect(try ReportWorkflow.writeTemplate(to: root) == ["NMC-a", "NMC-b"])
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect(try String(contentsOfFile: root + "/sims.toml", encoding: .utf8).contains("NMC-b"))
        #expect(throws: SIMSError.self) { try ReportWorkflow.writeTemplate(to: root) }  // sims.toml exists
        let fresh = folder.file("new study")
        try ReportWorkflow.writeTemplate(to: fresh)
        #expect(FileManager.default.fileExists(atPath: fresh + "/sims.toml"))
        #expect(ReportWorkflow.templatePath(for: folder.file("my.toml")) == folder.file("my.toml"))
    }

    @Test("sims init writes the template and refuses to overwrite")
    func initTemplate() throws {
        let folder = try TemporaryFolder()
        try ReportWorkflow.writeTemplate(to: folder.file("sims.toml"))
        let metadata = try TOMLFlattening.metadata(fromFile: folder.file("sims.toml"))
        #expect(metadata.isEmpty) // everything commented out
        #expect(throws: SIMSError.self) { try ReportWorkflow.writeTemplate(to: folder.file("sims.toml")) }
        let filled = try TOMLFlattening.metadata(fromString: filledTemplate())
        #expect(filled["acquisition.energy_keV"] == "30")
        #expect(filled["acquisition.polarity"] == "negative")
        #expect(filled["sample_preparation.insulating_tape"] == "true")
        #expect(throws: SIMSError.self) { try TOMLFlattening.metadata(fromString: "[acquisition\nx = ", file: "bad.toml") }
    }
}

/// Renders a real report with headless Chromium through scripts/screenshot-report.sh.
@Suite("Report screenshot")
struct ReportScreenshotTests {
    static var chromium: String? {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for dir in ["/usr/bin", "/usr/local/bin", "/snap/bin"] where FileManager.default.isExecutableFile(atPath: dir + "/" + name) {
                return dir + "/" + name
            }
        }
        return nil
    }

    @Test("report.html renders in headless Chromium")
    func screenshot() throws {
        guard Self.chromium != nil else {
            let message = """
            ################################################################################
            SKIPPED report screenshot test: Chromium is not installed.
            Install it with: scripts/screenshot-report.sh <report.html> <out.png>  (runs apt-get install -y chromium)
            ################################################################################
            """
            FileHandle.standardError.write(Data((message + "\n").utf8))
            print(message)
            return
        }
        let folder = try TemporaryFolder()
        let (out, _) = try ReportWorkflowTests.spectraRun(in: folder, dropping: ["instrument.mass_resolution"], richer: true)
        let png = folder.file("report.png")
        let (status, _) = try ExternalTool.run(["bash", SharedData.repositoryRoot.path + "/scripts/screenshot-report.sh", out + "/report.html", png, "1200", "1600"],
                                               discardingOutput: true)
        #expect(status == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(data.count > 10_000)
        #expect(Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        if let keep = ProcessInfo.processInfo.environment["SIMSKIT_SCREENSHOT"] {
            try data.write(to: URL(fileURLWithPath: keep))
            try? FileManager.default.removeItem(atPath: keep + ".dir")
            try FileManager.default.copyItem(atPath: out, toPath: keep + ".dir")
        }
    }
}

@Suite("Report on the simulated study")
struct SimulatedStudyReportTests {
    @Test("filled template + sims spectra on the simulator study: methods.md states every field, names the missing, PIDD by hand")
    func simulatedStudy() throws {
        let folder = try TemporaryFolder()
        let study = try simulateStudy(.small, seed: 7)
        let root = folder.file("study")
        for spot in study.spots(polarity: .negative) {
            try IONTOFSpectrumFormat.write(spot.spectrum, to: root + "/" + spot.sample + "/" + spot.name + ".txt")
        }
        let peaks = folder.file("peaks.txt")
        try IONTOFIntervalListFormat.write(study.peakList(polarity: .negative), to: peaks)
        // Template filled in, without the acquisition time (derived from N × cycle time) and two required fields.
        let dropped: Set = ["instrument.mass_resolution", "sample_preparation.storage"]
        // The filled template is the study's manifest (sims.toml in the study folder, samples listed).
        let samples = Array(Set(study.spots(polarity: .negative).map(\.sample))).sorted()
        let toml = try folder.write(filledTemplate(dropping: dropped.union(["acquisition.acquisition_time_s"]), samples: samples), to: "study/sims.toml")
        var options = SpectraOptions(root: root, peakList: peaks, output: folder.file("out"))
        options.plots = false
        options.bootstrapResamples = 50
        options.primaryPulses = study.design.beam.primaryPulses
        options.arguments = ["spectra", root, "--peaks", peaks, "--out", folder.file("out")]
        var record = try SpectraWorkflow.run(options).record
        let manifest = try StudyManifest.read(from: toml)
        #expect(manifest.samples.map(\.name) == samples)
        #expect(manifest.acquisition.primaryCurrentPicoampere == 0.45 && manifest.acquisition.rasterWidth == 128)
        record.use(manifest)
        let out = try OutputFolder(folder.file("out"))
        let document = try record.writeReport(to: out)
        #expect(document.tableIII["acquisition.current_pA"]?.source == .config)
        #expect(document.tableIII["instrument.aperture"]?.value == "Ap 1")
        let methods = try String(contentsOfFile: out.file("methods.md"), encoding: .utf8)
        // Every given field is stated (generic check over the filled table).
        for entry in document.tableIII.entries where entry.value != nil {
            switch entry.key {
            case "sample_preparation.insulating_tape": #expect(methods.contains("mounted on insulating tape"))
            case "sample_preparation.fib_used": #expect(methods.contains("FIB used: false"))
            default:
                let shown = entry.displayValue!
                let probe = entry.key.hasSuffix("_um") && shown.contains(" x ") ? shown.replacingOccurrences(of: " µm", with: "") : shown
                #expect(methods.lowercased().contains(probe.lowercased()), "methods.md lacks \(entry.key) = \(shown)")
            }
        }
        for key in dropped { #expect(methods.contains("`\(key)`"), "missing \(key) not named") }
        // PIDD by hand: N = 128 · 128 · 50 · 1 = 819200 pulses; t = N · 100 µs = 81.92 s;
        // PIDD = 0.45e-12 A · 81.92 s / (1.602176634e-19 C · (100 µm · 100 µm = 1e-4 cm²)) = 2.3009e12 ions/cm².
        #expect(document.tableIII["derived.primary_ion_dose_density"]?.value == "2.301e12")
        #expect(methods.contains("The acquisition took 81.92 s.") && methods.contains("2.301e12 ions/cm²"))
        #expect(document.tableIII["derived.primary_ion_dose_density"]?.source == .derived)
        #expect(document.tableIII["data_evaluation.normalization"]?.source == .run)
        let html = try String(contentsOfFile: out.file("report.html"), encoding: .utf8)
        #expect(XHTMLCheck.wellFormed(html).0)
        #expect(document.provenance.inputs.count == 1 + study.spots(polarity: .negative).count)
    }
}

@Suite("sims.toml beside images and depth profiles")
struct ParameterManifestTests {
    @Test("the simulator writes Table III parameters beside its images and depth profile; every workflow's record reads them")
    func simulatedParametersReachTableIII() throws {
        let folder = try TemporaryFolder("simskit-manifest")
        var designs = DemoWorkflowTests.tiny
        designs.imaging.beam.scans = 7
        _ = try SimulationWriter(folder: folder.file("data"), seed: 1, designs: designs).write(.imaging)
        _ = try SimulationWriter(folder: folder.file("data"), seed: 1, designs: designs).write(.depth)
        // An image file, its folder and the images root all find data/imaging/sims.toml.
        let ascii = folder.file("data/imaging/ascii")
        let file = ascii + "/" + (try FileManager.default.contentsOfDirectory(atPath: ascii).sorted().first!)
        for input in [file, ascii, folder.file("data/imaging")] {
            var record = RunRecord(command: "images")
            let before = record.tableIII.missingRequired.count
            #expect(try record.useManifest(describing: input) == folder.file("data/imaging/sims.toml"))
            #expect(record.configAcquisition.scans == 7 && record.configAcquisition.rasterWidth == designs.imaging.beam.raster)
            #expect(record.tableIII.missingRequired.count < before - 5)
        }
        var depth = RunRecord(command: "depth")
        let profile = try FileManager.default.contentsOfDirectory(atPath: folder.file("data/depth")).first { $0.hasSuffix(".txt") }!
        #expect(try depth.useManifest(describing: folder.file("data/depth/" + profile)) != nil)
        #expect(depth.configAcquisition.polarity == designs.depth.polarity)
        #expect(depth.configuration["depth_profiling.sputter_time_per_step_s"] == "10")
        // No manifest: nothing taken, no error; a broken one: a clear error naming the file.
        var none = RunRecord(command: "mva")
        #expect(try none.useManifest(describing: folder.file("data")) == nil)
        try folder.write("[acquisition]\nraster = \"wide\"\n", to: "bad/sims.toml")
        #expect { try none.useManifest(describing: folder.file("bad")) } throws: { ($0 as? SIMSError)?.file?.hasSuffix("bad/sims.toml") == true }
    }
}
