import SIMSCore
import SIMSFormats

extension ImageSet {
    /// The set with the field of view of `acquisition` (the `sims.toml` beside the images: analysis area, raster)
    /// given to every image that has none, when the raster matches the images' width. BIF6 files carry no field of
    /// view, so without this their figures have no scale bar and their metrics no µm.
    /// - Returns: the set, and the pixel size in µm when it was taken from `acquisition` (nil: nothing changed).
    func fillingFieldOfView(from acquisition: Acquisition) -> (set: ImageSet, pixelSizeMicrometers: Double?) {
        guard let area = acquisition.analysisAreaMicrometers, area > 0,
              acquisition.rasterWidth == nil || acquisition.rasterWidth == width,
              images.contains(where: { $0.fieldOfViewMicrometers == nil }) || (total.map { $0.fieldOfViewMicrometers == nil } ?? false)
        else { return (self, nil) }
        var set = self
        for i in set.images.indices where set.images[i].fieldOfViewMicrometers == nil { set.images[i].fieldOfViewMicrometers = area }
        if set.total?.fieldOfViewMicrometers == nil { set.total?.fieldOfViewMicrometers = area }
        return (set, area / Double(Swift.max(width, 1)))
    }
}

extension RunRecord {
    /// `set` with the field of view from the `sims.toml` that ``useManifest(describing:)`` read, when its images
    /// have none; notes the pixel size taken in the record's settings.
    mutating func fillingFieldOfView(of set: ImageSet) -> ImageSet {
        let (filled, pixelSize) = set.fillingFieldOfView(from: configAcquisition)
        if let pixelSize {
            self.set("pixel size of \(set.measurement) (µm, from sims.toml)", CSVTable.format(pixelSize))
        }
        return filled
    }
}
