import SIMSAnalysis
import SIMSFormats

extension Study {
    /// Reads the IONTOF spectrum of every spot, in study order. A spot that cannot be read (or has no usable
    /// mass axis) is recorded in `record` as failed and skipped, so one corrupt file does not stop a batch;
    /// read files are added to `record.inputs`. A spot file byte-identical to an earlier one is one measurement:
    /// it is read once, with a warning (``IdenticalInputs``).
    func readSpectra(record: inout RunRecord, progress: any ProgressReporting) -> [SpotSpectrum] {
        var spots: [SpotSpectrum] = []
        let all = IdenticalInputs.firstOccurrences(allSpots, files: { [$0.spot.path] }, name: { "\($0.sample)/\($0.spot.name)" },
                                                   record: &record)
        for (number, entry) in all.enumerated() {
            progress.report(task: "reading spectra", completed: number, total: all.count)
            do {
                let spectrum = try IONTOFSpectrumFormat.read(from: entry.spot.path)
                try PeakIntegrator.validate(spectrum)
                spots.append(SpotSpectrum(sample: entry.sample, spot: entry.spot.name, spectrum: spectrum))
                record.inputs.append(entry.spot.path)
            } catch {
                record.fail(entry.spot.path, error)
                progress.warn("skipped \(error)")
            }
        }
        progress.report(task: "reading spectra", completed: all.count, total: all.count)
        return spots
    }
}
