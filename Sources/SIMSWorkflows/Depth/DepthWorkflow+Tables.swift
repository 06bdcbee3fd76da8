import SIMSAnalysis
import SIMSFormats

extension DepthWorkflow {
    /// Writes the tables of a run: processed profiles, interfaces, layers, damage checks, replicate bands.
    func writeTables(_ result: inout Result, to output: OutputFolder) throws(SIMSError) {
        let normalizationUnit = settings.normalization == .none ? "counts" : "ratio_to_\(settings.normalization)"
        for analysis in result.analyses {
            var header = ["cycle", "sputter_time_s"]
            if analysis.depth != nil { header.append("depth_nm") }
            if analysis.profile.fluence != nil { header.append("fluence_ions_per_cm2") }
            header += analysis.ions.map { "\($0) [\(normalizationUnit)]" }
            var table = CSVTable(header: header)
            for i in 0..<analysis.profile.cycleCount {
                var row: [CSVTable.Cell] = [.number(analysis.profile.dataPoint[i]), .number(analysis.profile.sputterTime[i])]
                if let depth = analysis.depth { row.append(.number(depth[i])) }
                if let fluence = analysis.profile.fluence { row.append(.number(fluence[i])) }
                row += analysis.processed.map { .number($0[i]) }
                table.append(row)
            }
            let name = "profiles/\(OutputFolder.safeName(analysis.name)).csv"
            try table.write(to: output.results(name))
            result.record.outputs.append("results/" + name)
        }

        var interfaces = CSVTable(header: ["profile", "ion", "direction", "position_s", "width_16_84_s", "position_nm", "width_16_84_nm", "level_before", "level_after"])
        for analysis in result.analyses {
            for interface in analysis.interfaces {
                let depthAt = analysis.scale.map { $0.depth(atTime: interface.time) }
                let width = analysis.scale.map { $0.depth(atTime: interface.time + interface.width / 2) - $0.depth(atTime: interface.time - interface.width / 2) }
                interfaces.append([.text(analysis.name), .text(interface.ion), .text(interface.direction.rawValue),
                                   .number(interface.time), .number(interface.width), .optional(depthAt), .optional(width),
                                   .number(interface.levelBefore), .number(interface.levelAfter)])
            }
        }
        try interfaces.write(to: output.results("interfaces.csv"))

        var transients = CSVTable(header: ["profile", "ion", "kind", "cycles", "end_s", "end_nm", "extreme_counts", "level_after_counts", "rest_extreme_counts", "magnitude"])
        for analysis in result.analyses {
            for transient in analysis.transients {
                transients.append([.text(analysis.name), .text(transient.ion), .text(transient.kind.rawValue), .integer(transient.cycleCount),
                                   .number(transient.endTime), .optional(analysis.scale?.depth(atTime: transient.endTime)),
                                   .number(transient.extremeLevel), .number(transient.levelAfter), .number(transient.restLevel), .optional(transient.magnitude)])
            }
        }
        try transients.write(to: output.results("surface_transients.csv"))

        var layers = CSVTable(header: ["profile", "layer", "start_s", "end_s", "start_nm", "end_nm", "dominant_ions", "ion", "integrated_counts"])
        for analysis in result.analyses {
            for (index, layer) in analysis.layers.layers.enumerated() {
                for ion in analysis.ions {
                    layers.append([.text(analysis.name), .integer(index + 1), .number(layer.startTime), .number(layer.endTime),
                                   .optional(analysis.scale?.depth(atTime: layer.startTime)), .optional(analysis.scale?.depth(atTime: layer.endTime)),
                                   .text(layer.dominantIons.joined(separator: " ")), .text(ion), .optional(layer.integratedCounts[ion])])
                }
            }
        }
        try layers.write(to: output.results("layers.csv"))

        var damage = CSVTable(header: ["profile", "pair", "relative_drift", "slope_per_fluence", "cycles", "drifts"])
        for analysis in result.analyses {
            for check in analysis.damage {
                damage.append([.text(analysis.name), .text(check.pair), .number(check.result.relativeDrift), .number(check.result.slope),
                               .integer(check.result.ratio.count), .text(check.result.drifts ? "yes" : "no")])
            }
        }
        try damage.write(to: output.results("damage.csv"))
        result.record.outputs += ["results/interfaces.csv", "results/surface_transients.csv", "results/layers.csv", "results/damage.csv"]

        for (sample, average) in result.replicates {
            let ions = average.mean.keys.sorted()
            var table = CSVTable(header: ["time_from_interface_s"] + ions.flatMap { ["\($0) mean", "\($0) sd"] })
            for i in average.time.indices {
                table.append([.number(average.time[i])] + ions.flatMap { [CSVTable.Cell.number(average.mean[$0]![i]), .number(average.standardDeviation[$0]![i])] })
            }
            let name = "replicates_\(OutputFolder.safeName(sample)).csv"
            try table.write(to: output.results(name))
            result.record.outputs.append("results/" + name)
        }
    }
}
