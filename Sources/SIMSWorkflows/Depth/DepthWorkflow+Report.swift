import SIMSAnalysis
import SIMSReport

extension DepthWorkflow {
    /// The report section of a run: settings, layer sequences, interfaces, damage checks, figures.
    func reportSection(_ result: Result) -> ReportSection {
        var section = ReportSection(title: "Depth profiles", workflow: "depth")
        let scaleText: String
        switch settings.scale {
        case .none: scaleText = "no depth scale (sputter time only)"
        case .rate(let rate): scaleText = "constant sputter rate \(rate) nm/s"
        case .craterDepth(let depth): scaleText = "constant rate from a crater depth of \(depth) nm"
        case .layerRates(let rates): scaleText = "per-layer sputter rates " + rates.map { "\($0)" }.joined(separator: ", ") + " nm/s (surface first)"
        }
        section.paragraph("""
            \(result.analyses.count) depth profile(s); intensities normalized per cycle to \(settings.normalization), \
            smoothing \(settings.smoothing), \(scaleText). Interfaces are the 50 % crossings between plateaus of the raw \
            counts, widths the 16–84 % distance; layers are named by the ion that is highest relative to its own maximum.
            """)
        transientSummary(result, into: &section)
        var layerRows: [[String]] = []
        for analysis in result.analyses {
            for (index, layer) in analysis.layers.layers.enumerated() {
                layerRows.append([analysis.name, "\(index + 1)", Self.short(layer.startTime), Self.short(layer.endTime),
                                  layer.dominantIons.map(AssignmentLabel.markup).joined(separator: " ")])
            }
        }
        section.table("Layer sequence (sputter time in s)", header: ["profile", "layer", "start (s)", "end (s)", "dominant ions"],
                      rows: layerRows, csv: "results/layers.csv")
        let interfaceRows = result.analyses.flatMap { analysis in
            let strongest = analysis.strongestIonSet
            return analysis.interfaces.filter { interface in
                // The table shows the interfaces that make up the stack; all are in the CSV.
                analysis.layers.interfaceTimes.contains { abs($0 - interface.time) <= max(interface.width, 1e-9) }
                    && strongest.contains(interface.ion)
            }.map { [analysis.name, AssignmentLabel.markup($0.ion), $0.direction.rawValue, Self.short($0.time), Self.short($0.width)] }
        }
        section.table("Interfaces of the strongest ions at the stack's interfaces", header: ["profile", "ion", "direction", "position (s)", "16–84 % width (s)"],
                      rows: interfaceRows, csv: "results/interfaces.csv")
        for analysis in result.analyses {
            for check in analysis.damage {
                let text = "\(analysis.name): \(check.pair) changes by \(Self.short(check.result.relativeDrift * 100)) % over the profile"
                if check.result.drifts { section.warning(text + " — beam damage of molecular fragments") } else { section.paragraph(text + " (stable).") }
            }
        }
        for (sample, average) in result.replicates {
            section.figure("plots/replicates_\(OutputFolder.safeName(sample)).svg",
                           caption: "\(sample): \(average.replicateCount) replicate craters aligned on the \(average.alignmentIon) interface, mean ± sd")
        }
        for analysis in result.analyses {
            let base = "plots/profiles/" + OutputFolder.safeName(analysis.name)
            section.figure(base + (analysis.depth != nil ? "_depth.svg" : "_normalized.svg"),
                           caption: "\(analysis.name): normalized profiles of the strongest ions; dashed lines mark the stack's interfaces")
            section.file(base + "_raw.svg", label: "\(analysis.name): raw counts")
        }
        return section
    }

    /// The surface transients: one sentence and one row per profile that has any.
    func transientSummary(_ result: Result, into section: inout ReportSection) {
        let affected = result.analyses.filter { !$0.transients.isEmpty }
        guard !affected.isEmpty else { return }
        section.paragraph("""
            Surface transient: in \(affected.count) of \(result.analyses.count) profile(s) the first cycles of some ions lie outside \
            the range of every later cycle (the surface is not yet at sputter equilibrium). They are reported on their own \
            and excluded from interface detection, so that edges below the transient's level are found.
            """)
        let rows = affected.map { analysis -> [String] in
            let longest = analysis.transients.max { $0.cycleCount < $1.cycleCount }!
            let strongest = analysis.transients.filter { $0.kind == .spike }.compactMap(\.magnitude).max()
            let depth = analysis.scale.map { Self.short($0.depth(atTime: longest.endTime)) } ?? ""
            return [analysis.name, "\(analysis.transients.count) of \(analysis.ions.count)", "\(longest.cycleCount)", Self.short(longest.endTime), depth,
                    strongest.map { Self.short($0) + "×" } ?? ""]
        }
        section.table("Surface transients", header: ["profile", "ions", "longest (cycles)", "ends at (s)", "ends at (nm)", "strongest spike (× the rest's maximum)"],
                      rows: rows, csv: "results/surface_transients.csv")
    }

    /// A number with at most 4 significant decimals for tables.
    static func short(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        return String((value * 100).rounded() / 100)
    }
}

extension DepthAnalysis {
    /// The ions drawn in the plots (strongest by maximum counts).
    var strongestIonSet: Set<String> {
        let index = profile.columnIndexByName
        let ranked = ions.map { ion in (ion, index[ion].flatMap { profile.columns[$0].values.filter(\.isFinite).max() } ?? 0) }
        return Set(ranked.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(DepthWorkflow.ionsPerPlot).map(\.0))
    }
}
