import Foundation
import SIMSCore
import SIMSFormats

/// Seeds made by SIMSKit's own writers, for the formats of which `../shared/data` holds no example (ion image
/// ASCII, BIF6, TIFF) and small versions of the others; `scripts/fuzz.sh` adds the real exports and the
/// hand-written seeds of `Fuzz/seeds/`.
enum FuzzSeeds {
    /// Writes the seeds of every target into `folder/<target>/writer-<n>`.
    static func write(into folder: String) throws {
        for target in FuzzTarget.allCases {
            let directory = folder + "/" + target.rawValue
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (n, seed) in try seeds(for: target).enumerated() {
                try Data(seed).write(to: URL(fileURLWithPath: directory + "/writer-\(n)"))
            }
        }
    }

    /// A 3 × 2 image set with two named intervals and a total.
    static func imageSet() throws -> ImageSet {
        var li = IonImage(width: 3, height: 2, counts: [0, 1, 2, 3, 40, 5], ion: "Li+", fieldOfViewMicrometers: 30)
        li.massInterval = MassInterval(lower: 6.9, upper: 7.1, center: 7.016)
        var c2h = IonImage(width: 3, height: 2, counts: [7, 0, 0, 1, 2, 65_536], ion: "C2H-", fieldOfViewMicrometers: 30)
        c2h.massInterval = MassInterval(lower: 24.9, upper: 25.1, center: 25.008)
        let total = IonImage(width: 3, height: 2, counts: [9, 9, 9, 9, 99, 65_600], ion: "total", fieldOfViewMicrometers: 30)
        return try ImageSet(measurement: "seed", images: [li, c2h], total: total)
    }

    static func seeds(for target: FuzzTarget) throws -> [[UInt8]] {
        let set = try imageSet()
        switch target {
        case .imageASCII:
            return set.images.map { [UInt8](IONTOFImageFormat.encode($0)) } + [[UInt8](IONTOFImageFormat.encode(set.total!))]
        case .bif6:
            return [try BIF6.encode(set)]
        case .tiff:
            let values: ContiguousArray<Double> = [0, 1, 2, 3, 4, 5]
            return try [TIFF.SampleType.uint8, .uint16, .uint32, .float32].map { type in
                try TIFF.encode(values, width: 3, height: 2, type: type, pixelSizeMicrometers: 10, description: "seed")
            } + [try TIFF.encode(pages: [values, values], width: 2, height: 3, type: .uint16)]
        case .imzML:
            let folder = NSTemporaryDirectory() + "simsfuzz-seed-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try ImzML.write(set, to: folder + "/seed.imzML")
            let xml = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/seed.imzML")))
            let ibd = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/seed.ibd")))
            return [xml + FuzzTarget.ibdMarker + ibd]
        case .spectrum:
            let spectrum = Spectrum(mass: [1.0078, 1.0081, 6.0151, 7.016], intensity: [3, 10, 0, 12], channel: [100, 101, 340, 380])
            return [[UInt8](IONTOFSpectrumFormat.encode(spectrum))]
        case .intervalList:
            return [[UInt8](IONTOFIntervalListFormat.encode(list()))]
        case .plainList:
            return [[UInt8](PlainIntervalListFormat.encode(list()))]
        case .depthProfile:
            let profile = try DepthProfile(
                dataPoint: [1, 2, 3], sputterTime: [0, 1.5, 3], dose: [0, 1e13, 2e13],
                columns: [DepthProfile.Column(name: "Li-", mass: 7.016, values: [1, 2, 3]),
                          DepthProfile.Column(name: "PbI2-", mass: 460.8, values: [10, 0, 5])])
            return [[UInt8](IONTOFDepthProfileFormat.encode(profile))]
        case .xlsx, .manifest:
            return []  // real workbooks and hand-written manifests only (Fuzz/seeds/, ../shared/data)
        }
    }

    static func list() -> PeakList {
        PeakList(peaks: [
            Peak(index: 1, assignment: "Li+", interval: MassInterval(lower: 6.9, upper: 7.1, center: 7.016)),
            Peak(index: 2, assignment: "C2H-", description: "C2H", interval: MassInterval(center: 25.008, widthPPM: 2000)),
        ])
    }
}
