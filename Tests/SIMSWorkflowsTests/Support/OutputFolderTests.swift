import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

/// Output folders (#18 "re-runs are clean", #25 "a run's folder is consistent as a unit", "inputs are sacred").
@Suite("output folders: manifest, staging, inputs")
struct OutputFolderTests {
    /// Every file under `folder` (relative, sorted), hidden ones included.
    static func files(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var out: [String] = []
        while let name = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue { out.append(name) }
        }
        return out.sorted()
    }

    static func manifest(of folder: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + OutputFolder.manifestName))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try #require(object?["files"] as? [String])
    }

    static func pca(components: Int, into output: String, force: Bool = false) throws -> PCAWorkflow.Result {
        let (data, samples, spots, peaks) = PCAWorkflowTests.study()
        var options = PCAOptions(root: PathName.parent(of: output) + "/study", output: output)
        options.components = .count(components)
        options.clustering = .count(3)
        options.plots = false
        options.force = force
        return try PCAWorkflow.analyze(data: data, samples: samples, spots: spots, peaks: peaks, options: options,
                                       record: RunRecord(command: "pca"))
    }

    /// Entries of `folder` that belong to sims's staging machinery (must be gone after a run).
    static func stagingEntries(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".sims-") }
    }

    @Test("#18: re-running pca into the same folder with fewer components leaves no file of the first run that the second did not write; the user's files survive")
    func rerunIsClean() throws {
        let folder = try TemporaryFolder()
        let out = folder.file("out")
        _ = try Self.pca(components: 5, into: out)
        let first = Self.files(in: out)
        #expect(first.contains("results/loadings_PC5.csv"))
        #expect(try Self.manifest(of: out) == first.filter { $0 != OutputFolder.manifestName })
        try folder.write("my notes", to: "out/notes.txt")
        try folder.write("kept", to: "out/results/mine.csv")
        try FileManager.default.createDirectory(atPath: out + "/empty by me", withIntermediateDirectories: true)

        _ = try Self.pca(components: 2, into: out)
        let second = try Self.manifest(of: out)
        let user = ["notes.txt", "results/mine.csv"]
        #expect(Self.files(in: out) == (second + user + [OutputFolder.manifestName]).sorted())
        for stale in first where !second.contains(stale) && stale != OutputFolder.manifestName {
            #expect(!FileManager.default.fileExists(atPath: out + "/" + stale), "stale \(stale) survived")
        }
        #expect(!second.contains("results/loadings_PC3.csv") && second.contains("results/loadings_PC2.csv"))
        #expect(try String(contentsOfFile: out + "/notes.txt", encoding: .utf8) == "my notes")
        #expect(try String(contentsOfFile: out + "/results/mine.csv", encoding: .utf8) == "kept")
        #expect(FileManager.default.fileExists(atPath: out + "/empty by me"))
        #expect(Self.stagingEntries(in: folder.path).isEmpty)
    }

    @Test("a folder with files but no manifest, or a user file in the way, is refused without --force; the refused run changes nothing")
    func foreignFilesNeedForce() throws {
        let folder = try TemporaryFolder()
        let out = folder.file("out")
        try folder.write("thesis draft", to: "out/draft.txt")
        #expect { try Self.pca(components: 2, into: out) } throws: { error in
            "\(error)".contains("did not write") && "\(error)".contains("draft.txt") && "\(error)".contains("--force")
        }
        #expect(Self.files(in: out) == ["draft.txt"])
        _ = try Self.pca(components: 2, into: out, force: true)
        #expect(try String(contentsOfFile: out + "/draft.txt", encoding: .utf8) == "thesis draft")

        // A file sims did not write where the next run writes one: refused, naming it; old results intact.
        try folder.write("my own PC3", to: "out/results/loadings_PC3.csv")
        let before = Self.files(in: out)
        #expect { try Self.pca(components: 3, into: out) } throws: { error in
            "\(error)".contains("results/loadings_PC3.csv") && "\(error)".contains("not written by sims")
        }
        #expect(Self.files(in: out) == before)
        #expect(try String(contentsOfFile: out + "/results/loadings_PC3.csv", encoding: .utf8) == "my own PC3")
        #expect(Self.stagingEntries(in: folder.path).isEmpty)
        // --force: the run's file replaces it.
        _ = try Self.pca(components: 3, into: out, force: true)
        #expect(try String(contentsOfFile: out + "/results/loadings_PC3.csv", encoding: .utf8) != "my own PC3")
        #expect(try Self.manifest(of: out).contains("results/loadings_PC3.csv"))
    }

    @Test("figures with a PNG are drawn first (default formats: SVG only under plots/extra/), each group in order")
    func figureOrder() throws {
        let folder = try TemporaryFolder()
        let bases = ["plots/extra/a", "plots/b", "plots/extra/c", "plots/d", "plots/extra/e"]
        #expect(try OutputFolder(folder.file("out")).figureOrder(bases) == [1, 3, 0, 2, 4])
        #expect(try OutputFolder(folder.file("svg"), figures: [.svg]).figureOrder(bases) == [0, 1, 2, 3, 4])
    }

    @Test("a run that fails before committing leaves the previous result and no staging folder")
    func failedRunLeavesPrevious() throws {
        let folder = try TemporaryFolder()
        let out = folder.file("out")
        _ = try Self.pca(components: 2, into: out)
        let before = try Self.manifest(of: out)
        do {
            let output = try OutputFolder(out)
            try AtomicFile.write("half", to: output.results("scores.csv"))
            #expect(!Self.stagingEntries(in: folder.path).isEmpty)
        }
        #expect(Self.stagingEntries(in: folder.path).isEmpty)
        #expect(try Self.manifest(of: out) == before)
        #expect(try String(contentsOfFile: out + "/results/scores.csv", encoding: .utf8) != "half")
    }

    @Test("a staging folder left by a killed run is removed by the next run; a live one is refused")
    func staleStaging() throws {
        let folder = try TemporaryFolder()
        try folder.write("x", to: ".out.sims-staging-dead/results/scores.csv")
        let live = try OutputFolder(folder.file("out"))
        #expect(!FileManager.default.fileExists(atPath: folder.file(".out.sims-staging-dead")))
        #expect { try OutputFolder(folder.file("out")) } throws: { "\($0)".contains("another sims run") }
        try live.commit()
        #expect(Self.stagingEntries(in: folder.path).isEmpty)
        #expect(try Self.manifest(of: folder.file("out")) == [])
    }

    @Test("sub-folders belong to the run: staged and committed with it, listed in one manifest")
    func subfolders() throws {
        let folder = try TemporaryFolder()
        let output = try OutputFolder(folder.file("out"))
        let negative = output.subfolder("negative")
        try AtomicFile.write("n", to: negative.results("areas.csv"))
        var record = RunRecord(command: "test")
        try record.writeReport(to: negative)
        #expect(!output.isCommitted && !FileManager.default.fileExists(atPath: folder.file("out")))
        try AtomicFile.write("top", to: output.file("index.txt"))
        try output.commit()
        #expect(negative.path == folder.file("out/negative"))
        let files = try Self.manifest(of: folder.file("out"))
        #expect(files.contains("negative/results/areas.csv") && files.contains("negative/report.html") && files.contains("index.txt"))
    }

    /// `sims demo` analyses the data it simulates into its own (staging) folder: provenance.json, methods.md and
    /// report.html named `.OUT.sims-staging-<random>/data/…`, a path gone after the commit and different in every
    /// run (found comparing two demo runs: every CSV identical, every report differing).
    @Test("#25: reports name inputs inside a staging folder by their path after the commit")
    func reportsNameCommittedPaths() throws {
        let folder = try TemporaryFolder()
        let output = try OutputFolder(folder.file("out"))
        let input = output.path + "/data/x.txt"
        try AtomicFile.write("1\n", to: input)
        let step = try OutputFolder(output.path + "/depth")
        var record = RunRecord(command: "depth", arguments: ["depth", input])
        record.inputs.append(input)
        record.set("peak list", input)
        try record.writeReport(to: step)
        try output.commit()
        for name in ["provenance.json", "methods.md", "report.html", "report.json"] {
            let text = try String(contentsOfFile: folder.file("out/depth/" + name), encoding: .utf8)
            #expect(!text.contains("sims-staging"), "\(name)")
            #expect(text.contains("/out/data/x.txt"), "\(name)")
        }
    }

    @Test("inputs are sacred: the output folder may not be an input, contain one, or reach one through a symbolic link")
    func inputsAreSacred() throws {
        let folder = try TemporaryFolder()
        let spectrum = try folder.write("data", to: "study/A/spot1.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.file("link"), withDestinationPath: folder.file("study"))
        for (out, input) in [(folder.file("study"), folder.file("study")), (folder.file("study/A"), spectrum),
                             (folder.file("link/A"), folder.file("study")), (folder.path + "/x/../study", spectrum)] {
            #expect(throws: SIMSError.self, "\(out) accepted") { try OutputFolder(out, force: true, reading: [input]) }
        }
        #expect(try String(contentsOfFile: spectrum, encoding: .utf8) == "data")
        // An output folder inside the input folder (beside the samples) is fine.
        let beside = try OutputFolder(folder.file("study/out"), reading: [folder.file("study")])
        try beside.commit()
        // Single files: never an input; an existing file only with force.
        #expect(throws: SIMSError.self) { try OutputFile.checkWritable([folder.file("link/A/spot1.txt")], inputs: [spectrum], force: true) }
        #expect(throws: SIMSError.self) { try OutputFile.checkWritable([spectrum], inputs: [], force: false) }
        try OutputFile.checkWritable([spectrum], inputs: [], force: true)
        try OutputFile.checkWritable([folder.file("new.txt")], inputs: [spectrum], force: false)
    }

    @Test("#25: sims convert never writes over its input (imzML → same imzML, ASCII into the export folder)")
    func convertKeepsInputs() throws {
        let folder = try TemporaryFolder()
        let exports = folder.file("exports")
        for ion in ["total", "Li+", "Ni+"] {
            var image = IonImage(width: 8, height: 6, ion: ion)
            for i in image.counts.indices { image.counts[i] = Double((i * 7 + ion.count) % 13) }
            try IONTOFImageFormat.write(image, to: exports + "/Cathode (1) - \(ion).txt")
        }
        let total = exports + "/Cathode (1) - total.txt"
        let original = try Data(contentsOf: URL(fileURLWithPath: total))
        #expect(throws: SIMSError.self) { try ConvertWorkflow.run(input: total, to: .ascii, output: exports, force: true) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: total)) == original)
        let peaks = try folder.write("assignment,lower,upper\nLi+,6.9,7.1\nNi+,57.8,58.1\n", to: "peaks.csv")
        try ConvertWorkflow.run(input: total, to: .imzml, output: folder.file("c.imzML"), peakList: peaks)
        let ibd = try Data(contentsOf: URL(fileURLWithPath: folder.file("c.ibd")))
        #expect(throws: SIMSError.self) { try ConvertWorkflow.run(input: folder.file("c.imzML"), to: .imzml, output: folder.file("c.imzML"), peakList: peaks, force: true) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("c.ibd"))) == ibd)
        // Into a new folder it works, and again into the same folder (its own manifest).
        for _ in 0..<2 { #expect(try ConvertWorkflow.run(input: total, to: .ascii, output: folder.file("copy")).count == 3) }
        #expect(try Self.manifest(of: folder.file("copy")).count == 3)
    }

    @Test("#25: sims peaks --find spec.txt --out spec.txt is refused and the spectrum is unchanged (CLI)")
    func peaksKeepsSpectrum() throws {
        let folder = try TemporaryFolder()
        let source = try SharedData.path("hea-catalyst-spectra/N_Ru-Ir_Bi3_1.txt")
        try FileManager.default.copyItem(atPath: source, toPath: folder.file("spec.txt"))
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.file("spec.txt")))
        let run = try SIMSExecutable.run(["peaks", "--find", "spec.txt", "--out", "spec.txt", "--library", "battery"], in: folder.path)
        #expect(run.status != 0 && run.output.contains("never writes over its inputs"), "\(run.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("spec.txt"))) == before)
    }

    @Test("#25: `sims mva .` and `sims mva A` run on a one-letter folder name (CLI, from inside the image folder)")
    func mvaOnCurrentFolder() throws {
        let folder = try TemporaryFolder()
        let images = folder.file("A")
        for ion in ["total", "Li+", "Ni+", "Co+"] {
            var image = IonImage(width: 12, height: 10, ion: ion)
            for i in image.counts.indices { image.counts[i] = Double(5 + (i * (ion.count + 3)) % 17) }
            try IONTOFImageFormat.write(image, to: images + "/Cathode (1) - \(ion).txt")
        }
        let here = try SIMSExecutable.run(["mva", ".", "--components", "2", "--out", "../out-dot"], in: images)
        #expect(here.status == 0, "\(here.output)")
        #expect(FileManager.default.fileExists(atPath: folder.file("out-dot/report.html")))
        let letter = try SIMSExecutable.run(["mva", "A", "--components", "2", "--out", "B"], in: folder.path)
        #expect(letter.status == 0, "\(letter.output)")
        #expect(FileManager.default.fileExists(atPath: folder.file("B/report.html")))
        var record = RunRecord(command: "mva")
        #expect(try record.useManifest(describing: "A") == nil)
        _ = try record.useManifest(describing: ".")  // trapped in Foundation before (#25)
    }
}
