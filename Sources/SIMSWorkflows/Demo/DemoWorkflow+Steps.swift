import Foundation
import SIMSAnalysis
import SIMSCore
import SIMSFormats
import SIMSReport
import SIMSSimulator

extension DemoWorkflow {
    /// The workflows the demo runs, in order. Each is one entry; add new workflows here. Every workflow writes
    /// its own report into its sub-folder; the step returns the demo's summary section.
    public static var standardSteps: [DemoStep] {
        [spectraStep(.negative), spectraStep(.positive), imagesStep(), pcaStep(), mvaStep(), depthStep(), microstructureStep()]
    }

    /// `sims spectra` on one polarity of the simulated study, compared with the true CEI content.
    static func spectraStep(_ polarity: Polarity) -> DemoStep {
        DemoStep("Spectra (\(polarity.rawValue) polarity)") { (context: DemoContext) throws(SIMSError) -> ReportSection in
            let root = context.data + "/study/\(polarity.rawValue)"
            let name = "spectra-\(polarity.rawValue)"
            var options = SpectraOptions(root: root, peakList: root + "/mass_interval_list.txt", output: context.folder(name))
            options.important = polarity == .negative ? ["SO_3-", "PO_3-", "PS_2-", "NiO_2-", "S-"] : ["Li+", "^6Li+", "Ni+", "Li_2Cl+"]
            options.bootstrapResamples = 500
            options.arguments = ["spectra", root]
            let result = try SpectraWorkflow.run(options, progress: context.progress)
            var section = ReportSection(title: "Spectra (\(polarity.rawValue) polarity)", workflow: "spectra")
            section.paragraph("""
            `sims spectra \(OutputRun.publishedPath(root))` integrated every interval of the simulated mass interval list in \
            \(result.table.rows.count) spots, normalized the areas, checked saturation and isotope ratios and \
            compared the samples. The samples differ only in CEI thickness (truth above): CEI markers \
            (\(polarity == .negative ? "SO₃⁻, PO₃⁻" : "Li₂Cl⁺")) should rise from A to C.
            """)
            for warning in result.record.warnings.prefix(6) { section.warning(warning) }
            section.file("\(name)/report.html", label: "full spectra report")
            return section
        }
    }

    /// `sims depth` on the simulated half-cell profile, compared with the true interface times.
    static func depthStep() -> DemoStep {
        DemoStep("Depth profile") { (context: DemoContext) throws(SIMSError) -> ReportSection in
            guard let truth = context.simulation.truth.depth else {
                throw SIMSError(.invalidArgument, "the simulation wrote no depth profile")
            }
            let path = context.data + "/" + truth.file
            let folder = try OutputFolder(context.folder("depth"))
            let inputs = try DepthInputs(paths: [path], grouping: .none)
            let result = try DepthWorkflow(settings: DepthSettings()).run(inputs: inputs, output: folder,
                                                                           arguments: ["depth", path], progress: context.progress)
            var section = ReportSection(title: "Depth profile", workflow: "depth")
            section.paragraph("`sims depth` on a simulated Li | SEI | Li6PS5Cl | NCM811-composite half cell (different sputter rates per layer).")
            var rows: [[String]] = []
            for (k, depth) in truth.interfaceDepthsNanometers.enumerated() {
                let t = truth.interfaceTimesSeconds[k]
                rows.append([truth.stack.layers[k].name + " | " + truth.stack.layers[k + 1].name, format(depth),
                             t.map(format) ?? "not reached"])
            }
            section.table("True interfaces", header: ["interface", "depth (nm)", "sputter time (s)"], rows: rows)
            if let analysis = result.analyses.first {
                let found = analysis.interfaces.map { [AssignmentLabel.markup($0.ion), format($0.time), format($0.width)] }
                section.table("Interfaces found by sims depth (50 % crossing, 16–84 % width)", header: ["ion", "time (s)", "width (s)"], rows: found)
            }
            section.file("depth/report.html", label: "full depth-profile report")
            return section
        }
    }
}

extension DemoWorkflow {
    /// `sims images` on the simulated image sets (per-pixel normalization removes the simulated topography).
    static func imagesStep() -> DemoStep {
        DemoStep("Ion images") { (context: DemoContext) throws(SIMSError) -> ReportSection in
            let root = context.data + "/imaging"
            var options = ImagesOptions(root: root, output: context.folder("images"))
            if let beam = context.simulation.truth.imaging?.pulsesPerPixel { options.scans = Int(beam); options.shotsPerPixel = 1 }
            let result = try ImagesWorkflow.run(options, progress: context.progress)
            var section = ReportSection(title: "Ion images", workflow: "images")
            section.paragraph("`sims images \(OutputRun.publishedPath(root))`: pixel-by-pixel normalization to the total-ion image. The simulated topography multiplies every count of a pixel (true yield factor range \(context.simulation.truth.imaging.map { "\(format($0.yieldFieldRange[0]))–\(format($0.yieldFieldRange[1]))" } ?? "?")), so raw images show it and per-pixel ratios do not.")
            for warning in result.record.warnings.prefix(4) { section.warning(warning) }
            section.file("images/report.html", label: "full images report")
            return section
        }
    }

    /// `sims pca` on the negative-polarity simulated study.
    static func pcaStep() -> DemoStep {
        DemoStep("PCA (negative polarity)") { (context: DemoContext) throws(SIMSError) -> ReportSection in
            let root = context.data + "/study/negative"
            let options = PCAOptions(root: root, peakList: root + "/mass_interval_list.txt", output: context.folder("pca"))
            let result = try PCAWorkflow.run(options, progress: context.progress)
            var section = ReportSection(title: "PCA (negative polarity)", workflow: "pca")
            section.paragraph("`sims pca \(OutputRun.publishedPath(root))`: the three samples differ only in CEI thickness, so PC1 should separate A, B and C along the CEI markers (SO₃⁻, PO₃⁻).")
            // Mean PC1 score per sample next to the true CEI thickness (PC1's sign is fixed by its largest loading).
            let model = result.model
            if model.componentCount > 0, let truth = context.simulation.truth.study {
                let rows = truth.samples.map { sample -> [String] in
                    let rowsOfSample = result.samples.indices.filter { result.samples[$0] == sample.name }
                    let mean = rowsOfSample.map { model.scores[$0, 0] }.reduce(0, +) / Double(max(1, rowsOfSample.count))
                    return [sample.name, format(sample.ceiThicknessMicrometers), format(mean)]
                }
                section.table("PC1 (\(format(100 * model.explainedVarianceRatio[0])) % of the variance) against the truth",
                              header: ["sample", "true CEI thickness (µm)", "mean PC1 score"], rows: rows)
            }
            section.file("pca/report.html", label: "full PCA report")
            return section
        }
    }
}
