import Foundation
import SIMSAnalysis
import SIMSFormats
import SIMSReport

extension MicrostructureWorkflow {
    /// Writes `results/microstructure.csv`, `results/particles.csv`, label images (TIFF, PNG/SVG with legend) and
    /// the report (`report.html`, `provenance.json` with settings, warnings and failures, `methods.md`).
    func write(_ result: inout Result, to output: OutputFolder) throws(SIMSError) {
        var table = CSVTable(header: ["measurement", "quantity", "phase", "other_phase", "axis", "value", "unit", "note"])
        var particles = CSVTable(header: ["measurement", "phase", "particle", "voxels", "equivalent_diameter", "unit", "touches_border"])
        for analysis in result.analyses {
            let m = analysis.metrics
            let name = analysis.name
            let unit = m.lengthUnit
            let phases = m.labels.phases
            let connectivityNote = "\(m.components.first?.connectivity.rawValue ?? "face") connectivity (\(m.components.first?.connectivity.neighbourCount(threeDimensional: !m.labels.isTwoDimensional) ?? 0)-neighbour)"
            for (i, phase) in phases.enumerated() {
                table.append([.text(name), "volume_fraction", .text(phase), .empty, .empty, .number(m.fractions[i]), "1", m.labels.isTwoDimensional ? "area fraction" : "volume fraction"])
            }
            for (a, b) in m.interfaces.pairs {
                table.append([.text(name), "specific_interface_area", .text(phases[a]), .text(phases[b]), .empty,
                              .number(m.interfaces.specificArea(a, b)), .text(unit + "^-1"),
                              m.labels.isTwoDimensional ? "interface length per image area, Crofton 4 directions" : "interface area per volume, Crofton 13 directions"])
            }
            for (i, phase) in phases.enumerated() {
                table.append([.text(name), "components", .text(phase), .empty, .empty, .integer(m.components[i].count), "1", .text(connectivityNote)])
                for axis in m.labels.axes {
                    table.append([.text(name), "percolating_fraction", .text(phase), .empty, .text(axis.rawValue),
                                  .number(m.components[i].connectedFraction(along: axis)), "1",
                                  .text("fraction of the phase connected to both faces normal to \(axis.rawValue), " + connectivityNote)])
                }
                for solve in m.tortuosity[i] {
                    let note = "TauFactor convention; CG iterations \(solve.iterations), relative residual \(String(format: "%.1e", solve.relativeResidual))" + (solve.converged ? "" : " NOT CONVERGED")
                    table.append([.text(name), "effective_diffusivity_ratio", .text(phase), .empty, .text(solve.axis.rawValue), .number(solve.effectiveDiffusivity), "1", .text(note)])
                    let tau = solve.tortuosityFactor ?? .infinity
                    table.append([.text(name), "tortuosity_factor", .text(phase), .empty, .text(solve.axis.rawValue),
                                  tau.isFinite ? .number(tau) : .text("inf"), "1", .text(tau.isFinite ? note : "no face-connected path between the faces")])
                }
            }
            if let psd = m.particles {
                table.append([.text(name), "particle_count", .text(psd.phase), .empty, .empty, .integer(psd.particles.count), "1", .text(connectivityNote)])
                for (label, q) in [("d10", 0.1), ("d50", 0.5), ("d90", 0.9)] {
                    table.append([.text(name), .text("equivalent_diameter_\(label)"), .text(psd.phase), .empty, .empty, .optional(psd.diameterQuantile(q)), .text(unit), "number-weighted"])
                }
                table.append([.text(name), "equivalent_diameter_mean", .text(psd.phase), .empty, .empty, .optional(psd.meanDiameter), .text(unit), "number-weighted"])
                for (k, particle) in psd.particles.enumerated() {
                    particles.append([.text(name), .text(psd.phase), .integer(k + 1), .integer(particle.voxels), .number(particle.equivalentDiameter), .text(unit), particle.touchesBorder ? "yes" : "no"])
                }
            }
            try writeLabels(analysis, to: output, record: &result.record)
        }
        try table.write(to: output.results("microstructure.csv"))
        result.record.outputs.append("results/microstructure.csv")
        try particles.write(to: output.results("particles.csv"))
        result.record.outputs.append("results/particles.csv")
        result.record.add(reportSection(result))
        try result.record.writeReport(to: output, title: "SIMSKit — microstructure")
    }

    /// The report section: per measurement the phase fractions, tortuosity factors and label image.
    func reportSection(_ result: Result) -> ReportSection {
        var section = ReportSection(title: "Microstructure", workflow: "microstructure")
        section.paragraph("""
            Phases segmented from per-pixel normalized ion images; fractions, specific interface areas (Crofton \
            intercept estimator), connectivity and tortuosity factors (TauFactor convention, τ = ε / (D_eff/D)) \
            per phase and axis. All numbers are in results/microstructure.csv.
            """)
        for analysis in result.analyses {
            let m = analysis.metrics
            var rows: [[String]] = []
            for (i, phase) in m.labels.phases.enumerated() {
                let taus = m.tortuosity[i].map { solve -> String in
                    let tau = solve.tortuosityFactor ?? .infinity
                    return "\(solve.axis.rawValue): " + (tau.isFinite ? String((tau * 1000).rounded() / 1000) : "∞ (not percolating)")
                }
                rows.append([phase, String((m.fractions[i] * 10000).rounded() / 100) + " %", taus.joined(separator: ", ")])
            }
            section.table("\(analysis.name): phases", header: ["phase", "fraction", "tortuosity factor τ"], rows: rows,
                          csv: "results/microstructure.csv")
            section.figure("plots/labels_\(OutputFolder.safeName(analysis.name)).svg", caption: "\(analysis.name): segmented phases")
        }
        for failure in result.record.failures { section.warning("\(failure.input): \(failure.message)") }
        return section
    }

    /// Label TIFF (one page per plane: `labels_<name>[_z<k>].tiff`, 8-bit label values) and a PNG/SVG with legend
    /// (2-D images, or the first plane of a volume).
    private func writeLabels(_ analysis: Analysis, to output: OutputFolder, record: inout RunRecord) throws(SIMSError) {
        let labels = analysis.metrics.labels
        let safe = OutputFolder.safeName(analysis.name)
        let plane = labels.width * labels.height
        for z in 0 ..< labels.depth {
            let values = ContiguousArray(labels.labels[z * plane ..< (z + 1) * plane].map { Double($0) })
            let file = labels.depth == 1 ? "labels_\(safe).tiff" : "labels_\(safe)_z\(z).tiff"
            try TIFF.write(values, width: labels.width, height: labels.height, type: .uint8, to: output.images(file),
                           pixelSizeMicrometers: labels.voxelSizeMicrometers,
                           description: "phase labels: " + labels.phases.enumerated().map { "\($0.offset)=\($0.element)" }.joined(separator: ", "))
            record.outputs.append("images/" + file)
        }
        let figure = LabelImage(
            width: labels.width, height: labels.height, labels: labels.labels[0 ..< plane].map { Int($0) }, names: labels.phases,
            title: analysis.name + (labels.depth > 1 ? " (plane 0)" : ""), showsFractions: true,
            pixelSizeMicrometers: labels.voxelSizeMicrometers)
        try output.write(figure, as: "plots/labels_\(safe)", record: &record)
    }
}
