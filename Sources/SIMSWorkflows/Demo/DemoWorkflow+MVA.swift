import Foundation
import SIMSMultivariate
import SIMSReport
import SIMSSimulator

extension DemoWorkflow {
    /// `sims mva --method mcr` on the simulated image sets (both polarities); every component image is compared
    /// with the true phase maps (Pearson correlation with each phase's indicator map), so the reader sees which
    /// phase each component recovered.
    static func mvaStep() -> DemoStep {
        DemoStep("MCR-ALS of the ion images") { (context: DemoContext) throws(SIMSError) -> ReportSection in
            guard let truth = context.simulation.truth.imaging else {
                throw SIMSError(.invalidArgument, "the simulation wrote no imaging data")
            }
            let input = context.data + "/imaging/ascii"
            var options = MVAWorkflow.Options(input: input, output: context.folder("mva"))
            options.method = .mcr
            options.components = 4
            options.arguments = ["mva", input, "--method", "mcr", "--components", "4"]
            let result = try MVAWorkflow.run(options, progress: context.progress)
            var section = ReportSection(title: "MCR-ALS of the ion images", workflow: "mva")
            section.paragraph("""
                `sims mva --method mcr --components 4` factors each simulated image set (pixels × ions; each polarity a sub-study) into \
                non-negative component images and spectra (SIMPLISMA start, ALS with non-negativity). Each component \
                image is compared with the true phase maps: r is its Pearson correlation with the phase's indicator \
                map (1 inside the phase, 0 elsewhere); the best match names the phase the component recovered. \
                Topography multiplies all ions of a pixel, so it enters every component and lowers r.
                """)
            let maps = phaseIndicators(truth)
            for analysis in result.allPolarities.flatMap(\.analyses) {
                var rows: [[String]] = []
                for k in 0..<analysis.componentImages.columns {
                    let image = analysis.componentImages.column(k)
                    let scored = maps.map { (name: $0.name, r: pearson(image, $0.indicator)) }.sorted { $0.r > $1.r }
                    let spectrum = analysis.componentSpectra.column(k)
                    let top = spectrum.indices.sorted { spectrum[$0] > spectrum[$1] }.prefix(3).map { AssignmentLabel.markup(analysis.ions[$0]) }
                    rows.append(["\(k + 1)", top.joined(separator: ", "), scored[0].name, format(scored[0].r),
                                 scored.count > 1 ? "\(scored[1].name) (\(format(scored[1].r)))" : "—"])
                }
                section.table("\(analysis.measurement): components vs the true phases", header: ["component", "strongest ions", "best-matching phase", "r", "next"], rows: rows)
                if let lack = analysis.fitQuality { section.paragraph("\(analysis.measurement): lack of fit \(format(lack)) %.") }
            }
            for warning in result.allPolarities.flatMap(\.record.warnings).prefix(4) { section.warning(warning) }
            section.file("mva/report.html", label: "full MCR report (one per polarity)")
            return section
        }
    }

    /// One indicator map per phase present in the truth's phase map (pixels in row-major order).
    static func phaseIndicators(_ truth: ImagingTruth) -> [(name: String, indicator: [Double])] {
        let digits = truth.phaseMap.flatMap { row in row.utf8.map { Int($0) - Int(UInt8(ascii: "0")) } }
        return Phase.allCases.compactMap { phase in
            let indicator = digits.map { $0 == Int(phase.rawValue) ? 1.0 : 0.0 }
            return indicator.contains(1) ? (phase.description, indicator) : nil
        }
    }

    /// Pearson correlation of two equally long series (0 when either is constant).
    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(min(a.count, b.count))
        guard n > 1 else { return 0 }
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) {
            sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb)
        }
        return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : 0
    }
}
