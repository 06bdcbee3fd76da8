import Testing
@testable import SIMSCore

@Suite("Core model")
struct CoreModelTests {
    @Test func massIntervalBoundsAreInclusive() {
        let interval = MassInterval(lower: 6.0, upper: 7.0)
        #expect(interval.contains(6.0))
        #expect(interval.contains(7.0))
        #expect(!interval.contains(7.000001))
        #expect(interval.center == 6.5)
    }

    @Test func massIntervalFromPPMWidth() {
        let interval = MassInterval(center: 100, widthPPM: 200)
        #expect(abs(interval.lower - 99.99) < 1e-12)
        #expect(abs(interval.upper - 100.01) < 1e-12)
    }

    @Test func unassignedPeaksAreLabelledByMass() {
        let peak = Peak(index: 7, assignment: "(null)", interval: MassInterval(lower: 62.92, upper: 62.94, center: 62.934613))
        #expect(peak.isUnassigned)
        #expect(peak.label == "(null) @ 62.93 u")
        let named = Peak(index: 3, assignment: "C_2-", interval: MassInterval(lower: 23.99, upper: 24.01))
        #expect(named.label == "C_2-")
    }

    @Test func totalIonCountIsTheSumOfIntensities() {
        let spectrum = Spectrum(mass: [1, 2, 3], intensity: [2, 38, 87])
        #expect(spectrum.totalIonCount == 127)
        #expect(spectrum.massRange == 1...3)
    }

    @Test func primaryPulsesMultiplyScansShotsAndPixels() {
        var acquisition = Acquisition()
        #expect(acquisition.primaryPulses == nil)
        acquisition.scans = 10
        acquisition.shotsPerPixel = 2
        acquisition.rasterWidth = 128
        #expect(acquisition.primaryPulses == 327_680.0)
        acquisition.analysisAreaMicrometers = 100
        #expect(acquisition.pixelSizeMicrometers == 100.0 / 128.0)
        #expect(abs(acquisition.analysisAreaSquareCentimeters! - 1e-4) < 1e-18)
    }

    @Test func errorMessageNamesFileLineExpectationAndFinding() {
        let error = SIMSError.malformed("bad number in column \"Intensity\"", file: "spot3.txt", line: 17, found: "12,5", expected: "a number")
        #expect(error.description == "spot3.txt:17: bad number in column \"Intensity\" (expected a number, found \"12,5\")")
    }

    @Test func imageSetRejectsImagesOfDifferentSize() {
        let a = IonImage(width: 2, height: 2, ion: "Li-")
        let b = IonImage(width: 3, height: 2, ion: "F-")
        #expect(throws: SIMSError.self) { try ImageSet(measurement: "m", images: [a, b]) }
    }

    @Test func metadataKeepsOrderAndLooksUpIgnoringCase() {
        var metadata: Metadata = ["Binning": "200 channels", "Deadtime Correction": "on"]
        metadata["Polarity"] = "negative"
        #expect(metadata.entries.map(\.key) == ["Binning", "Deadtime Correction", "Polarity"])
        #expect(metadata.value(forKeyIgnoringCase: "deadtime correction") == "on")
    }
}
