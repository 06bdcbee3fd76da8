import SIMSAnalysis
import SIMSFormats

extension Study {
    /// Reads the IONTOF spectrum of every spot, in study order. A spot that cannot be read (or has no usable
    /// mass axis) is recorded in `record` as failed and skipped, so one corrupt file does not stop a batch;
    /// read files are added to `record.inputs`.
    func readSpectra(record: inout RunRecord, progress: any ProgressReporting) -> [SpotSpectrum] {
        var spots: [SpotSpectrum] = []
        let all = allSpots
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
