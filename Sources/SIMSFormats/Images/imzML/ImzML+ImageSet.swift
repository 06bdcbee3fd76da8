import SIMSCore

extension ImzML {
    /// Writes an image set as a *continuous* imzML (one spectrum per pixel, one m/z entry per ion) that
    /// pyimzML, Cardinal and METASPACE open.
    ///
    /// The shared m/z array holds each ion's interval centre (u), ascending; the `total` image, when present,
    /// is stored as an extra channel at m/z 0 (no real ion has mass 0). Ion names and intervals are recorded as
    /// `userParam`s (`simskit:channel`) so ``ImzML/storedImageSet(measurement:)`` restores the set exactly.
    /// Intensities are 32-bit integers when all counts are whole numbers in range, else 64-bit floats.
    /// Every ion image needs a mass interval (``IonImage/massInterval``).
    public static func write(_ set: ImageSet, to path: String) throws(SIMSError) {
        var channels: [(center: Double, channel: Channel, counts: ContiguousArray<Double>)] = []
        for image in set.images {
            guard let interval = image.massInterval else {
                throw .invalidArgument("image \(image.ion) of \(set.measurement) has no mass interval; imzML needs an m/z per ion (give a mass interval list)")
            }
            channels.append((interval.center, Channel(ion: image.ion, interval: interval), image.counts))
        }
        channels.sort { $0.center < $1.center }
        if let total = set.total { channels.insert((0, Channel(ion: "total", interval: nil), total.counts), at: 0) }
        guard !channels.isEmpty else { throw .invalidArgument("image set \(set.measurement) has no images to write") }
        let whole = channels.allSatisfy { $0.counts.allSatisfy { $0 == $0.rounded() && $0 >= Double(Int32.min) && $0 <= Double(Int32.max) } }
        let pixelSize = (set.images.first ?? set.total)?.pixelSizeMicrometers
        let writer = try ImzMLWriter(path: path, storage: .continuous, mzType: .float64, intensityType: whole ? .int32 : .float64,
                                     width: set.width, height: set.height, pixelSizeMicrometers: pixelSize, channels: channels.map(\.channel))
        try writer.writeSharedMZ(channels.map(\.center))
        var spectrum = [Double](repeating: 0, count: channels.count)
        for y in 0..<set.height {
            for x in 0..<set.width {
                let pixel = y * set.width + x
                for c in 0..<channels.count { spectrum[c] = channels[c].counts[pixel] }
                try writer.append(x: x + 1, y: y + 1, intensities: spectrum)
            }
        }
        try writer.finish()
    }
}
