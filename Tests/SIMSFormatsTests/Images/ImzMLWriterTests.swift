import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("imzML writer")
struct ImzMLWriterTests {
    static func sampleSet(fractional: Bool = false) throws -> ImageSet {
        var li = IonImage(width: 3, height: 2, counts: ContiguousArray((0..<6).map { Double($0 * 7) + (fractional ? 0.25 : 0) }), ion: "Li-", fieldOfViewMicrometers: 30)
        li.massInterval = MassInterval(lower: 6.99, upper: 7.04, center: 7.016)
        var f = IonImage(width: 3, height: 2, counts: [5, 0, 3, 9, 1, 2], ion: "F-", fieldOfViewMicrometers: 30)
        f.massInterval = MassInterval(lower: 18.97, upper: 19.03, center: 18.998)
        let total = IonImage(width: 3, height: 2, counts: [100, 0, 50, 70, 80, 90], ion: "total", fieldOfViewMicrometers: 30)
        // F- listed first: the writer sorts channels by m/z.
        return try ImageSet(measurement: "m", images: [f, li], total: total)
    }

    @Test func sha1MatchesFIPSExamples() {
        var a = SHA1(); a.update(Array("abc".utf8))
        #expect(a.finalizeHex() == "a9993e364706816aba3e25717850c26c9cd0d89d")
        var b = SHA1(); b.update(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        #expect(b.finalizeHex() == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        var c = SHA1(); c.update([UInt8]())
        #expect(c.finalizeHex() == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    @Test(arguments: [false, true]) func imageSetRoundTripsExactly(fractional: Bool) throws {
        let folder = try TemporaryFolder()
        let set = try Self.sampleSet(fractional: fractional)
        try ImzML.write(set, to: folder.file("m.imzML"))
        let file = try ImzML.open(folder.file("m.imzML"))
        #expect(file.storage == .continuous)
        #expect(file.spectra.first?.intensity.type == (fractional ? .float64 : .int32))
        #expect(file.channels.map(\.ion) == ["total", "Li-", "F-"])
        let back = try file.storedImageSet()
        #expect(back.ions == ["Li-", "F-"])
        for ion in ["Li-", "F-"] {
            #expect(back.image(of: ion)?.counts == set.image(of: ion)?.counts)
            #expect(back.image(of: ion)?.massInterval == set.image(of: ion)?.massInterval)
        }
        #expect(back.total?.counts == set.total?.counts)
        #expect(back.images[0].fieldOfViewMicrometers == 30)
    }

    /// With `SIMSKIT_EXPORT_IMZML=DIR`, writes the sample set to DIR/m.imzML so that
    /// `Tests/Reference/check_imzml_with_pyimzml.py DIR/m.imzML` can confirm pyimzML reads it.
    @Test func exportForExternalCheck() throws {
        guard let folder = ProcessInfo.processInfo.environment["SIMSKIT_EXPORT_IMZML"] else { return }
        try ImzML.write(try Self.sampleSet(), to: folder + "/m.imzML")
        let writer = try ImzMLWriter(path: folder + "/p.imzML", storage: .processed, mzType: .float32, intensityType: .int64, width: 2, height: 1)
        try writer.append(x: 1, y: 1, mz: [10.0, 20.0, 30.0], intensities: [1, 2, 3])
        try writer.append(x: 2, y: 1, mz: [10.5, 20.25], intensities: [4, 5])
        try writer.finish()
    }

    @Test func peakExtractionFromWrittenFileGivesTheCounts() throws {
        let folder = try TemporaryFolder()
        let set = try Self.sampleSet()
        try ImzML.write(set, to: folder.file("m.imzML"))
        let file = try ImzML.open(folder.file("m.imzML"))
        let li = try #require(set.image(of: "Li-")?.massInterval)
        let extracted = try file.peakImages([ImzML.Peak(ion: "Li-", interval: li)])
        #expect(extracted.images[0].counts == set.image(of: "Li-")?.counts)
    }

    @Test func processedModeStreamsSpectra() throws {
        let folder = try TemporaryFolder()
        let writer = try ImzMLWriter(path: folder.file("p.imzML"), storage: .processed, mzType: .float32, intensityType: .int64, width: 2, height: 1)
        try writer.append(x: 1, y: 1, mz: [10.0, 20.0, 30.0], intensities: [1, 2, 3])
        try writer.append(x: 2, y: 1, mz: [10.5, 20.25], intensities: [4, 5])
        #expect(throws: SIMSError.self) { try writer.append(x: 3, y: 1, mz: [1.0], intensities: [1]) }
        try writer.finish()
        let file = try ImzML.open(folder.file("p.imzML"))
        #expect(file.storage == .processed)
        #expect(try file.spectrum(at: 1).mz == [10.5, 20.25])
        #expect(try file.spectrum(at: 0).intensities == [1, 2, 3])
        let set = try file.peakImages([ImzML.Peak(ion: "a", interval: MassInterval(lower: 10, upper: 20.3))])
        #expect(set.images[0].counts == [3, 9])
        #expect(set.total?.counts == [6, 9])
    }
}
