import Testing
import SIMSCore
import SIMSFormats
import SIMSTestSupport
@testable import SIMSView

@Suite("Retrospective images from imzML")
struct RetrospectiveIndexTests {
    /// Any m/z window imaged from the index equals ImzML.peakImages' closed-interval sum over the real files
    /// (to Float32 rounding of the stored m/z and intensity).
    @Test(arguments: ["imzml/Example_Continuous.imzML", "imzml/Example_Processed.imzML"])
    func windowImagesMatchPeakImages(_ relative: String) throws {
        let file = try ImzML.open(try SharedData.path(relative))
        let index = try RetrospectiveIndex(file)
        let span = index.highestMass - index.lowestMass
        let windows = [(0.1, 0.1003), (0.25, 0.26), (0.5, 0.7), (0.0, 1.0)].map { (index.lowestMass + $0.0 * span, index.lowestMass + $0.1 * span) }
        let reference = try file.peakImages(windows.enumerated().map { ImzML.Peak(ion: "w\($0.offset)", interval: MassInterval(lower: $0.element.0, upper: $0.element.1)) })
        for (k, window) in windows.enumerated() {
            let image = index.image(lower: window.0, upper: window.1)
            let expected = reference.images[k].counts
            let scale = max(1, expected.max() ?? 1)
            for i in image.indices { #expect(abs(image[i] - expected[i]) <= 1e-5 * scale, "window \(k) pixel \(i)") }
        }
        #expect(zip(index.total, reference.total!.counts).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, $1) })
        // The region spectrum of every pixel sums to the total counts.
        let all = index.spectrum(mask: [Bool](repeating: true, count: file.width * file.height))
        #expect(abs(all.totalIonCount - index.total.reduce(0, +)) <= 1e-6 * index.total.reduce(0, +))
    }
}
