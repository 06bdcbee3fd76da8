import Foundation
import SIMSTestSupport
import Testing
@testable import SIMSReport

/// A fully filled configuration: every catalog field with its example value (what a filled template gives).
func filledConfig(except skipped: Set<String> = []) -> Metadata {
    var m = Metadata()
    for field in TableIIIField.all where !skipped.contains(field.key) && field.section != .dataEvaluation {
        m.append(key: field.key, value: TableIII.unquote(field.example))
    }
    m.append(key: "data_evaluation.instrument_software", value: "SurfaceLab 7.3")
    return m
}

@Suite("Table III")
struct TableIIITests {
    @Test("PIDD = I·t/(e·A) hand-computed, with t derived from N × cycle time, and the static-limit warning")
    func pidd() throws {
        // 0.5 pA, 100 × 100 µm² = 1e-4 cm², 128 × 128 px, 50 scans, 1 shot, 100 µs:
        // N = 128·128·50 = 819200, t = 81.92 s, PIDD = 0.5e-12 · 81.92 / (1.602176634e-19 · 1e-4) = 2.5565e12 ions/cm².
        var header = Acquisition()
        header.primaryCurrentPicoampere = 0.5
        header.analysisAreaMicrometers = 100
        header.rasterWidth = 128; header.rasterHeight = 128
        header.scans = 50; header.shotsPerPixel = 1; header.cycleTimeMicroseconds = 100
        let table = TableIII(TableIIIInputs(command: "spectra", header: header))
        #expect(table["derived.primary_pulses"]?.value == "819200")
        #expect(table["derived.acquisition_time_s"]?.value == "81.92")
        let pidd = try #require(table["derived.primary_ion_dose_density"]?.value.flatMap(Double.init))
        #expect(abs(pidd - 2556522116899.1284) / 2556522116899.1284 < 1e-3)
        #expect(abs(TableIII.primaryIonDoseDensity(currentPicoampere: 0.5, seconds: 81.92, areaSquareCentimeters: 1e-4) - 2556522116899.1284) < 1)
        #expect(table["derived.pixel_size_um"]?.value == "0.7812")
        #expect(table.warnings.contains { $0.contains("static limit") })
        // Depth profiles exceed the static limit on purpose: no warning.
        let depth = TableIII(TableIIIInputs(command: "depth", header: header))
        #expect(!depth.warnings.contains { $0.contains("static limit") })
        // Below the limit: 1 pA, 10 s, 500 × 500 µm² → 2.4966e10.
        var low = Acquisition()
        low.primaryCurrentPicoampere = 1; low.acquisitionTimeSeconds = 10; low.analysisAreaMicrometers = 500
        let lowTable = TableIII(TableIIIInputs(command: "spectra", header: low))
        #expect(lowTable["derived.primary_ion_dose_density"]?.value == "2.497e10")
        #expect(!lowTable.warnings.contains { $0.contains("static limit") })
    }

    @Test("Sources: command line > header > config > run; conflicts are warned")
    func sources() {
        var header = Acquisition()
        header.primaryIon = "Bi3+"
        header.primaryEnergyKeV = 30
        header.polarity = .negative
        var cli = Acquisition()
        cli.primaryEnergyKeV = 25
        var config = Metadata()
        config["acquisition.energy_keV"] = "30"
        config["acquisition.polarity"] = "positive"
        config["instrument.charge_compensation"] = "\"flood gun\""
        let table = TableIII(TableIIIInputs(command: "spectra", header: header, commandLine: cli, config: config,
                                            settings: [("primary normalization", "tic")]))
        #expect(table["acquisition.energy_keV"]?.value == "25")
        #expect(table["acquisition.energy_keV"]?.source == .commandLine)
        #expect(table["acquisition.polarity"]?.value == "negative" && table["acquisition.polarity"]?.source == .header)
        #expect(table["instrument.charge_compensation"]?.value == "flood gun" && table["instrument.charge_compensation"]?.source == .config)
        #expect(table["instrument.primary_ion_source"]?.value == "Bi" && table["instrument.primary_ion_source"]?.source == .derived)
        #expect(table["data_evaluation.normalization"]?.source == .run)
        #expect(table["data_evaluation.software"]?.value?.contains(SIMSKitVersion.current) == true)
        #expect(table["instrument.mass_resolution"]?.source == .missing)
        #expect(table.warnings.contains { $0.contains("Polarity") && $0.contains("positive") })
        #expect(!table.warnings.contains { $0.contains("Primary ion energy") }) // header 30 = config 30
    }

    @Test("Imaging, depth and FIB fields are required only when they apply")
    func requirements() {
        let spectra = TableIII(TableIIIInputs(command: "spectra"))
        #expect(spectra["instrument.lateral_resolution_um"]?.required == false)
        #expect(spectra["depth_profiling.sputter_species"]?.required == false)
        #expect(spectra["acquisition.current_pA"]?.required == true)
        let images = TableIII(TableIIIInputs(command: "images"))
        #expect(images["instrument.lateral_resolution_um"]?.required == true)
        let depth = TableIII(TableIIIInputs(command: "depth"))
        #expect(depth["depth_profiling.sputter_species"]?.required == true)
        #expect(depth["sample_preparation.fib_source"]?.required == false)
        var fib = Metadata()
        fib["sample_preparation.fib_used"] = "true"
        #expect(TableIII(TableIIIInputs(command: "spectra", config: fib))["sample_preparation.fib_source"]?.required == true)
    }

    @Test("methods.md states every given field and names every missing required one")
    func methods() throws {
        let skipped: Set = ["instrument.mass_resolution", "sample_preparation.transfer"]
        var config = filledConfig(except: skipped)
        config["sample_preparation.fib_used"] = "true"
        let table = TableIII(TableIIIInputs(command: "depth", config: config, settings: [("scaling", "poisson")]))
        let text = table.methodsMarkdown(commandLine: "depth data --out o")
        for entry in table.entries where entry.value != nil {
            let shown = entry.displayValue!
            // Values are stated (area/crater values are written "W x H µm²").
            let probe = entry.key.hasSuffix("_um") && shown.contains(" x ") ? shown.replacingOccurrences(of: " µm", with: "") : shown
            switch entry.key {
            case "sample_preparation.insulating_tape": #expect(text.contains("mounted on insulating tape"))
            case "sample_preparation.fib_used": #expect(text.contains("prepared by focused ion beam"))
            default: #expect(text.lowercased().contains(probe.lowercased()), "methods.md does not state \(entry.key) = \(shown)")
            }
        }
        for key in skipped {
            #expect(text.contains("`\(key)`"), "methods.md does not name missing \(key)")
        }
        #expect(text.contains("## Missing Table III fields"))
        #expect(table.missingRequired.map(\.key).sorted() == skipped.sorted())
        let complete = TableIII(TableIIIInputs(command: "spectra", config: filledConfig()))
        #expect(complete.missingRequired.isEmpty)
        #expect(complete.methodsMarkdown(commandLine: "spectra").contains("All Table III fields required for this run are reported."))
    }

    @Test("The template lists every field once, commented, under its table")
    func template() {
        let text = TableIII.configTemplate()
        for field in TableIIIField.all {
            #expect(text.components(separatedBy: "\n# \(field.name) = ").count == 2, "\(field.key)")
        }
        #expect(text.contains("[acquisition]") && text.contains("[sample_preparation]") && text.contains("[data_evaluation]"))
    }

    @Test("Number formatting for reports")
    func format() {
        #expect(TableIII.format(30) == "30")
        #expect(TableIII.format(0.78125) == "0.7812")
        #expect(TableIII.format(2.5566e12) == "2.557e12")
        #expect(TableIII.format(1.5e-5) == "1.5e-5")
        #expect(TableIII.pair("100 x 50")! == (100, 50))
        #expect(TableIII.pair("[100, 100]")! == (100, 100))
        #expect(TableIII.pair("256")! == (256, 256))
        #expect(TableIII.values(of: ["polarity": "neg", "acquisition.area_um": "100", "acquisition.area_height_um": "50",
                                     "acquisition.raster": "256", "acquisition.raster_height": "128"] as Metadata)
                 == ["polarity": "neg", "acquisition.polarity": "negative", "acquisition.area_um": "100 x 50",
                     "acquisition.area_height_um": "50", "acquisition.raster": "256 x 128", "acquisition.raster_height": "128"])
    }
}

@Suite("HTML report")
struct ReportHTMLTests {
    func document(folder: String) throws -> ReportDocument {
        let plot = BoxPlot(groups: [("A", [1, 2, 3]), ("B <&>", [2, 3, 5])], yTitle: "area / TIC")
        try FileManager.default.createDirectory(atPath: folder + "/plots", withIntermediateDirectories: true)
        try Data(plot.svg.utf8).write(to: URL(fileURLWithPath: folder + "/plots/box.svg"))
        try plot.png(scale: 1).write(to: URL(fileURLWithPath: folder + "/plots/box.png"))
        var section = ReportSection(title: "Peak areas & <statistics>", workflow: "spectra")
        section.paragraph("Areas are trapezoid integrals of TIC-normalized spectra; 5 < n.")
        section.figure("plots/box.svg", caption: "LiF2- per sample")
        section.figure("plots/box.png", caption: "same as PNG")
        section.figure("plots/missing.svg", caption: "gone")
        section.table("Means", header: ["peak", "mean"], rows: (0 ..< 250).map { ["p\($0)", "\($0)"] }, csv: "results/means.csv")
        section.warning("low n")
        section.file("results/means.csv", label: "means.csv")
        let table = TableIII(TableIIIInputs(command: "spectra", config: filledConfig(except: ["acquisition.polarity"])))
        let prov = Provenance(command: "spectra", arguments: ["data", "--out", "o b"], settings: [.init(name: "normalization", value: "tic")],
                              inputs: [.init(path: "a.txt", bytes: 3, sha256: "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81")], outputs: ["results/means.csv"],
                              warnings: ["saturation: Li- I/N = 0.2"], failures: [.init(input: "bad.txt", message: "bad.txt:3: malformed")],
                              outcome: "completed with errors", tableIII: table.entries)
        return ReportDocument(title: "Test report", provenance: prov, tableIII: table, sections: [section])
    }

    @Test("report.html is well-formed XHTML, self-contained, navigable and shows Table III")
    func wellFormed() throws {
        let folder = try TemporaryFolderForReport()
        let doc = try document(folder: folder.path)
        let html = doc.html(folder: folder.path)
        let parsed = XMLCheck.parse(html)
        #expect(parsed.ok, "report.html is not well-formed: \(parsed.error ?? "")")
        #expect(parsed.elements.filter { $0 == "section" }.count == 6) // overview, warnings, 1 workflow, table III, methods, provenance
        #expect(parsed.elements.contains("svg") && parsed.elements.contains("img") && parsed.elements.contains("nav"))
        #expect(html.contains("data:image/png;base64,"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/", with: "").contains("http://"))
        #expect(!html.contains("https://"))
        #expect(html.contains("MISSING (required)"))
        #expect(html.contains("Figure file missing"))
        #expect(html.contains("Showing 200 of 250 rows"))
        #expect(html.contains("saturation: Li- I/N = 0.2"))
        for id in ["overview", "warnings", "section-1", "table-iii", "methods", "provenance"] {
            #expect(html.contains("href=\"#\(id)\"") && html.contains("id=\"\(id)\""))
        }
    }

    @Test("report.json round-trips and rebuilding with a new config fills Table III")
    func roundTrip() throws {
        let folder = try TemporaryFolderForReport()
        var doc = try document(folder: folder.path)
        doc.tableIIIInputs = TableIIIInputs(command: "spectra", config: filledConfig(except: ["acquisition.polarity"]))
        let decoded = try ReportDocument.decode(Data(doc.jsonText.utf8), file: "report.json")
        #expect(decoded == doc)
        #expect(decoded.jsonText == doc.jsonText) // deterministic
        #expect(doc.tableIII.missingRequired.map(\.key) == ["acquisition.polarity"])
        let rebuilt = doc.replacingConfig(filledConfig())
        #expect(rebuilt.tableIII.missingRequired.isEmpty)
        #expect(rebuilt.provenance.tableIII.first { $0.key == "acquisition.polarity" }?.value == "negative")
        #expect(!rebuilt.warnings.contains { $0.contains("required field(s) missing") })
        #expect(rebuilt.warnings.contains("saturation: Li- I/N = 0.2"))
    }
}

/// Temporary folder (SIMSTestSupport's, re-exported under a local name for readability).
typealias TemporaryFolderForReport = SIMSTestSupport.TemporaryFolder
