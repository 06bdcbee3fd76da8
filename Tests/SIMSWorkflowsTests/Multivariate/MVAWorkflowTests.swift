import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

@Suite("sims mva workflow")
struct MVAWorkflowTests {
    /// A 24 × 20 image of three phases (vertical bands) imaged in 5 ions with distinct phase spectra.
    static func imageSet() throws -> (ImageSet, [[Double]]) {
        let width = 24, height = 20
        let spectra: [[Double]] = [[500, 50, 10, 200, 20], [20, 400, 50, 10, 300], [10, 30, 600, 100, 50]]
        var g = SeededGenerator(seed: 3)
        var fractions = [[Double]](repeating: [Double](repeating: 0, count: width * height), count: 3)
        for y in 0..<height { for x in 0..<width {
            let phase = x < 8 ? 0 : x < 16 ? 1 : 2
            fractions[phase][y * width + x] = 1
        } }
        var images: [IonImage] = []
        for (j, ion) in ["A-", "B-", "C-", "D-", "E-"].enumerated() {
            var counts = ContiguousArray<Double>(repeating: 0, count: width * height)
            for i in 0..<(width * height) {
                let mean = (0..<3).reduce(0.0) { $0 + fractions[$1][i] * spectra[$1][j] }
                counts[i] = max(0, (mean + mean.squareRoot() * g.normal()).rounded())
            }
            images.append(IonImage(width: width, height: height, counts: counts, ion: ion, fieldOfViewMicrometers: 50))
        }
        return (try ImageSet(measurement: "bands", id: 1, images: images), fractions)
    }

    func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
        return sab / (saa * sbb).squareRoot()
    }

    @Test("MCR-ALS component images recover the three phase maps (r > 0.99)")
    func mcrRecovers() throws {
        let (set, truth) = try Self.imageSet()
        var options = MVAWorkflow.Options(input: "", output: "")
        options.method = .mcr
        options.components = 3
        let analysis = try MVAWorkflow.analyze(set, options: options)
        for phase in truth {
            let best = (0..<3).map { c in correlation((0..<analysis.componentImages.rows).map { analysis.componentImages[$0, c] }, phase) }.max()!
            #expect(best > 0.99)
        }
        #expect(analysis.fitQuality! < 20)
    }

    @Test("every method runs end to end on IONTOF ASCII exports: TIFF component images, CSV, report section")
    func endToEnd() throws {
        let (set, _) = try Self.imageSet()
        let folder = try TemporaryFolder()
        _ = try set.writeIONTOFASCII(to: folder.file("exports"))
        for method in MVAWorkflow.Method.allCases {
            var options = MVAWorkflow.Options(input: folder.file("exports"), output: folder.file("out"))
            options.method = method
            options.components = 2
            options.plots = false
            let result = try MVAWorkflow.run(options)
            #expect(result.record.outcome == .success)
            // The TIFF holds the component image's values (float32) at the image's size and pixel size.
            let tiff = try TIFF.read(folder.file("out/images/bands_\(method.rawValue)_component2.tif"))
            let analysis = try #require(result.analyses.first)
            #expect(tiff.width == 24 && tiff.height == 20)
            #expect(abs((tiff.pixelSizeMicrometers ?? 0) - 50.0 / 24) < 1e-4)
            for i in [0, 100, 479] {
                let value = analysis.componentImages[i, 1]
                #expect(abs(tiff.values[i] - value) <= 1e-6 * max(1, abs(value)))
            }
            #expect(FileManager.default.fileExists(atPath: folder.file("out/results/bands_\(method.rawValue)_components.csv")))
            #expect(!FileManager.default.fileExists(atPath: folder.file("out/images/bands_\(method.rawValue)_component1.png")))
            // The report section names the method and lists every component of the measurement.
            let section = try #require(result.record.sections.first { $0.workflow == "mva" })
            #expect(section.title.contains(method.rawValue.uppercased()))
            #expect(section.blocks.first { $0.kind == .table }?.rows?.count == 2)
            #expect(!section.blocks.contains { $0.kind == .figure })
            #expect(FileManager.default.fileExists(atPath: folder.file("out/report.html")))
        }
        var tooMany = MVAWorkflow.Options(input: folder.file("exports"), output: folder.file("out"))
        tooMany.components = 9
        #expect(throws: SIMSError.self) { try MVAWorkflow.run(tooMany) }
    }

    @Test("figures: each component image framed with title, colour bar and scale bar; spectra as bar plots; all in report.html")
    func figures() throws {
        let (set, _) = try Self.imageSet()
        let folder = try TemporaryFolder()
        _ = try set.writeIONTOFASCII(to: folder.file("exports"))
        var options = MVAWorkflow.Options(input: folder.file("exports"), output: folder.file("out"))
        options.method = .mcr
        options.components = 1
        options.pngScale = 0.25  // small rasters keep the debug-build test fast
        let result = try MVAWorkflow.run(options)
        let base = folder.file("out/images/bands_mcr_component1")
        let svg = try String(contentsOfFile: base + ".svg", encoding: .utf8)
        #expect(svg.contains("bands – MCR component 1"))        // title
        #expect(svg.contains("concentration C (a.u.)"))          // colour-bar title
        #expect(svg.contains("µm"))                              // scale bar (50 µm field of view)
        #expect(svg.components(separatedBy: "<image").count == 3) // the component image and the colour bar
        // The PNG is the whole figure (520 drawing units wide at scale 0.25), not the bare 24 × 20 pixel image.
        let png = try Data(contentsOf: URL(fileURLWithPath: base + ".png"))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 130)
        let spectrum = try String(contentsOfFile: folder.file("out/plots/bands_mcr_component1_spectrum.svg"), encoding: .utf8)
        // Ion labels typeset where they are ions (B⁻, C⁻: the charge a superscript minus U+2212 in a <tspan>);
        // A-, D-, E- are not formulas and stay as written.
        for letter in ["B", "C"] { #expect(spectrum.contains(">\(letter)<tspan") && spectrum.contains(">\u{2212}</tspan>")) }
        for ion in ["A-", "D-", "E-"] { #expect(spectrum.contains(">\(ion)<")) }
        let section = try #require(result.record.sections.first { $0.workflow == "mva" })
        let figures = section.blocks.filter { $0.kind == .figure }.compactMap(\.path)
        #expect(figures == ["images/bands_mcr_component1.svg", "plots/bands_mcr_component1_spectrum.svg"])
        let html = try String(contentsOfFile: folder.file("out/report.html"), encoding: .utf8)
        #expect(html.contains("bands: component 1 image (concentration C (a.u.))"))
        #expect(result.record.outputs.contains("images/bands_mcr_component1.png"))
    }
}

extension MVAWorkflowTests {
    @Test("imzML from other software: without --peaks a clear error says so; with a mass interval list PCA runs")
    func realImzMLNeedsPeaks() throws {
        let folder = try TemporaryFolder()
        let imzML = try SharedData.path("imzml/Example_Continuous.imzML")
        var options = MVAWorkflow.Options(input: imzML, output: folder.file("none"))
        options.plots = false
        #expect { try MVAWorkflow.run(options) } throws: { ($0 as? SIMSError)?.kind == .empty }
        let list = try folder.write("assignment,lower,upper\nA,150,160\nB,200,210\nC,300,310\nD,400,410\n", to: "list.csv")
        options.peakList = list
        options.output = folder.file("out")
        options.components = 2
        let result = try MVAWorkflow.run(options)
        #expect(result.record.failures.isEmpty)
        let analysis = try #require(result.analyses.first)
        #expect(analysis.ions == ["A", "B", "C", "D"] && analysis.componentImages.rows == 9)
        #expect(result.record.inputs.contains(list))
    }
}
