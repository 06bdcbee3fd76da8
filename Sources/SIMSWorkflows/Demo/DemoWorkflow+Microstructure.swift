import Foundation
import SIMSAnalysis
import SIMSReport

extension DemoWorkflow {
    /// `sims microstructure` on the negative-polarity simulated image set, with the true area fractions beside
    /// the segmented ones.
    static func microstructureStep() -> DemoStep {
        DemoStep("Microstructure") { (context: DemoContext) throws(SIMSError) -> ReportSection in
            guard let truth = context.simulation.truth.imaging else {
                throw SIMSError(.invalidArgument, "the simulation wrote no imaging data")
            }
            let folder = context.data + "/imaging/ascii"
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("cathode_neg (") }.sorted()
            guard !names.isEmpty else { throw SIMSError(.fileNotFound, "no negative-polarity image set", file: folder) }
            var settings = MicrostructureSettings()
            settings.phases = try ["NCM=NiO_2-,O-", "SE=S-,Cl-,PS_2-", "carbon=C_2-", "pore=low-total"].map { text throws(SIMSError) in
                try PhaseRule(parsing: text)
            }
            settings.pixelSizeMicrometers = truth.fieldOfViewMicrometers / Double(truth.width)
            let output = try OutputFolder(context.folder("microstructure"))
            let result = try MicrostructureWorkflow(settings: settings).run(
                inputs: names.map { folder + "/" + $0 }, output: output, arguments: ["microstructure", folder], progress: context.progress)
            var section = ReportSection(title: "Microstructure", workflow: "microstructure")
            section.paragraph("""
                `sims microstructure` segments the simulated negative-polarity ion images into NCM (NiO₂⁻, O⁻), \
                electrolyte (S⁻, Cl⁻, PS₂⁻), carbon (C₂⁻) and pores (low total counts), then computes fractions, \
                interfaces and tortuosity. Pores are pixels whose total is low against the local yield background, so \
                the regions the simulated topography darkens are not taken for pores. The CEI shell is not named: it \
                is counted with the electrolyte in the truth column, and its O⁻ pulls some of it into NCM.
                """)
            if let analysis = result.analyses.first {
                let m = analysis.metrics
                let trueNames = ["NCM": ["NCM811"], "SE": ["Li6PS5Cl", "CEI"], "carbon": ["carbon"], "pore": ["pore"]]
                let rows = m.labels.phases.enumerated().map { i, phase -> [String] in
                    let expected = trueNames[phase].flatMap { names in
                        names.allSatisfy { truth.areaFractions[$0] != nil } ? names.map { truth.areaFractions[$0]! }.reduce(0, +) : nil
                    }
                    return [phase, format(m.fractions[i] * 100) + " %", expected.map { format($0 * 100) + " %" } ?? "—"]
                }
                section.table("Area fractions: segmented vs simulated truth (electrolyte incl. CEI)", header: ["phase", "segmented", "truth"], rows: rows)
            }
            for warning in result.record.warnings.prefix(4) { section.warning(warning) }
            section.file("microstructure/report.html", label: "full microstructure report")
            return section
        }
    }
}
