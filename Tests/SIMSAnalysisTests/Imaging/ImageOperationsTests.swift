import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSAnalysis

@Suite("Image operations")
struct ImageOperationsTests {
    struct SciPyReference: Decodable { var width: Int; var height: Int; var image: [Double]; var smoothed: [String: [Double]] }

    @Test(arguments: ["0.8", "1.5"]) func gaussianMatchesSciPy(sigma: String) throws {
        let url = SharedData.repositoryRoot.appendingPathComponent("Tests/Reference/imaging_reference.json")
        let reference = try JSONDecoder().decode(SciPyReference.self, from: Data(contentsOf: url))
        let image = IonImage(width: reference.width, height: reference.height, counts: ContiguousArray(reference.image), ion: "x")
        let smoothed = try GaussianFilter(sigma: Double(sigma)!).apply(to: image)
        let expected = try #require(reference.smoothed[sigma])
        for (mine, theirs) in zip(smoothed.counts, expected) { #expect(abs(mine - theirs) < 1e-12) }
    }

    @Test func binningSumsBlocksAndKeepsTotals() throws {
        let image = IonImage(width: 5, height: 3, counts: ContiguousArray((0..<15).map(Double.init)), ion: "x", fieldOfViewMicrometers: 50)
        let binned = try image.binned(by: 2)
        // rows: [0 1 2 3 4],[5 6 7 8 9],[10 11 12 13 14]
        #expect(binned.width == 3 && binned.height == 2)
        #expect(binned.counts == [12, 20, 13, 21, 25, 14] as ContiguousArray<Double>)  // 0+1+5+6, 2+3+7+8, 4+9, 10+11, 12+13, 14
        #expect(binned.totalCounts == image.totalCounts)
        #expect(binned.fieldOfViewMicrometers == 60)
        #expect(throws: SIMSError.self) { try image.binned(by: 0) }
    }

    @Test func multiplicationIsTheGeometricMean() throws {
        let a = IonImage(width: 3, height: 1, counts: [4, 0, 2], ion: "SO2-")
        let b = IonImage(width: 3, height: 1, counts: [9, 5, 2], ion: "SO3-")
        let c = IonImage(width: 3, height: 1, counts: [1, 5, 2], ion: "SO4-")
        let product = try ImageMultiplication().transform([a, b, c])
        #expect(product.ion == "SO2-*SO3-*SO4-")
        #expect(abs(product.counts[0] - pow(36, 1.0 / 3)) < 1e-12)
        #expect(product.counts[1] == 0)
        #expect(abs(product.counts[2] - 2) < 1e-12)  // equal images keep their scale
        #expect(throws: SIMSError.self) { try ImageMultiplication().transform([a]) }
    }

    @Test(arguments: [(3, -2), (0, 0), (-5, 4), (16, 1)]) func phaseCorrelationFindsAKnownShift(dx: Int, dy: Int) throws {
        // Deterministic texture 32x24 (radix-2 along x, direct DFT along y), moved circularly.
        let w = 32, h = 24
        var rng = UInt64(12345)
        var counts = ContiguousArray<Double>()
        for _ in 0..<(w * h) { rng = rng &* 6364136223846793005 &+ 1442695040888963407; counts.append(Double(rng >> 58)) }
        let reference = IonImage(width: w, height: h, counts: counts, ion: "a")
        var moved = reference
        for y in 0..<h { for x in 0..<w { moved[x, y] = reference[((x - dx) % w + w) % w, ((y - dy) % h + h) % h] } }
        let shift = try ShiftEstimation().fit(reference: reference, moving: moved)
        let wrappedDx = dx > w / 2 ? dx - w : dx
        #expect(shift.dx == wrappedDx && shift.dy == dy)
        // Undoing the shift restores the reference wherever data exists.
        let (back, uncovered) = moved.shifted(dx: -shift.dx, dy: -shift.dy)
        for p in 0..<(w * h) where !uncovered[p] { #expect(back.counts[p] == reference.counts[p]) }
    }

    @Test func fftMatchesDirectDFT() {
        var re = [1.0, 2, 3, 4, 0, -1, 5, 2], im = [Double](repeating: 0, count: 8)
        let original = re
        FourierTransform2D.transform1D(&re, &im, inverse: false)
        // Direct DFT by definition.
        for k in 0..<8 {
            var s = (0.0, 0.0)
            for j in 0..<8 { let a = -2 * Double.pi * Double(j * k) / 8; s.0 += original[j] * cos(a); s.1 += original[j] * sin(a) }
            #expect(abs(re[k] - s.0) < 1e-12 && abs(im[k] - s.1) < 1e-12)
        }
        FourierTransform2D.transform1D(&re, &im, inverse: true)
        for k in 0..<8 { #expect(abs(re[k] - original[k]) < 1e-12 && abs(im[k]) < 1e-12) }
    }

    @Test func saturationMapUsesTheDeadTimeLawPerPixel() throws {
        let image = IonImage(width: 3, height: 1, counts: [10, 30, 100], ion: "Li-")
        let map = try PixelSaturation(scans: 10, shotsPerPixel: 10).fit(image)  // N = 100 per pixel
        #expect(map.fraction == [0.1, 0.3, 1.0])
        #expect(map.flaggedPixels == 2 && map.unreliablePixels == 1)
        #expect(abs(map.corrected[1]! - (-100 * log(0.7))) < 1e-12)
        #expect(map.corrected[2] == nil)
    }
}
