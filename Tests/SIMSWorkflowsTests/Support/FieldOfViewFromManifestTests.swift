import Testing
@testable import SIMSWorkflows

@Suite("field of view from sims.toml for images without one (BIF6)")
struct FieldOfViewFromManifestTests {
    func set(fieldOfView: Double? = nil) throws -> ImageSet {
        let counts = ContiguousArray<Double>(repeating: 1, count: 16)
        return try ImageSet(measurement: "m", images: [IonImage(width: 4, height: 4, counts: counts, ion: "O-", fieldOfViewMicrometers: fieldOfView)],
                            total: IonImage(width: 4, height: 4, counts: counts, ion: "total", fieldOfViewMicrometers: fieldOfView))
    }

    @Test("area and matching raster give every image the area; the pixel size is area ÷ width and is recorded")
    func filled() throws {
        var acquisition = Acquisition()
        acquisition.analysisAreaMicrometers = 10
        acquisition.rasterWidth = 4
        let (filled, pixel) = try set().fillingFieldOfView(from: acquisition)
        #expect(pixel == 2.5)
        #expect(filled.images[0].pixelSizeMicrometers == 2.5)
        #expect(filled.total?.pixelSizeMicrometers == 2.5)
        var record = RunRecord(command: "mva", arguments: [])
        record.configAcquisition = acquisition
        let viaRecord = record.fillingFieldOfView(of: try set())
        #expect(viaRecord.images[0].fieldOfViewMicrometers == 10)
        #expect(record.settings.contains { $0.name.contains("from sims.toml") && $0.value == "2.5" })
    }

    @Test("a raster of another size, a missing area, or a field of view already known: unchanged")
    func unchanged() throws {
        var acquisition = Acquisition()
        acquisition.analysisAreaMicrometers = 10
        acquisition.rasterWidth = 128
        #expect(try set().fillingFieldOfView(from: acquisition).pixelSizeMicrometers == nil)
        #expect(try set().fillingFieldOfView(from: Acquisition()).set.images[0].fieldOfViewMicrometers == nil)
        acquisition.rasterWidth = nil
        let known = try set(fieldOfView: 8).fillingFieldOfView(from: acquisition)
        #expect(known.pixelSizeMicrometers == nil)
        #expect(known.set.images[0].fieldOfViewMicrometers == 8)
    }
}
