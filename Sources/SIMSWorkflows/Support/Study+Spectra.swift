import SIMSAnalysis
import SIMSFormats

extension Study {
    /// Reads the IONTOF spectrum of every spot, in study order. Files are read, fingerprinted (SHA-256 of the
    /// bytes read, for the provenance) and parsed concurrently on all cores; results keep the study order. A
    /// spot that cannot be read (or has no usable mass axis) is recorded in `record` as failed and skipped, so
    /// one corrupt file does not stop a batch; read files are added to `record.inputs` with their digests. A spot
    /// file byte-identical to an earlier one (same digest) is one measurement: it stays in the provenance but
    /// is dropped from the spots, with a warning (``IdenticalInputs``).
    func readSpectra(record: inout RunRecord, progress: any ProgressReporting) -> [SpotSpectrum] {
        let all = allSpots
        let counter = ProgressCounter(task: "reading spectra", total: all.count, progress: progress)
        let outcomes = all.concurrentMap { entry -> Result<(SpotSpectrum, FileDigest), SIMSError> in
            defer { counter.advance() }
            return Result { () throws(SIMSError) -> (SpotSpectrum, FileDigest) in
                let read = try FileBytes.parse(contentsOf: entry.spot.path) { text throws(SIMSError) in try IONTOFSpectrumFormat.parse(text) }
                try PeakIntegrator.validate(read.value)
                return (SpotSpectrum(sample: entry.sample, spot: entry.spot.name, spectrum: read.value), read.digest)
            }
        }
        var spots: [SpotSpectrum] = []
        var identical = IdenticalInputs()
        for (entry, outcome) in zip(all, outcomes) {
            switch outcome {
            case .success(let (spot, digest)):
                record.read(entry.spot.path, digest: digest)
                if identical.isFirst(digest.sha256, name: "\(entry.sample)/\(entry.spot.name)", record: &record) { spots.append(spot) }
            case .failure(let error):
                record.fail(entry.spot.path, error)
                progress.warn("skipped \(error)")
            }
        }
        return spots
    }
}
