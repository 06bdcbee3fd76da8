import Foundation
import SIMSCore

extension ImzML {
    /// A peak to image: an ion name and the mass interval (u) whose intensities are summed per pixel.
    public struct Peak: Sendable, Equatable {
        /// Ion name for the image.
        public var ion: String
        /// Closed interval [lower, upper] in u.
        public var interval: MassInterval
        /// Creates a peak.
        public init(ion: String, interval: MassInterval) { self.ion = ion; self.interval = interval }
    }

    /// Extracts one image per peak by summing, in every spectrum, the intensities whose m/z lies in the closed
    /// interval [lower, upper] — the same quantity as pyimzML's `getionimage(p, mz, tol, reduce_func=sum)`
    /// with `[mz − tol, mz + tol]` (inclusive bisection). The `total` image is each spectrum's summed intensity
    /// (total ion count). Pixels without a spectrum stay 0.
    ///
    /// Streaming: spectra are read one at a time with positioned reads into reused buffers, so memory is the
    /// output images plus the largest spectrum, whatever the .ibd size.
    ///
    /// - Complexity: O(n) per spectrum to decode, plus O(k log n) to sum k intervals when the m/z array is
    ///   sorted (the normal case); O(n·k) for unsorted arrays.
    public func peakImages(_ peaks: [Peak], measurement: String? = nil, progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> ImageSet {
        let pixels = width * height
        var images = [ContiguousArray<Double>](repeating: ContiguousArray(repeating: 0, count: pixels), count: peaks.count)
        var total = ContiguousArray<Double>(repeating: 0, count: pixels)
        let file = try BinaryFile(path: binaryPath)
        defer { file.close() }
        var buffers = SpectrumBuffers()
        defer { buffers.release() }
        var mz = ContiguousArray<Double>()
        var intensity = ContiguousArray<Double>()
        var sums = ContiguousArray<Double>(repeating: 0, count: peaks.count)
        let lowers = ContiguousArray(peaks.map(\.interval.lower))
        let uppers = ContiguousArray(peaks.map(\.interval.upper))
        var sorted = true
        if storage == .continuous, let first = spectra.first {
            try readArray(first.mz, from: file, into: &mz, buffers: &buffers, what: "the shared m/z array")
            sorted = Self.isSorted(mz)
        }
        let step = max(1, spectra.count / 100)
        for (k, entry) in spectra.enumerated() {
            if storage == .processed {
                try readArray(entry.mz, from: file, into: &mz, buffers: &buffers, what: "the m/z array of spectrum \(k)")
                sorted = Self.isSorted(mz)
            }
            try readArray(entry.intensity, from: file, into: &intensity, buffers: &buffers, what: "the intensity array of spectrum \(k)")
            guard mz.count == intensity.count else {
                throw SIMSError(.inconsistent, "spectrum \(k) at (\(entry.x), \(entry.y)) has \(mz.count) m/z values but \(intensity.count) intensities", file: path)
            }
            Self.sumIntervals(mz: mz, intensity: intensity, lowers: lowers, uppers: uppers, sorted: sorted, into: &sums)
            let pixel = (entry.y - 1) * width + (entry.x - 1)
            var tic = 0.0
            intensity.withUnsafeBufferPointer { for v in $0 { tic += v } }
            total[pixel] += tic
            for p in 0..<peaks.count { images[p][pixel] += sums[p] }
            if k % step == 0 { progress.report(task: "imzML peak images", completed: k, total: spectra.count) }
        }
        progress.report(task: "imzML peak images", completed: spectra.count, total: spectra.count)
        let fov = pixelSizeXMicrometers.map { $0 * Double(width) }
        var ionImages: [IonImage] = []
        for (p, peak) in peaks.enumerated() {
            var image = IonImage(width: width, height: height, counts: images[p], ion: peak.ion, fieldOfViewMicrometers: fov)
            image.massInterval = peak.interval
            ionImages.append(image)
        }
        let totalImage = IonImage(width: width, height: height, counts: total, ion: "total", fieldOfViewMicrometers: fov)
        let name = measurement ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try ImageSet(measurement: name, images: ionImages, total: totalImage)
    }

    /// The image set stored by SIMSKit's writer (one channel per ion, ``channels`` non-empty), read channel by
    /// channel so names, intervals and the total image come back exactly.
    /// - Throws: ``SIMSError`` `unsupported` when the file was not written by SIMSKit (use ``peakImages(_:measurement:progress:)``).
    public func storedImageSet(measurement: String? = nil) throws(SIMSError) -> ImageSet {
        guard !channels.isEmpty else {
            throw SIMSError(.unsupported, "this imzML has no SIMSKit channel list; give mass intervals (--peaks) to extract peak images", file: path)
        }
        let pixels = width * height
        var images = [ContiguousArray<Double>](repeating: ContiguousArray(repeating: 0, count: pixels), count: channels.count)
        let file = try BinaryFile(path: binaryPath)
        defer { file.close() }
        var buffers = SpectrumBuffers()
        defer { buffers.release() }
        var intensity = ContiguousArray<Double>()
        for (k, entry) in spectra.enumerated() {
            try readArray(entry.intensity, from: file, into: &intensity, buffers: &buffers, what: "the intensity array of spectrum \(k)")
            guard intensity.count == channels.count else {
                throw SIMSError(.inconsistent, "spectrum \(k) has \(intensity.count) intensities for \(channels.count) channels", file: path)
            }
            let pixel = (entry.y - 1) * width + (entry.x - 1)
            for c in 0..<channels.count { images[c][pixel] = intensity[c] }
        }
        let fov = pixelSizeXMicrometers.map { $0 * Double(width) }
        var ions: [IonImage] = []
        var total: IonImage?
        for (c, channel) in channels.enumerated() {
            var image = IonImage(width: width, height: height, counts: images[c], ion: channel.ion, fieldOfViewMicrometers: fov)
            if let interval = channel.interval { image.massInterval = interval }
            if channel.interval == nil && channel.ion == "total" { total = image } else { ions.append(image) }
        }
        let name = measurement ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try ImageSet(measurement: name, images: ions, total: total)
    }

    static func isSorted(_ values: ContiguousArray<Double>) -> Bool {
        values.withUnsafeBufferPointer { v in
            guard v.count > 1 else { return true }
            for i in 1..<v.count where v[i] < v[i - 1] { return false }
            return true
        }
    }

    /// Sums `intensity` over each closed interval [lowers[p], uppers[p]] of m/z into `sums[p]`.
    static func sumIntervals(
        mz: ContiguousArray<Double>, intensity: ContiguousArray<Double>,
        lowers: ContiguousArray<Double>, uppers: ContiguousArray<Double>, sorted: Bool, into sums: inout ContiguousArray<Double>
    ) {
        mz.withUnsafeBufferPointer { m in
            intensity.withUnsafeBufferPointer { y in
                sums.withUnsafeMutableBufferPointer { s in
                    let n = m.count
                    for p in 0..<s.count {
                        let lower = lowers[p], upper = uppers[p]
                        var total = 0.0
                        if sorted {
                            // First index with m >= lower (bisect_left).
                            var lo = 0, hi = n
                            while lo < hi { let mid = (lo + hi) >> 1; if m[mid] < lower { lo = mid + 1 } else { hi = mid } }
                            var i = lo
                            while i < n && m[i] <= upper { total += y[i]; i += 1 }
                        } else {
                            for i in 0..<n where m[i] >= lower && m[i] <= upper { total += y[i] }
                        }
                        s[p] = total
                    }
                }
            }
        }
    }
}
