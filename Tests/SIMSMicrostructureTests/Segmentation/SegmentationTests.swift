import Foundation
import Testing
import SIMSAnalysis
@testable import SIMSMicrostructure

/// `Tests/Reference/segmentation_reference.json` (scikit-image Otsu/multi-Otsu, SciPy gaussian_filter).
private struct SegmentationReference: Decodable {
    struct Otsu: Decodable { var classes: Int; var values: [Double]; var thresholds: [Double] }
    struct Gaussian: Decodable {
        var width: Int, height: Int, depth: Int, sigma: Double, sigmaZ: Double
        var values: [Double], smoothed: [Double]
    }
    var otsu: [Otsu]
    var gaussian: [Gaussian]

    static func load() throws -> SegmentationReference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Reference/segmentation_reference.json")
        return try JSONDecoder().decode(SegmentationReference.self, from: Data(contentsOf: url))
    }
}

@Suite("Phase segmentation")
struct SegmentationTests {
    @Test("Otsu and multi-Otsu thresholds equal scikit-image's")
    func otsuMatchesScikitImage() throws {
        let reference = try SegmentationReference.load()
        #expect(reference.otsu.map(\.classes) == [2, 3, 4])
        for sample in reference.otsu {
            let thresholds = try OtsuThreshold(classes: sample.classes).fit(sample.values)
            #expect(thresholds.count == sample.thresholds.count)
            let binWidth = (sample.values.max()! - sample.values.min()!) / 256
            for (mine, theirs) in zip(thresholds, sample.thresholds) {
                #expect(abs(mine - theirs) < 1e-6 * binWidth, "\(sample.classes) classes: \(mine) vs \(theirs)")
            }
        }
        #expect(OtsuThreshold.classify(5, thresholds: [2, 5, 8]) == 1)
        #expect(throws: SIMSError.self) { try OtsuThreshold().fit([3.0, 3.0, 3.0]) }
        #expect(throws: SIMSError.self) { try OtsuThreshold(classes: 5).fit([1.0, 2.0]) }
    }

    @Test("Gaussian smoothing equals scipy.ndimage.gaussian_filter (reflect, truncate 3) in 2-D and 3-D")
    func gaussianMatchesSciPy() throws {
        for sample in try SegmentationReference.load().gaussian {
            let smoothed = GaussianFilter(sigma: sample.sigma, sigmaZ: sample.sigmaZ, truncate: 3)
                .apply(ContiguousArray(sample.values), width: sample.width, height: sample.height, depth: sample.depth)
            let worst = zip(smoothed, sample.smoothed).map { abs($0 - $1) }.max()!
            #expect(worst < 1e-10)
        }
    }

    @Test("phase rules parse NAME=ION,ION and NAME=low-total, and reject bad text")
    func rules() throws {
        let ncm = try PhaseRule(parsing: "NCM=NiO2-, MnO2-")
        #expect(ncm == PhaseRule(name: "NCM", marker: .ions(["NiO2-", "MnO2-"])))
        #expect(try PhaseRule(parsing: "pore=low-total").marker == .lowTotal)
        #expect(ncm.description == "NCM=NiO2-,MnO2-")
        #expect(throws: SIMSError.self) { try PhaseRule(parsing: "NCM") }
        #expect(throws: SIMSError.self) { try PhaseRule(parsing: "=NiO2-") }
        #expect(throws: SIMSError.self) { try PhaseRule(parsing: "NCM=") }
    }

    @Test("island removal merges specks into their surroundings")
    func islands() throws {
        let medium = try Media.make(width: 10, height: 8) { x, y, _ in (x == 3 && y == 3) || (x >= 7 && y >= 5) ? 1 : 0 }
        let (cleaned, changed) = IslandRemoval(minimumVoxels: 2).apply(medium)
        #expect(changed == 1)
        #expect(cleaned[3, 3, 0] == 0)
        #expect(cleaned.voxelCounts == [71, 9])
    }

    @Test("noisy synthetic composite: fractions within 2 % absolute, τ(SE) within 5 % of the truth")
    func syntheticComposite() throws {
        let sample = try SyntheticComposite()
        let rules = try ["NCM=NiO2-,MnO2-", "SE=PS3-,Cl-", "pore=low-total"].map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        let result = try PhaseSegmentation(rules: rules, smoothing: GaussianFilter(sigma: 1), minimumIslandVoxels: 4).fit(sample.channels)
        let found = result.labels.phaseFractions, truth = sample.truth.phaseFractions
        for phase in 0 ..< 3 {
            #expect(abs(found[phase] - truth[phase]) < 0.02, "\(sample.truth.phases[phase]): \(found[phase]) vs truth \(truth[phase])")
        }
        #expect(truth[2] > 0.05 && truth[0] > 0.2)  // the medium really has all three phases
        let tauTrue = try TortuosityFactor(axis: .x).fit(sample.truth, phase: "SE").tortuosityFactor!
        let tauFound = try TortuosityFactor(axis: .x).fit(result.labels, phase: "SE").tortuosityFactor!
        #expect(tauTrue > 1.05)
        #expect(abs(tauFound - tauTrue) / tauTrue < 0.05, "τ(SE) \(tauFound) vs truth \(tauTrue)")
        #expect(result.labels.voxelSizeMicrometers == 0.2)
    }

    @Test("pores under topography: judged against the local yield background, not one global level")
    func poresUnderTopography() throws {
        // A yield field from 0.45 to 2.2 (log-amplitude 0.8) over the synthetic composite.
        let sample = try SyntheticComposite(topography: 0.8)
        let rules = try ["NCM=NiO2-,MnO2-", "SE=PS3-,Cl-", "pore=low-total"].map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        let truth = sample.truth.phaseFractions
        var segmentation = PhaseSegmentation(rules: rules, smoothing: GaussianFilter(sigma: 1), minimumIslandVoxels: 4)
        let found = try segmentation.fit(sample.channels).labels.phaseFractions
        for phase in 0 ..< 3 {
            #expect(abs(found[phase] - truth[phase]) < 0.02, "\(sample.truth.phases[phase]): \(found[phase]) vs truth \(truth[phase])")
        }
        // One global level per phase takes the dark regions of the yield field for pores.
        segmentation.backgroundSmoothing = nil
        let global = try segmentation.fit(sample.channels).labels.phaseFractions
        #expect(global[2] - truth[2] > 0.05, "global levels: pores \(global[2]) vs truth \(truth[2])")
    }

    @Test("a stack of identical planes segments like the plane (3-D smoothing and background along z are neutral)")
    func stackOfIdenticalPlanes() throws {
        let plane = try SyntheticComposite(width: 40, height: 36, topography: 0.8).channels
        let depth = 3
        let repeated = { (values: ContiguousArray<Double>) in ContiguousArray((0 ..< depth).flatMap { _ in values }) }
        let stack = try ImageChannels(
            width: plane.width, height: plane.height, depth: depth, ions: plane.ions, counts: plane.counts.map(repeated),
            total: repeated(plane.total), pixelSizeMicrometers: plane.pixelSizeMicrometers)
        let rules = try ["NCM=NiO2-,MnO2-", "SE=PS3-,Cl-", "pore=low-total"].map { text throws(SIMSError) in try PhaseRule(parsing: text) }
        let flat = try PhaseSegmentation(rules: rules, smoothing: GaussianFilter(sigma: 1)).fit(plane).labels
        let volume = try PhaseSegmentation(
            rules: rules, smoothing: GaussianFilter(sigma: 1, sigmaZ: 1), backgroundSmoothing: GaussianFilter(sigma: 8, sigmaZ: 8)
        ).fit(stack).labels
        #expect(volume.depth == depth)
        #expect(Array(volume.labels) == Array(repeated(ContiguousArray(flat.labels.map(Double.init)))).map { UInt8($0) })
        #expect(flat.phaseFractions[2] > 0.03)
    }

    @Test("yield background: a smooth field is recovered under pores; 1 where no solid is in reach")
    func yieldBackground() {
        let width = 40, height = 30
        var relative = ContiguousArray<Double>(repeating: 0, count: width * height)
        for y in 0 ..< height { for x in 0 ..< width {
            let g = 0.5 + Double(x) / Double(width - 1)  // linear ramp 0.5 … 1.5
            let dx = x - 20, dy = y - 15
            relative[y * width + x] = dx * dx + dy * dy <= 9 ? 0.02 * g : g  // a pore of radius 3 px
        } }
        let background = YieldBackground(filter: GaussianFilter(sigma: 6)).fit(relative, width: width, height: height)
        // At the pore centre the ramp's value is 0.5 + 20/39; a linear field is reproduced by normalized convolution
        // away from the edges, up to the asymmetry of the excluded disc.
        #expect(abs(background[15 * width + 20] - (0.5 + 20.0 / 39)) < 0.02, "\(background[15 * width + 20])")
        #expect(abs(background[15 * width + 12] - (0.5 + 12.0 / 39)) < 0.02, "\(background[15 * width + 12])")
        let empty = YieldBackground(filter: GaussianFilter(sigma: 2)).fit(ContiguousArray(repeating: 0, count: 100), width: 10, height: 10)
        #expect(empty.allSatisfy { $0 == 1 })
    }

    @Test("missing marker ions and bad rule sets are reported")
    func badRules() throws {
        let sample = try SyntheticComposite(width: 20, height: 20)
        let missing = [PhaseRule(name: "NCM", marker: .ions(["CoO2-"])), PhaseRule(name: "SE", marker: .ions(["PS3-"]))]
        #expect(throws: SIMSError.self) { try PhaseSegmentation(rules: missing).fit(sample.channels) }
        #expect(throws: SIMSError.self) { try PhaseSegmentation(rules: [PhaseRule(name: "SE", marker: .ions(["PS3-"]))]).fit(sample.channels) }
        let twoPores = [PhaseRule(name: "a", marker: .lowTotal), PhaseRule(name: "b", marker: .lowTotal)]
        #expect(throws: SIMSError.self) { try PhaseSegmentation(rules: twoPores).fit(sample.channels) }
    }
}
