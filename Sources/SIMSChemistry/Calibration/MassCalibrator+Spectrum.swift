extension MassCalibrator {
    /// Calibrates a spectrum on reference ions: each reference is searched within ±`searchWindowPPM` of its
    /// true m/z on the spectrum's current mass axis, its strongest point taken as apex, and the
    /// intensity-weighted channel centroid above half maximum used as its flight time; then ``fit(_:)``.
    ///
    /// References with no point above `minimumHeight` counts in their window are skipped.
    /// - Throws: ``SIMSError`` when the spectrum has no channel column or fewer than 2 references are found.
    public func fit(spectrum: Spectrum, references: [Ion], searchWindowPPM: Double = 1000,
                    minimumHeight: Double = 10) throws(SIMSError) -> CalibrationFit {
        guard spectrum.channel != nil else {
            throw SIMSError(.invalidArgument, "spectrum has no Channel column to calibrate", file: spectrum.source)
        }
        let baseline = PeakFinder.median(spectrum.intensity)
        var points: [CalibrationPoint] = []
        for ion in references {
            let target = ion.monoisotopicMass
            let window = target * searchWindowPPM * 1e-6
            guard let start = spectrum.indexOfMaximum(in: (target - window) ... (target + window)) else { continue }
            // Climb to the local maximum (the window may hold only a flank), which must lie in the window.
            let apex = spectrum.climbToLocalMaximum(from: start)
            guard abs(spectrum.mass[apex] - target) <= window,
                  spectrum.intensity[apex] - baseline >= minimumHeight else { continue }
            let peak = PeakFinder.describe(apex: apex, in: spectrum, baseline: baseline)
            guard let time = peak.channelCentroid else { continue }
            points.append(CalibrationPoint(time: time, mass: target, label: ion.iontofNotation))
        }
        guard points.count >= 2 else {
            throw SIMSError(.inconsistent, "found only \(points.count) of \(references.count) reference peaks for mass calibration",
                            file: spectrum.source)
        }
        return try fit(points)
    }
}

extension Spectrum {
    /// The index of the local maximum reached by walking uphill from `index`.
    func climbToLocalMaximum(from index: Int) -> Int {
        var current = index
        while true {
            if current + 1 < count, intensity[current + 1] > intensity[current] { current += 1; continue }
            if current > 0, intensity[current - 1] > intensity[current] { current -= 1; continue }
            return current
        }
    }

    /// Index of the largest intensity with m/z in `range`, or `nil` when no point lies in it.
    func indexOfMaximum(in range: ClosedRange<Double>) -> Int? {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if mass[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
        }
        var best: Int?
        var index = low
        while index < count, mass[index] <= range.upperBound {
            if best == nil || intensity[index] > intensity[best!] { best = index }
            index += 1
        }
        return best
    }
}
