import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

/// `--align` on simulated images (#21 item 3): at --bin 2, the drift-free imaging preset had O⁻ shifted by
/// (−41, 46) px and NiO₂⁻ by (−58, −14) px — phase correlation of ions whose contrast is unrelated to the
/// total's peaks on noise. Shifts are now applied only for a significant peak within 10 % of the field of view.
@Suite("Image alignment with binning")
struct AlignmentTests {
    /// The imaging preset's negative image set (100 µm, 128² for speed), optionally with Cl⁻ moved by (8, −4) px.
    static func study(in folder: TemporaryFolder, drift: (dx: Int, dy: Int)?) throws -> String {
        var design = ImagingDesign()
        design.beam.raster = 128
        design.polarities = [.negative]
        var set = try #require(try simulateImaging(design, seed: 4).results[.negative]).images
        if let drift, let index = set.images.firstIndex(where: { $0.ion == "Cl-" }) {
            let original = set.images[index]
            var moved = original
            for y in 0..<original.height {
                for x in 0..<original.width {
                    moved[x, y] = original[((x - drift.dx) % original.width + original.width) % original.width,
                                           ((y - drift.dy) % original.height + original.height) % original.height]
                }
            }
            set.images[index] = moved
        }
        _ = try set.writeIONTOFASCII(to: folder.file("study/S"))
        return folder.file("study")
    }

    static func run(_ root: String, bin: Int, align: Bool, in folder: TemporaryFolder) throws -> ImagesWorkflow.Result {
        var options = ImagesOptions(root: root, output: folder.file("out-\(bin)-\(align)"))
        options.binning = bin
        options.align = align
        options.plots = false
        return try ImagesWorkflow.run(options)
    }

    @Test(arguments: [1, 2, 4]) func driftFreeImagesStayPut(bin: Int) throws {
        let folder = try TemporaryFolder()
        let root = try Self.study(in: folder, drift: nil)
        let aligned = try Self.run(root, bin: bin, align: true, in: folder)
        let plain = try Self.run(root, bin: bin, align: false, in: folder)
        #expect(aligned.shifts.count == 8)
        // Seed 4 at 128²: NiO₂⁻'s noise peak is at (9, −10), (−5, −9), (1, −9) px at bins 1, 2, 4 (2–4 σ), O⁻'s at
        // (13, −24) and (0, 2) at bins 2 and 4 — all applied before #21.
        for shift in aligned.shifts {
            #expect(!shift.estimate.isAccepted || (shift.estimate.dx == 0 && shift.estimate.dy == 0),
                    "\(shift.ion) at bin \(bin): applied (\(shift.estimate.dx), \(shift.estimate.dy)), \(shift.estimate.significance) σ")
        }
        // Nothing moved: the same pixels are excluded and every ratio statistic is unchanged.
        for (a, p) in zip(aligned.rows, plain.rows) {
            #expect(a.ion == p.ion && a.excludedPixels == p.excludedPixels && a.meanOfRatios == p.meanOfRatios)
        }
        let table = try String(contentsOfFile: folder.file("out-\(bin)-true/results/image_shifts.csv"), encoding: .utf8)
        #expect(table.hasPrefix("sample,measurement,ion,dx_px,dy_px,binning,peak_height,peak_significance_sd,applied\n"))
    }

    @Test(arguments: [1, 2, 4]) func aKnownDriftIsRecoveredOnTheBinnedGrid(bin: Int) throws {
        let folder = try TemporaryFolder()
        let root = try Self.study(in: folder, drift: (8, -4))
        let aligned = try Self.run(root, bin: bin, align: true, in: folder)
        let chlorine = try #require(aligned.shifts.first { $0.ion == "Cl-" }).estimate
        #expect(chlorine.dx == 8 / bin && chlorine.dy == -4 / bin, "bin \(bin): (\(chlorine.dx), \(chlorine.dy))")
        #expect(chlorine.isAccepted && chlorine.peakHeight > 0.1 && chlorine.significance > 6)
        let row = try #require(aligned.rows.first { $0.ion == "Cl-" })
        #expect(row.excludedPixels > 0, "the uncovered border is excluded")
    }

    @Test func aShiftBeyondTheFieldOfViewFractionIsRefused() throws {
        // A texture moved by 40 % of the width: the peak is perfect, the shift is not a drift.
        let w = 32, h = 32
        var rng = UInt64(99)
        var counts = ContiguousArray<Double>()
        for _ in 0..<(w * h) { rng = rng &* 6364136223846793005 &+ 1442695040888963407; counts.append(Double(rng >> 58)) }
        let reference = IonImage(width: w, height: h, counts: counts, ion: "a")
        var moved = reference
        for y in 0..<h { for x in 0..<w { moved[x, y] = reference[((x - 13) % w + w) % w, y] } }
        let estimate = try ShiftEstimation().fit(reference: reference, moving: moved)
        // A pure translation gives a delta of height 1 − 1/n (the removed mean leaves the DC term empty).
        #expect(estimate.dx == 13 && estimate.dy == 0 && abs(estimate.peakHeight - (1 - 1.0 / Double(w * h))) < 1e-9)
        #expect(estimate.refusal == .tooLarge)
    }
}
