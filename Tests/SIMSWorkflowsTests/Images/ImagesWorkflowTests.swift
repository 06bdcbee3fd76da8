import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

@Suite("sims images workflow")
struct ImagesWorkflowTests {
    /// A study of two samples × two measurements of IONTOF ASCII image sets: Li- is 20 % (sample A) or 10 %
    /// (sample B) of the total in one phase and 0 in the other; a topography factor scales everything; one
    /// pixel column has zero total (pore).
    static func makeStudy(in folder: TemporaryFolder) throws -> String {
        for (sample, fraction) in [("A", 0.2), ("B", 0.1)] {
            for m in 1...2 {
                var li = ContiguousArray<Double>(), so3 = ContiguousArray<Double>(), so4 = ContiguousArray<Double>(), total = ContiguousArray<Double>()
                for y in 0..<6 {
                    for x in 0..<8 {
                        let t = x == 7 ? 0.0 : (x < 3 ? 3000.0 : 600.0) * Double(1 + y + m)
                        total.append(t)
                        li.append((t * (x < 3 ? fraction : 0)).rounded())
                        so3.append((t * 0.01).rounded())
                        so4.append((t * 0.04).rounded())
                    }
                }
                let images = [("Li-", li, 7.016), ("SO3-", so3, 79.957), ("SO4-", so4, 95.952)].map { entry -> IonImage in
                    var image = IonImage(width: 8, height: 6, counts: entry.1, ion: entry.0, fieldOfViewMicrometers: 80)
                    image.massInterval = MassInterval(lower: entry.2 - 0.05, upper: entry.2 + 0.05, center: entry.2)
                    return image
                }
                let set = try ImageSet(measurement: "\(sample)_spot\(m)", id: m, images: images,
                                       total: IonImage(width: 8, height: 6, counts: total, ion: "total", fieldOfViewMicrometers: 80))
                try set.writeIONTOFASCII(to: folder.file("study/\(sample)"))
            }
        }
        return folder.file("study")
    }

    @Test func writesStatisticsImagesAndNoNonFiniteValues() throws {
        let folder = try TemporaryFolder()
        let root = try Self.makeStudy(in: folder)
        var options = ImagesOptions(root: root, output: folder.file("out"))
        options.multiply = [["SO3-", "SO4-"]]
        options.overlays = [["Li-", "SO3-"]]
        options.regions = ["left:0,0,3,6"]
        options.plots = false  // figures are checked in figuresAreWritten (rasterizing is slow in debug builds)
        let result = try ImagesWorkflow.run(options)
        #expect(result.record.outcome == .success)
        // 4 measurements × (3 ions + 1 product).
        #expect(result.rows.count == 16)
        let li = result.rows.filter { $0.ion == "Li-" && $0.sample == "A" }
        #expect(li.count == 2)
        for row in li {
            #expect(row.excludedPixels == 6 && row.validPixels == 42)
            // Per pixel: 3 of 7 valid columns carry 20 % → mean 0.2·3/7; whole area weighted by bright phase.
            #expect(abs(row.meanOfRatios! - 0.2 * 3 / 7) < 1e-12)
            #expect(abs(row.ratioOfSums! - 0.2 * 9000 / (9000 + 4 * 600)) < 1e-12)
        }
        let product = try #require(result.rows.first { $0.ion == "SO3-*SO4-" })
        #expect(abs(product.meanOfRatios! - 0.02) < 1e-3)  // geometric mean of 1 % and 4 % (rounded counts)
        let csv = try String(contentsOfFile: folder.file("out/results/image_stats.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("sample,measurement,ion,total_counts,reference,ratio_of_sums,mean_of_ratios,sum_of_ratios,valid_pixels,excluded_pixels\n"))
        #expect(!csv.lowercased().contains("nan") && !csv.contains("inf"))
        for file in ["images/A_spot1/Li-_counts.tif", "images/A_spot1/Li-_ratio.tif",
                     "images/A_spot1/excluded_mask.tif", "results/image_sample_stats.csv", "results/roi_stats.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.file("out/" + file)), "\(file)")
        }
        let ratio = try TIFF.read(folder.file("out/images/A_spot1/Li-_ratio.tif"))
        #expect(ratio.values.allSatisfy { $0.isFinite })
        let mask = try TIFF.read(folder.file("out/images/A_spot1/excluded_mask.tif"))
        #expect(mask.values.filter { $0 == 1 }.count == 6)
        let left = try #require(result.regions.first { $0.ion == "Li-" && $0.sample == "B" })
        #expect(abs(left.statistics.meanOfRatios! - 0.1) < 1e-3)
    }

    @Test func figuresAreWritten() throws {
        let folder = try TemporaryFolder()
        let root = try Self.makeStudy(in: folder)
        try FileManager.default.removeItem(atPath: root + "/B")
        for name in try FileManager.default.contentsOfDirectory(atPath: root + "/A") where name.hasPrefix("A_spot2") {
            try FileManager.default.removeItem(atPath: root + "/A/" + name)
        }
        var options = ImagesOptions(root: root, output: folder.file("out"))
        options.ions = ["Li-"]
        options.overlays = [["Li-", "total"]]
        options.pngScale = 0.25  // small rasters keep the debug-build test fast
        _ = try ImagesWorkflow.run(options)
        for file in ["images/A_spot1/Li-.png", "images/A_spot1/Li-_ratio.png", "images/A_spot1/excluded_mask.png",
                     "images/A_spot1/overlay_Li-_total.png", "plots/Li-_mean_of_ratios.png", "plots/Li-_ratio_of_sums.svg", "report.html", "provenance.json"] {
            let data = try #require(FileManager.default.contents(atPath: folder.file("out/" + file)), "\(file)")
            if file.hasSuffix(".png") { #expect(Array(data.prefix(4)) == [0x89, 0x50, 0x4E, 0x47]) }
        }
        let report = try String(contentsOfFile: folder.file("out/report.html"), encoding: .utf8)
        #expect(report.contains("<th>overlay</th>"))
        // Without --overlay the figure grid has no column of dashes.
        options.overlays = []
        options.output = folder.file("plain")
        _ = try ImagesWorkflow.run(options)
        let plain = try String(contentsOfFile: folder.file("plain/report.html"), encoding: .utf8)
        #expect(plain.contains("<th>raw counts</th>") && !plain.contains("<th>overlay</th>"))
    }

    @Test func minimumReferenceAndBinningChangeExclusion() throws {
        let folder = try TemporaryFolder()
        let root = try Self.makeStudy(in: folder)
        var options = ImagesOptions(root: root, output: folder.file("out"))
        options.ions = ["Li-"]
        options.binning = 2
        options.plots = false
        let binned = try ImagesWorkflow.run(options)
        #expect(binned.rows.allSatisfy { $0.validPixels + $0.excludedPixels == 12 })
        // The pore column (x = 7) shares 2×2 blocks with x = 6, so no block is empty.
        #expect(binned.rows.allSatisfy { $0.excludedPixels == 0 })
        options.binning = 1
        options.scans = 100
        options.shotsPerPixel = 10  // N = 1000 pulses per pixel
        options.output = folder.file("out1")
        let saturated = try ImagesWorkflow.run(options)
        let fraction = try TIFF.read(folder.file("out1/images/A_spot1/Li-_saturation.tif"))
        // Li- of A_spot1 at (0, 0): round(3000 · 2 · 0.2) = 1200 counts > N → I/N = 1.2, flagged.
        #expect(fraction.values[0] == Double(Float(1.2)))  // stored as float32
        #expect(saturated.record.warnings.contains { $0.contains("I/N > 0.1") })
        options.scans = nil
        options.shotsPerPixel = nil
        options.minimumReference = 1e9
        options.output = folder.file("out2")
        let strict = try ImagesWorkflow.run(options)
        #expect(strict.rows.allSatisfy { $0.validPixels == 0 && $0.meanOfRatios == nil && $0.sumOfRatios == 0 })
    }

    @Test func corruptMeasurementIsSkippedAndRecorded() throws {
        let folder = try TemporaryFolder()
        let root = try Self.makeStudy(in: folder)
        try folder.write("# Ion: Li-\nx y intensity\n0 0 abc\n", to: "study/A/Broken (9) - Li-.txt")
        try folder.write("# Ion: total\nx y intensity\n0 0 1\n", to: "study/A/Broken (9) - total.txt")
        var options = ImagesOptions(root: root, output: folder.file("out"))
        options.plots = false
        let result = try ImagesWorkflow.run(options)
        #expect(result.record.outcome == .completedWithErrors)
        #expect(result.record.failures.count == 1)
        #expect(result.rows.count == 12)
    }
}
