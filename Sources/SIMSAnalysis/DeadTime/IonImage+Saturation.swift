extension IonImage {
    /// Saturation map of an ion image: per pixel the fraction I/N of pulses that registered a count, with
    /// N = scans × shots per pixel (the pulses that hit one pixel; Stephan, Zehnpfenning & Benninghoven,
    /// JVST A 12 (1994) 405). The result has the same size and ion name; its counts are fractions (0…1+).
    ///
    /// When the export is already dead-time corrected (`alreadyCorrected`), registered counts are recovered
    /// with the forward law first, as for spectra.
    /// - Throws: `SIMSError.invalidArgument` when `pulsesPerPixel` is not positive.
    public func saturationMap(pulsesPerPixel: Double, alreadyCorrected: Bool = false) throws(SIMSError) -> IonImage {
        let law = try DeadTimeLaw(primaryPulses: pulsesPerPixel)
        var map = self
        map.counts.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices {
                let value = buffer[i]
                let registered = alreadyCorrected ? law.measuredCounts(fromTrue: value) : value
                buffer[i] = law.saturationFraction(ofMeasured: registered)
            }
        }
        map.metadata["Saturation"] = "I/N per pixel, N = \(pulsesPerPixel) pulses per pixel"
        return map
    }

    /// Pixels whose saturation fraction exceeds the flag threshold (0.1), as (x, y, I/N), row-major order.
    public func saturatedPixels(pulsesPerPixel: Double, alreadyCorrected: Bool = false) throws(SIMSError) -> [(x: Int, y: Int, fraction: Double)] {
        let map = try saturationMap(pulsesPerPixel: pulsesPerPixel, alreadyCorrected: alreadyCorrected)
        var out: [(x: Int, y: Int, fraction: Double)] = []
        for i in map.counts.indices where SaturationLevel(fraction: map.counts[i]) >= .flagged {
            out.append((i % width, i / width, map.counts[i]))
        }
        return out
    }
}
