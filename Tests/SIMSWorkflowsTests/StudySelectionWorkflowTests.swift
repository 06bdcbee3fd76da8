import Foundation
import SIMSTestSupport
import Testing
import SIMSReport
@testable import SIMSWorkflows

/// `--group-by`, polarities and ion names end to end: the real flat HEA folder as it is (both polarities, XRD
/// scans inside), and simulated image sets of both polarities.
@Suite("Any layout in, one study out")
struct StudySelectionWorkflowTests {
    static let referenceFolder = SharedData.repositoryRoot.appendingPathComponent("Tests/Reference").path
    /// Two samples × 5 spots of Bi3 spectra, negative polarity, out of the 270 files (and 8 XRD scans).
    static let pattern = "^N_(?<sample>Ru-Pd|Ru-Pt)_Bi3_"

    /// The hand-built tree the flat folder replaces: ROOT/<sample>/<file> as symbolic links.
    static func handBuiltTree(in folder: TemporaryFolder) throws -> String {
        let root = folder.file("tree")
        for sample in ["Ru-Pd", "Ru-Pt"] {
            try FileManager.default.createDirectory(atPath: root + "/" + sample, withIntermediateDirectories: true)
            for replicate in 1...5 {
                let name = "N_\(sample)_Bi3_\(replicate).txt"
                try FileManager.default.createSymbolicLink(atPath: root + "/" + sample + "/" + name,
                                                           withDestinationPath: try SharedData.path("hea-catalyst-spectra/" + name))
            }
        }
        return root
    }

    @Test("spectra and pca on the flat HEA folder equal the hand-built tree")
    func flatFolderEqualsTree() throws {
        let folder = try TemporaryFolder()
        let tree = try Self.handBuiltTree(in: folder)
        let flat = try SharedData.path("hea-catalyst-spectra")
        let peaks = Self.referenceFolder + "/hea_negative_peaks.csv"

        var options = SpectraOptions(root: flat, peakList: peaks, output: folder.file("flat-spectra"))
        options.selection.groupBy = Self.pattern
        options.plots = false
        options.bootstrapResamples = 50
        let grouped = try SpectraWorkflow.run(options)
        options.root = tree
        options.selection.groupBy = nil
        options.output = folder.file("tree-spectra")
        let handBuilt = try SpectraWorkflow.run(options)
        #expect(grouped.record.outcome == .success)
        #expect(grouped.table.samples == ["Ru-Pd", "Ru-Pt"] && grouped.table.rows.count == 10)
        #expect(grouped.table.rows.map(\.spot) == handBuilt.table.rows.map(\.spot))
        #expect(grouped.table.rows.map(\.areas.rawArea) == handBuilt.table.rows.map(\.areas.rawArea))
        #expect(grouped.table.rows.map(\.areas.tic) == handBuilt.table.rows.map(\.areas.tic))
        for name in ["summary.csv", "peak_areas.csv", "tests.csv", "isotopes.csv"] {
            let a = try String(contentsOfFile: folder.file("flat-spectra/results/" + name), encoding: .utf8)
            let b = try String(contentsOfFile: folder.file("tree-spectra/results/" + name), encoding: .utf8)
            #expect(a == b, "\(name)")
        }
        // The other 260 files are left out in one line: 8 XRD scans, 252 spectra the pattern does not match.
        let leftOut = grouped.record.warnings.filter { $0.hasPrefix("left out") }
        #expect(leftOut == ["left out 260 files of the study folder: 252 name does not match --group-by (e.g. N_HEA19_Bi1_1.txt); 8 not a .txt export (e.g. XRD_Ru-Ir.csv)"])

        var pca = PCAOptions(root: flat, peakList: peaks, output: folder.file("flat-pca"))
        pca.selection.groupBy = Self.pattern
        pca.plots = false
        pca.components = .count(2)
        let groupedPCA = try PCAWorkflow.run(pca)
        pca.root = tree
        pca.selection.groupBy = nil
        pca.output = folder.file("tree-pca")
        let treePCA = try PCAWorkflow.run(pca)
        #expect(groupedPCA.record.outcome == .success)
        #expect(groupedPCA.model.scores.elements == treePCA.model.scores.elements)
        #expect(groupedPCA.model.explainedVarianceRatio == treePCA.model.explainedVarianceRatio)
    }

    @Test("both polarities: one study each in its own sub-folder, or the peak list's polarity")
    func polaritiesAreNeverMixed() throws {
        let folder = try TemporaryFolder()
        let flat = try SharedData.path("hea-catalyst-spectra")
        // A list without assignments says no polarity: each polarity is analysed on its own.
        let list = try folder.write("assignment,lower,upper\n(null),11.90,12.08\n(null),24.90,25.10\n(null),26.90,27.10\n", to: "unassigned.csv")
        var options = SpectraOptions(root: flat, peakList: list, output: folder.file("out"))
        options.selection.groupBy = "^(?<polarity>[NP])_(?<sample>Ru-Pt)_Bi3_"
        options.plots = false
        options.bootstrapResamples = 20
        let split = try SpectraWorkflow.run(options)
        #expect(split.allPolarities.map(\.polarity) == [.negative, .positive])
        #expect(split.allPolarities.map { $0.table.rows.count } == [5, 5])
        #expect(split.table.rows.allSatisfy { $0.spot.hasPrefix("N_") })
        #expect(split.otherPolarities[0].table.rows.allSatisfy { $0.spot.hasPrefix("P_") })
        let parent = try String(contentsOfFile: folder.file("out/report.html"), encoding: .utf8)
        #expect(parent.contains("href=\"negative/report.html\"") && parent.contains("href=\"positive/report.html\""))
        let child = try String(contentsOfFile: folder.file("out/positive/report.html"), encoding: .utf8)
        #expect(child.contains("href=\"../report.html\""))
        // The overview gives each polarity's warnings in its sub-report's words and numbers.
        for part in split.allPolarities {
            let reported = part.record.reportedWarnings
            let summary = Provenance.warningSummary(count: reported.count, kinds: reported.lines.count)
            #expect(parent.contains("; " + summary))
            if reported.count > 0 {
                let sub = try String(contentsOfFile: folder.file("out/\(part.polarity?.rawValue ?? "")/report.html"), encoding: .utf8)
                #expect(sub.contains("completed with " + summary))
            }
        }
        #expect(FileManager.default.fileExists(atPath: folder.file("out/negative/results/summary.csv")))

        // --polarity selects one, into OUT itself.
        options.selection.polarity = .positive
        options.output = folder.file("pos")
        let positive = try SpectraWorkflow.run(options)
        #expect(positive.polarity == .positive && positive.otherPolarities.isEmpty)
        #expect(positive.table.rows.map(\.spot) == (1...5).map { "P_Ru-Pt_Bi3_\($0)" })
        #expect(positive.record.warnings.contains { $0.contains("5 spot(s) of the other polarity left out") })

        // A peak list of negative ions selects the negative spots.
        options.selection.polarity = nil
        options.peakList = Self.referenceFolder + "/hea_negative_peaks.csv"
        options.output = folder.file("neg")
        options.references = ["C2H-"]  // ordinary notation finds the list's C_2H-
        let negative = try SpectraWorkflow.run(options)
        #expect(negative.polarity == .negative && negative.table.rows.count == 5)
        #expect(negative.primaryNormalization == .reference)
        #expect(throws: SIMSError.self) {
            var wrong = options
            wrong.references = ["C3H-"]
            _ = try SpectraWorkflow.run(wrong)
        }
    }

    /// Image sets of both polarities in one sample folder: negative (Li-, SO_3-, SO_4-) and positive (Li+, Ni+).
    static func mixedImageStudy(in folder: TemporaryFolder) throws -> String {
        func image(_ ion: String, _ scale: Double, _ m: Int) -> IonImage {
            var counts = ContiguousArray<Double>()
            for y in 0..<4 { for x in 0..<5 { counts.append((scale * Double(1 + x + y + m)).rounded()) } }
            return IonImage(width: 5, height: 4, counts: counts, ion: ion, fieldOfViewMicrometers: 50)
        }
        for m in 1...2 {
            let negative = try ImageSet(measurement: "neg_spot\(m)", id: m, images: [image("Li-", 30, m), image("SO_3-", 5, m), image("SO_4-", 9, m)],
                                        total: image("total", 400, m))
            try negative.writeIONTOFASCII(to: folder.file("images/A"))
            let positive = try ImageSet(measurement: "pos_spot\(m)", id: 10 + m, images: [image("Li+", 50, m), image("Ni+", 20, m)],
                                        total: image("total", 500, m))
            try positive.writeIONTOFASCII(to: folder.file("images/A"))
        }
        return folder.file("images")
    }

    @Test("images: a mixed-polarity folder runs both polarities; --ions SO3- finds SO_3-")
    func mixedPolarityImages() throws {
        let folder = try TemporaryFolder()
        let root = try Self.mixedImageStudy(in: folder)
        var options = ImagesOptions(root: root, output: folder.file("both"))
        options.plots = false
        let both = try ImagesWorkflow.run(options)
        #expect(both.allPolarities.map(\.polarity) == [.negative, .positive])
        #expect(both.allPolarities.allSatisfy { $0.record.outcome == .success })
        #expect(Set(both.rows.map(\.ion)) == ["Li-", "SO_3-", "SO_4-"])
        #expect(Set(both.otherPolarities[0].rows.map(\.ion)) == ["Li+", "Ni+"])
        #expect(FileManager.default.fileExists(atPath: folder.file("both/positive/results/image_stats.csv")))
        #expect(FileManager.default.fileExists(atPath: folder.file("both/report.html")))

        options.output = folder.file("so3")
        options.ions = ["SO3-", "SO₄⁻"]
        options.multiply = [["SO₃⁻", "SO4-"]]
        let so3 = try ImagesWorkflow.run(options)
        #expect(so3.record.outcome == .success && so3.polarity == .negative)
        #expect(Set(so3.rows.map(\.ion)) == ["SO_3-", "SO_4-", "SO_3-*SO_4-"])
        #expect(so3.rows.filter { $0.ion == "SO_3-" }.count == 2)

        options.ions = ["SO5-"]
        options.multiply = []
        options.output = folder.file("typo")
        #expect { try ImagesWorkflow.run(options) } throws: { error in
            "\(error)".contains("nearest names: SO_3-, SO_4-")
        }
    }

    @Test("depth: a --group-by pattern names replicate groups; polarities are never averaged together")
    func depthGrouping() throws {
        let folder = try SharedData.path("perovskite-depth-profiles/FACSPI-stack")
        let inputs = try DepthInputs(paths: [folder], grouping: .name, selection: StudySelection(groupBy: "^I\\w+?_(?<sample>B_FACSPI)_"))
        #expect(inputs.files.map(\.sample) == ["B_FACSPI (negative)", "B_FACSPI (positive)"])
        #expect(inputs.leftOut.count == 4)
        #expect(inputs.leftOutSummary?.hasPrefix("left out 4 files of the study folder: 4 name does not match --group-by") == true)
        let negative = try DepthInputs(paths: [folder], grouping: .name, selection: StudySelection(polarity: .negative))
        #expect(negative.files.count == 3 && negative.files.allSatisfy { $0.name.contains("_neg-") })
    }
}
