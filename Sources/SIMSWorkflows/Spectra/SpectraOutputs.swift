import SIMSAnalysis
import SIMSFormats
import SIMSReport

/// Writes the tables of the spectra workflow (`results/*.csv`), all atomically and deterministically.
enum SpectraOutputs {
    static func write(table: PeakAreaTable, primary: PeakNormalization,
                      isotopes: [(sample: String, spot: String, results: [IsotopeCheck.Result])], isotopeSummary: [IsotopeSampleSummary],
                      tests: [SampleComparison], intervalList: PeakList, important: Set<Int>, plots: Bool, resamples: Int, spots: [SpotSpectrum] = [],
                      moreSections: [ReportSection] = [], folder: OutputFolder, record: inout RunRecord, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) {
        // The two largest tables are built first, each spread over all cores (their statistics and formatting);
        // then every table is written, and the small ones built, concurrently, recorded in this order whatever
        // order they finish in. (A `concurrentMap` nested in another runs on one core: libdispatch runs a nested
        // `dispatch_apply` serially, so the large tables are not built inside the jobs.)
        progress.report(task: "summary statistics (bootstrap) and tables", completed: 0, total: 0)
        let summary = summaryTable(table, resamples: resamples)
        let testsTable = testTable(tests, table: table, normalization: primary)
        var jobs: [(name: String, make: @Sendable () -> CSVTable)] = [("peak_areas.csv", { longTable(table, primary: primary) })]
        for normalization in table.availableNormalizations {
            jobs.append(("peak_areas_wide_\(normalization.rawValue).csv", { wideTable(table, normalization: normalization) }))
        }
        jobs.append(("peak_areas_wide_internal_\(primary.rawValue).csv", { wideTable(table, normalization: primary, internally: true) }))
        jobs.append(("summary.csv", { summary }))
        jobs.append(("saturation.csv", { saturationTable(table) }))
        if intervalList.peaks.contains(where: { IntervalListSaturation(peak: $0) != nil }) {
            jobs.append(("saturation_interval_list.csv", { intervalListSaturationTable(intervalList) }))
        }
        jobs.append(("isotopes.csv", { isotopeTable(isotopes) }))
        jobs.append(("isotopes_by_sample.csv", { isotopeSummaryTable(isotopeSummary) }))
        jobs.append(("tests.csv", { testsTable }))
        let written = jobs.concurrentMap { job in
            Result { () throws(SIMSError) in try job.make().write(to: folder.results(job.name)) }
        }
        for (job, outcome) in zip(jobs, written) {
            try outcome.get()
            record.outputs.append("results/" + job.name)
        }
        if plots { try SpectraPlots.write(table: table, normalization: primary, important: important, spots: spots, folder: folder, record: &record, progress: progress) }
        for section in SpectraReport.sections(table: table, primary: primary, important: important, isotopes: isotopes, isotopeSummary: isotopeSummary, tests: tests,
                                              plots: plots, intervalList: intervalList, record: record) {
            record.add(section)
        }
        for section in moreSections { record.add(section) }
        try record.writeReport(to: folder, title: "SIMSKit — spectra")
    }

    static func peakCells(_ peak: Peak) -> [CSVTable.Cell] {
        [.integer(peak.index), .text(peak.label), .number(peak.interval.center), .number(peak.interval.lower), .number(peak.interval.upper)]
    }

    /// `results/peak_areas.csv`: one row per spot and peak.
    static func longTable(_ table: PeakAreaTable, primary: PeakNormalization) -> CSVTable {
        var csv = CSVTable(header: ["sample", "spot", "peak_index", "assignment", "center_mass_u", "lower_mass_u", "upper_mass_u",
                                    "raw_area", "tic", "tic_normalized_area", "reference_normalized_area", "internally_normalized",
                                    "counts", "data_points", "tic_without_saturated_normalized_area", "corrected_tic_normalized_area"])
        let internalValues = table.internallyNormalized(primary)
        for (r, row) in table.rows.enumerated() {
            for (k, peak) in table.peaks.enumerated() {
                csv.append([.text(row.sample), .text(row.spot)] + peakCells(peak) + [
                    .number(row.areas.rawArea[k]), .number(row.areas.tic), .optional(row.value(k, .tic)),
                    table.referencePeaks.isEmpty ? .empty : .optional(row.value(k, .reference)),
                    .optional(internalValues[r][k]), .number(row.areas.counts[k]), .integer(row.areas.pointCounts[k]),
                    .optional(row.value(k, .ticWithoutSaturated)), .optional(row.value(k, .correctedTIC)),
                ])
            }
        }
        return csv
    }

    /// `results/peak_areas_wide_<normalization>.csv`: one column per sample, spots down, one block per peak
    /// (the layout Origin users paste).
    static func wideTable(_ table: PeakAreaTable, normalization: PeakNormalization, internally: Bool = false) -> CSVTable {
        let samples = table.samples
        var csv = CSVTable(header: ["peak_index", "assignment", "spot_number"] + samples)
        let internalValues = internally ? table.internallyNormalized(normalization) : []
        var rowsBySample: [String: [Int]] = [:]
        for (r, row) in table.rows.enumerated() { rowsBySample[row.sample, default: []].append(r) }
        let depth = rowsBySample.values.map(\.count).max() ?? 0
        for (k, peak) in table.peaks.enumerated() {
            for i in 0..<depth {
                var cells: [CSVTable.Cell] = [.integer(peak.index), .text(peak.label), .integer(i + 1)]
                for sample in samples {
                    guard let r = rowsBySample[sample]?.dropFirst(i).first else { cells.append(.empty); continue }
                    cells.append(.optional(internally ? internalValues[r][k] : table.rows[r].value(k, normalization)))
                }
                csv.append(cells)
            }
        }
        return csv
    }

    /// `results/summary.csv`: per normalization, peak and sample.
    static func summaryTable(_ table: PeakAreaTable, resamples: Int) -> CSVTable {
        let header = ["normalization", "peak_index", "assignment", "sample", "n", "mean", "sd", "median", "q1", "q3",
                      "min", "max", "ci95_t_low", "ci95_t_high", "ci95_bootstrap_low", "ci95_bootstrap_high"]
        // One task per (normalization, peak), spread over the cores, each formatting its own rows; the blocks are
        // joined in table order.
        let tasks = table.availableNormalizations.flatMap { normalization in table.peaks.indices.map { (normalization, $0) } }
        let samples = table.samples
        let rowsOfSample = samples.map { sample in table.rows.indices.filter { table.rows[$0].sample == sample } }
        let blocks = tasks.concurrentMap { task -> CSVTable in
            let (normalization, k) = task
            let peak = table.peaks[k]
            var block = CSVTable(header: header)
            for (sample, rows) in zip(samples, rowsOfSample) {
                let s = SampleSummary(rows.compactMap { table.rows[$0].value(k, normalization) }, resamples: resamples)
                block.append([.text(normalization.rawValue), .integer(peak.index), .text(peak.label), .text(sample), .integer(s.n),
                              .optional(s.mean), .optional(s.sd), .optional(s.median), .optional(s.q1), .optional(s.q3),
                              .optional(s.min), .optional(s.max), .optional(s.tInterval?.lowerBound), .optional(s.tInterval?.upperBound),
                              .optional(s.bootstrapInterval?.lowerBound), .optional(s.bootstrapInterval?.upperBound)])
            }
            return block
        }
        return CSVTable(header: header, concatenating: blocks)
    }

    /// `results/saturation.csv`: per spot and peak, when N is known (header only otherwise).
    static func saturationTable(_ table: PeakAreaTable) -> CSVTable {
        var csv = CSVTable(header: ["sample", "spot", "peak_index", "assignment", "registered_counts", "corrected_counts",
                                    "saturation_fraction", "level", "export_dead_time_corrected", "tic", "tic_without_saturated", "corrected_tic"])
        for row in table.rows {
            guard let saturation = row.saturation else { continue }
            for (k, peak) in table.peaks.enumerated() {
                let s = saturation[k]
                csv.append([.text(row.sample), .text(row.spot), .integer(peak.index), .text(peak.label), .number(s.registeredCounts),
                            .optional(s.correctedCounts), .number(s.fraction), .text(s.level.rawValue),
                            .text(row.alreadyDeadTimeCorrected ? "yes" : "no"), .number(row.areas.tic),
                            .optional(row.ticWithoutSaturated), .optional(row.correctedTIC)])
            }
        }
        return csv
    }

    /// `results/saturation_interval_list.csv`: from the list's own Area and Uncorrected Area columns.
    static func intervalListSaturationTable(_ list: PeakList) -> CSVTable {
        var csv = CSVTable(header: ["peak_index", "assignment", "area", "uncorrected_area", "ratio", "counting_loss",
                                    "equivalent_saturation_fraction", "level"])
        for peak in list.peaks {
            guard let s = IntervalListSaturation(peak: peak) else { continue }
            csv.append([.integer(peak.index), .text(peak.label), .number(s.area), .number(s.uncorrectedArea), .number(s.ratio),
                        .number(s.countingLoss), .number(s.equivalentFraction), .text(s.level.rawValue)])
        }
        return csv
    }

    /// `results/isotopes_by_sample.csv`: one row per sample and ratio (``IsotopeSampleSummary``).
    static func isotopeSummaryTable(_ rows: [IsotopeSampleSummary]) -> CSVTable {
        var csv = CSVTable(header: ["sample", "ratio", "natural_ratio", "spots", "median_ratio", "min_ratio", "max_ratio",
                                    "spots_with_enough_counts", "spots_off_natural", "flagged"])
        for row in rows {
            csv.append([.text(row.sample), .text(row.pair.label), .number(row.pair.naturalRatio), .integer(row.spots), .optional(row.median),
                        .optional(row.minimum), .optional(row.maximum), .integer(row.countedSpots), .integer(row.deviatingSpots), .text(row.flagged ? "yes" : "no")])
        }
        return csv
    }

    /// `results/isotopes.csv`.
    static func isotopeTable(_ isotopes: [(sample: String, spot: String, results: [IsotopeCheck.Result])]) -> CSVTable {
        var csv = CSVTable(header: ["sample", "spot", "ratio", "major_counts", "minor_counts", "measured_ratio", "ci95_low", "ci95_high",
                                    "natural_ratio", "deviates", "verdict"])
        for entry in isotopes {
            for result in entry.results {
                csv.append([.text(entry.sample), .text(entry.spot), .text(result.pair.label), .number(result.majorCounts),
                            .number(result.minorCounts), .optional(result.ratio), .optional(result.interval?.lowerBound),
                            .optional(result.interval?.upperBound), .number(result.pair.naturalRatio),
                            .text(result.deviates ? "yes" : "no"), .text(result.verdict)])
            }
        }
        return csv
    }

    /// `results/tests.csv`.
    static func testTable(_ tests: [SampleComparison], table: PeakAreaTable, normalization: PeakNormalization) -> CSVTable {
        let header = ["normalization", "peak_index", "assignment", "sample_a", "sample_b", "n_a", "n_b",
                      "welch_t", "welch_df", "welch_p", "welch_p_bh", "mann_whitney_u", "mann_whitney_p",
                      "mann_whitney_p_bh", "mann_whitney_method", "hedges_g", "welch_note"]
        // 10⁵ rows in a study of 30 samples × 200 peaks: formatted in blocks on all cores, joined in order.
        let blockSize = 2048
        let blocks = Array(stride(from: 0, to: tests.count, by: blockSize)).concurrentMap { start -> CSVTable in
            var block = CSVTable(header: header)
            for test in tests[start..<min(start + blockSize, tests.count)] {
                let peak = table.peaks[test.peak]
                block.append([.text(normalization.rawValue), .integer(peak.index), .text(peak.label), .text(test.first), .text(test.second),
                              .integer(test.firstCount), .integer(test.secondCount), welchT(test.welch),
                              .optional(test.welch?.degreesOfFreedom), .optional(test.welch?.p), .optional(test.welchAdjustedP),
                              .optional(test.mannWhitney?.u), .optional(test.mannWhitney?.p), .optional(test.mannWhitneyAdjustedP),
                              test.mannWhitney.map { .text($0.method.rawValue) } ?? .empty, .optional(test.hedgesG),
                              .text(welchNote(test))])
            }
            return block
        }
        return CSVTable(header: header, concatenating: blocks)
    }

    /// Welch's t as SciPy writes it: `inf`/`-inf` when both samples are constant but differ, empty when undefined.
    static func welchT(_ welch: WelchTTest?) -> CSVTable.Cell {
        guard let t = welch?.t else { return .empty }
        return t.isInfinite ? .text(t > 0 ? "inf" : "-inf") : .number(t)
    }

    /// Why Welch's test is undefined or degenerate for a comparison; empty when it is an ordinary test.
    static func welchNote(_ test: SampleComparison) -> String {
        if let degeneracy = test.welch?.degeneracy { return degeneracy.rawValue }
        if test.welch == nil { return "a sample has fewer than 2 values: no test" }
        return ""
    }
}
