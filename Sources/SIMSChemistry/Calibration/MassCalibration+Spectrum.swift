extension MassCalibration {
    /// The calibration a spectrum was exported with, estimated from its `Channel` and m/z columns
    /// (linear least squares of channel on √m over points with m > 0).
    /// - Throws: ``SIMSError`` when the spectrum has no channel column or fewer than 2 usable points.
    public init(estimatedFrom spectrum: Spectrum) throws(SIMSError) {
        guard let channels = spectrum.channel else {
            throw SIMSError(.invalidArgument, "spectrum has no Channel column to calibrate", file: spectrum.source)
        }
        var points: [CalibrationPoint] = []
        let stride = max(1, spectrum.count / 2000)
        var index = 0
        while index < spectrum.count {
            if spectrum.mass[index] > 0 { points.append(CalibrationPoint(time: channels[index], mass: spectrum.mass[index])) }
            index += stride
        }
        do {
            var calibrator = MassCalibrator()
            calibrator.maximumIterations = 0
            self = try calibrator.fit(points).calibration
        } catch {
            throw error.inFile(spectrum.source ?? "<spectrum>")
        }
    }

    /// `spectrum` with its m/z column recomputed from the `Channel` column with this calibration.
    /// - Throws: ``SIMSError`` when the spectrum has no channel column.
    public func recalibrate(_ spectrum: Spectrum) throws(SIMSError) -> Spectrum {
        guard let channels = spectrum.channel else {
            throw SIMSError(.invalidArgument, "spectrum has no Channel column to recalibrate", file: spectrum.source)
        }
        var copy = spectrum
        channels.withUnsafeBufferPointer { times in
            copy.mass.withUnsafeMutableBufferPointer { masses in
                // Channels before t0 lie outside the law's branch; they get m = 0 so the axis stays ascending.
                for index in 0 ..< times.count { masses[index] = times[index] <= t0 ? 0 : mass(atTime: times[index]) }
            }
        }
        return copy
    }

    /// `peakList` with every interval mapped from the `old` mass scale to this one
    /// (m → t with `old`, t → m with `self`); assignments and values are kept.
    public func recalibrate(_ peakList: PeakList, from old: MassCalibration) -> PeakList {
        var copy = peakList
        copy.peaks = peakList.peaks.map { peak in
            var moved = peak
            let lower = mass(atTime: old.time(ofMass: peak.interval.lower))
            let upper = mass(atTime: old.time(ofMass: peak.interval.upper))
            let center = mass(atTime: old.time(ofMass: peak.interval.center))
            moved.interval = MassInterval(lower: min(lower, upper), upper: max(lower, upper), center: center)
            return moved
        }
        return copy
    }
}
