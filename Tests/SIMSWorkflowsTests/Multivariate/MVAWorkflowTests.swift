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

    @Test("every method runs end to end on IONTOF ASCII exports and writes PNG component images")
    func endToEnd() throws {
        let (set, _) = try Self.imageSet()
        let folder = try TemporaryFolder()
        _ = try set.writeIONTOFASCII(to: folder.file("exports"))
        for method in MVAWorkflow.Method.allCases {
            var options = MVAWorkflow.Options(input: folder.file("exports"), output: folder.file("out"))
            options.method = method
            options.components = 2
            let result = try MVAWorkflow.run(options)
            #expect(result.record.outcome == .success)
            let png = try Data(contentsOf: URL(fileURLWithPath: folder.file("out/images/bands_\(method.rawValue)_component1.png")))
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(FileManager.default.fileExists(atPath: folder.file("out/results/bands_\(method.rawValue)_components.csv")))
        }
        var tooMany = MVAWorkflow.Options(input: folder.file("exports"), output: folder.file("out"))
        tooMany.components = 9
        #expect(throws: SIMSError.self) { try MVAWorkflow.run(tooMany) }
    }

    @Test("the PCA benchmark matrix is seeded and the Swift PCA agrees with the covariance definition")
    func benchmarkMatrix() throws {
        let a = PCABenchmark.matrix(rows: 300, columns: 40), b = PCABenchmark.matrix(rows: 300, columns: 40)
        #expect(a == b)
        let model = try PCA(components: .count(5), solver: .covariance).fit(a)
        let svd = try PCA(components: .count(5), solver: .svd).fit(a)
        #expect(zip(model.explainedVarianceRatio, svd.explainedVarianceRatio).allSatisfy { abs($0 - $1) < 1e-10 })
    }
}
