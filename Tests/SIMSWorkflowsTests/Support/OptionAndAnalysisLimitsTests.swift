import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

/// Issue #25: options out of range are usage errors stating the range; analysis steps given extreme values or
/// degenerate data throw instead of trapping. Each case trapped (or was misread) on main b9cbde0.
@Suite("options and analysis limits (#25)")
struct OptionAndAnalysisLimitsTests {
    @Test("the argument parser refuses out-of-range numbers with the range in the message (exit 64)", arguments: [
        (["images", "x", "--smooth", "1e300", "--out", "o"], "--smooth"),
        (["images", "x", "--bin", "9223372036854775807", "--out", "o"], "--bin"),
        (["microstructure", "x", "--phase", "A=Li+", "--pixel-size", "1e-300", "--out", "o"], "--pixel-size"),
        (["peaks", "--library", "battery", "--width", "1e308", "--out", "l.txt"], "--width"),
        (["depth", "x", "--rate", "-1", "--out", "o"], "--rate"),
        (["mva", "x", "--components", "0", "--out", "o"], "--components"),
    ])
    func optionRanges(_ arguments: [String], _ option: String) throws {
        let folder = try TemporaryFolder()
        let run = try SIMSExecutable.run(arguments, in: folder.path)
        #expect(run.status == 64, "\(arguments): \(run.status) \(run.output)")
        #expect(run.output.contains(option) && run.output.contains("expected a"), "\(run.output)")
        #expect(!run.output.contains("Missing value"), "a negative number must reach the range check")
    }

    @Test("analysis steps given extreme values throw: ROI at Int.max, binning by Int.max, σ = 1e300")
    func extremeValues() throws {
        #expect(throws: SIMSError.self) { try RegionOfInterest(name: "r", x: 1, y: 1, w: .max, h: .max, width: 8, height: 8) }
        #expect(throws: SIMSError.self) { try RegionOfInterest(name: "r", x: .max, y: 0, w: 1, h: 1, width: 8, height: 8) }
        var image = IonImage(width: 5, height: 3, ion: "Li+", fieldOfViewMicrometers: 50)
        for i in image.counts.indices { image.counts[i] = Double(i) }
        let binned = try image.binned(by: .max)
        #expect(binned.width == 1 && binned.height == 1 && binned.counts == [105])
        #expect(throws: SIMSError.self) { try GaussianFilter(sigma: 1e300).apply(to: image) }
    }

    @Test("MCR-ALS on all-zero images is an error, not an index out of range in the initial guess")
    func mcrAllZero() throws {
        #expect(throws: SIMSError.self) { try MCRALS(components: 2).fit(Matrix(rows: 20, columns: 4)) }
        #expect(throws: SIMSError.self) { try SIMPLISMA(components: 2, offsetPercent: 5).pureVariables(Matrix(rows: 20, columns: 4)) }
    }

    @Test("sims mva --method mcr on all-zero images ends with a clear error (CLI)")
    func mvaAllZeroImages() throws {
        let folder = try TemporaryFolder()
        for ion in ["total", "Li+", "Ni+"] {
            try IONTOFImageFormat.write(IonImage(width: 6, height: 5, ion: ion), to: folder.file("z/Zero (1) - \(ion).txt"))
        }
        let run = try SIMSExecutable.run(["mva", "z", "--method", "mcr", "--components", "2", "--out", "o"], in: folder.path)
        #expect(run.status != 0 && run.status != 132 && run.status != 134, "\(run.status): \(run.output)")
        #expect(run.output.contains("zero"), "\(run.output)")
    }

    @Test("results/isotopes.csv is byte-identical between two runs (two processes: different hash seeds)")
    func isotopesDeterministic() throws {
        let folder = try TemporaryFolder()
        let spectrum = try SharedData.path("hea-catalyst-spectra/N_Ru-Ir_Bi3_1.txt")
        let peaks = SpectraWorkflowTests.referenceFolder + "/hea_negative_peaks.csv"
        var outputs: [Data] = []
        for name in ["a", "b", "c"] {
            let run = try SIMSExecutable.run(["check", spectrum, "--peaks", peaks, "--out", name], in: folder.path)
            #expect(run.status == 0, "\(run.output)")
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: folder.file(name + "/results/isotopes.csv"))))
        }
        #expect(outputs[0].count > 100)
        #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2])
    }

    @Test("sims check prints its errors on stderr (stdout keeps the findings)")
    func checkErrorsOnStderr() throws {
        let folder = try TemporaryFolder()
        try folder.write("not a spectrum\n", to: "study/A/bad.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try SIMSExecutable.path())
        process.arguments = ["check", "study"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(stderr.contains("bad.txt"), "stderr: \(stderr)")
        #expect(!stdout.contains("error"), "stdout: \(stdout)")
    }
}
