/// One spectrum of a study, with the sample and spot it belongs to.
public struct SpotSpectrum: Sendable {
    /// Sample name.
    public var sample: String
    /// Spot name.
    public var spot: String
    /// The spectrum.
    public var spectrum: Spectrum
    /// Creates a spot spectrum.
    public init(sample: String, spot: String, spectrum: Spectrum) {
        self.sample = sample; self.spot = spot; self.spectrum = spectrum
    }
}

/// The spectra workflow's analysis: integrates every peak of a list in every spot and derives all
/// normalizations and the saturation of each peak (estimator shape: configure, ``fit(_:)``, read the table).
///
/// ```swift
/// var analysis = SpectraPeakAnalysis(peaks: list.peaks)
/// analysis.referencePeaks = [list.peaks.firstIndex { $0.assignment == "SiO_2-" }!]
/// analysis.deadTime = try DeadTimeLaw(primaryPulses: 5.2e6)
/// let table = try analysis.fit(spots)
/// table.values(.tic)  // [spot][peak]
/// ```
public struct SpectraPeakAnalysis: Sendable {
    /// The peaks in list order.
    public var peaks: [Peak]
    /// Positions (in ``peaks``) of the reference peak(s); their raw areas are summed.
    public var referencePeaks: [Int] = []
    /// The dead-time law (number of primary pulses N); `nil` when N is unknown — then the saturation
    /// report, the TIC without saturated peaks and the corrected TIC are not computed.
    public var deadTime: DeadTimeLaw?

    /// Configures the analysis of `peaks`.
    public init(peaks: [Peak]) { self.peaks = peaks }

    /// Integrates all spots. A spot that fails integration throws (the caller skips it and records the failure).
    public func fit(_ spots: [SpotSpectrum]) throws(SIMSError) -> PeakAreaTable {
        let integrator = PeakIntegrator(peaks: peaks)
        var rows: [PeakAreaTable.Row] = []
        rows.reserveCapacity(spots.count)
        for spot in spots {
            rows.append(try row(for: spot, integrator: integrator))
        }
        return PeakAreaTable(peaks: peaks, referencePeaks: referencePeaks, rows: rows, hasDeadTime: deadTime != nil)
    }

    /// One spot's row: areas, reference area, saturation and the alternative TICs.
    public func row(for spot: SpotSpectrum, integrator: PeakIntegrator) throws(SIMSError) -> PeakAreaTable.Row {
        let areas = try integrator.integrate(spot.spectrum)
        var row = PeakAreaTable.Row(sample: spot.sample, spot: spot.spot, areas: areas)
        if !referencePeaks.isEmpty {
            row.referenceArea = referencePeaks.reduce(0) { $0 + areas.rawArea[$1] }
        }
        row.alreadyDeadTimeCorrected = spot.spectrum.isDeadTimeCorrected ?? false
        if let law = deadTime {
            let saturation = areas.counts.map { PeakSaturation(counts: $0, law: law, alreadyCorrected: row.alreadyDeadTimeCorrected) }
            row.saturation = saturation
            // Intervals that overlap an earlier one (by lower bound) are left out of TIC sums to avoid double counting.
            let disjoint = PeakAreaTable.disjointPeaks(peaks)
            var flaggedCounts = 0.0, correctionGain = 0.0, undefined = false
            for k in disjoint {
                if saturation[k].level >= .flagged { flaggedCounts += areas.counts[k] }
                if let corrected = saturation[k].correctedCounts { correctionGain += corrected - areas.counts[k] } else { undefined = true }
            }
            row.ticWithoutSaturated = areas.tic - flaggedCounts
            row.correctedTIC = undefined ? nil : areas.tic + correctionGain
        }
        return row
    }
}
