import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

@Suite("sims pca workflow")
struct PCAWorkflowTests {
    /// Three samples × 6 spots with distinct mean spectra over 12 peaks (multiplicative noise, seeded).
    static func study() -> (Matrix, [String], [String], [Peak]) {
        var g = SeededGenerator(seed: 5)
        let slopes: [Double] = [0.3, 0.1, 0.5]
        var means: [[Double]] = []
        for s in 0..<3 {
            var row: [Double] = []
            for j in 0..<12 { row.append(1.0 + Double((j * 7 + s * 5) % 11) * slopes[s]) }
            means.append(row)
        }
        var rows: [[Double]] = [], samples: [String] = [], spots: [String] = []
        for s in 0..<3 { for k in 0..<6 {
            rows.append(means[s].map { $0 * (1 + 0.03 * g.normal()) })
            samples.append("S\(s + 1)"); spots.append("S\(s + 1)_\(k + 1)")
        } }
        let peaks = (0..<12).map { Peak(index: $0 + 1, assignment: "X\($0 + 1)-", interval: MassInterval(lower: Double($0) + 0.9, upper: Double($0) + 1.1, center: Double($0) + 1)) }
        return (try! Matrix(rowArrays: rows), samples, spots, peaks)
    }

    @Test("writes every table; clusters recover the samples; important peaks follow the threshold")
    func analyze() throws {
        let (data, samples, spots, peaks) = Self.study()
        let folder = try TemporaryFolder()
        var options = PCAOptions(root: folder.path, output: folder.file("out"))
        options.components = .count(3)
        options.clustering = .count(3)
        options.plots = false  // rasterizing PNGs is slow in debug builds; plots are exercised by the CLI run
        let result = try PCAWorkflow.analyze(data: data, samples: samples, spots: spots, peaks: peaks, options: options,
                                             record: RunRecord(command: "pca"))
        for name in ["scores.csv", "loadings.csv", "loadings_PC1.csv", "loadings_PC3.csv", "explained_variance.csv", "important_peaks.csv", "clusters.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.file("out/results/" + name)), "\(name)")
        }
        // Every sample is one cluster, and clusters differ between samples.
        let clusters = try #require(result.clusters)
        for s in 0..<3 { #expect(Set(clusters[(s * 6)..<(s * 6 + 6)]).count == 1) }
        #expect(Set(clusters).count == 3)
        // The model equals a direct fit on the max-scaled data.
        let direct = try PCA(components: .count(3)).fit(try Scaler(.max).fit(data).transform(data))
        #expect(zip(result.model.scores.elements, direct.scores.elements).allSatisfy { abs($0 - $1) < 1e-12 })
        let important = try String(contentsOfFile: folder.file("out/results/important_peaks.csv"), encoding: .utf8)
        let expectedCount = (0..<3).reduce(0) { c, k in c + (0..<12).filter { abs(direct.loadings[$0, k]) > 0.05 }.count }
        #expect(important.split(separator: "\n").count == expectedCount + 1)
    }

    @Test("automatic clustering compares k = 1…3 (3 samples) by BIC and finds the three groups")
    func clusterCountByBIC() throws {
        // Before #21 the BIC search was capped at k = 1 here (full covariance needs 15 spots per cluster in 4
        // dimensions) and the report said "k chosen by BIC: 1 cluster" of three separate groups.
        let (data, samples, spots, peaks) = Self.study()
        let folder = try TemporaryFolder()
        var options = PCAOptions(root: folder.path, output: folder.file("out"))
        options.components = .count(4)
        options.plots = false
        let result = try PCAWorkflow.analyze(data: data, samples: samples, spots: spots, peaks: peaks, options: options,
                                             record: RunRecord(command: "pca"))
        #expect(result.bic.count == 3)
        #expect(result.clusterCovariance == .spherical)
        #expect(result.bic[2] < result.bic[0] && result.bic[2] < result.bic[1], "\(result.bic)")
        let clusters = try #require(result.clusters)
        for s in 0..<3 { #expect(Set(clusters[(s * 6)..<(s * 6 + 6)]).count == 1) }
        #expect(Set(clusters).count == 3)
        let table = try String(contentsOfFile: folder.file("out/results/clusters_bic.csv"), encoding: .utf8)
        let lines = table.split(separator: "\n")
        #expect(lines.count == 4 && lines[0] == "k,bic,covariance,eligible,chosen")
        #expect(lines[3].hasPrefix("3,") && lines[3].hasSuffix(",spherical,yes,yes"))
        #expect(lines[1].hasSuffix(",no") && lines[2].hasSuffix(",no"))
    }

    @Test("an all-zero matrix is a clear error, not a silent zero PCA")
    func zero() throws {
        let (_, samples, spots, peaks) = Self.study()
        let folder = try TemporaryFolder()
        let options = PCAOptions(root: folder.path, output: folder.file("out"))
        #expect(throws: SIMSError.self) {
            try PCAWorkflow.analyze(data: Matrix(rows: 18, columns: 12), samples: samples, spots: spots, peaks: peaks, options: options, record: RunRecord(command: "pca"))
        }
    }

    @Test("the paper's 'Inputs_ToF - PCA (example).xlsx' is read row by row (components from B8, step from B7)")
    func inputsSheet() throws {
        let sheet = try PCAInputs(path: SharedData.path("lombardo-scripts/Inputs_ToF - PCA (example).xlsx"))
        #expect(sheet.components == 4)
        #expect(sheet.step == 5.0000000000000001E-4)
        #expect(sheet.minimumMass == 0.1)
        #expect(sheet.maximumMass == 149.9)
        #expect(sheet.intervalList?.hasSuffix("Example_mass_interval_list.txt") == true)
        let blank = try PCAInputs(path: SharedData.path("lombardo-scripts/Inputs_ToF - PCA.xlsx"))
        #expect(blank.components == nil && blank.spectraFolder == nil)
    }
}
