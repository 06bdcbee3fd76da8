import SIMSCore

extension ImzML {
    /// Calls `body` with every spectrum in file order: its index into ``spectra``, its entry (pixel position),
    /// and its m/z (u) and intensity arrays converted to Double. The buffers are reused between calls and valid
    /// only inside `body`; memory stays at the largest spectrum whatever the .ibd size.
    /// - Throws: ``SIMSError`` for unreadable or truncated arrays and m/z/intensity length mismatches, or
    ///   whatever `body` throws.
    public func forEachSpectrum(
        _ body: (_ index: Int, _ entry: SpectrumEntry, _ mz: UnsafeBufferPointer<Double>, _ intensity: UnsafeBufferPointer<Double>) throws(SIMSError) -> Void
    ) throws(SIMSError) {
        try forEachSpectrum(at: spectra.indices, body)
    }

    /// Calls `body` with the spectra at `indices` (into ``spectra``), in the order given, reading only their
    /// arrays from the .ibd (each entry holds its arrays' byte offsets), so the cost follows the number of
    /// spectra asked for, not the file's size. A continuous file's shared m/z array is read once. Buffers are
    /// reused and valid only inside `body`.
    /// - Throws: ``SIMSError`` for an index outside ``spectra``, unreadable or truncated arrays and m/z/intensity
    ///   length mismatches, or whatever `body` throws.
    public func forEachSpectrum(
        at indices: some Sequence<Int>,
        _ body: (_ index: Int, _ entry: SpectrumEntry, _ mz: UnsafeBufferPointer<Double>, _ intensity: UnsafeBufferPointer<Double>) throws(SIMSError) -> Void
    ) throws(SIMSError) {
        let file = try BinaryFile(path: binaryPath)
        defer { file.close() }
        var buffers = SpectrumBuffers()
        defer { buffers.release() }
        var mz = ContiguousArray<Double>(), intensity = ContiguousArray<Double>()
        if storage == .continuous, let first = spectra.first {
            try readArray(first.mz, from: file, into: &mz, buffers: &buffers, what: "the shared m/z array")
        }
        for k in indices {
            guard spectra.indices.contains(k) else {
                throw .invalidArgument("spectrum index out of range in \(path)", found: "\(k)", expected: "0..<\(spectra.count)")
            }
            let entry = spectra[k]
            if storage == .processed {
                try readArray(entry.mz, from: file, into: &mz, buffers: &buffers, what: "the m/z array of spectrum \(k)")
            }
            try readArray(entry.intensity, from: file, into: &intensity, buffers: &buffers, what: "the intensity array of spectrum \(k)")
            guard mz.count == intensity.count else {
                throw SIMSError(.inconsistent, "spectrum \(k) at (\(entry.x), \(entry.y)) has \(mz.count) m/z values but \(intensity.count) intensities", file: path)
            }
            let result: Result<Void, SIMSError> = mz.withUnsafeBufferPointer { m in
                intensity.withUnsafeBufferPointer { y in
                    do throws(SIMSError) { try body(k, entry, m, y); return .success(()) } catch { return .failure(error) }
                }
            }
            try result.get()
        }
    }
}
