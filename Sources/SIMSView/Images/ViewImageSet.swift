import Foundation
import SIMSCore
import SIMSFormats

/// An image measurement as the viewer uses it: named ion images (ASCII set, BIF6, SIMSKit imzML channels or
/// the interval list's peaks extracted from an imzML) plus, for imzML, the retrospective index that images any
/// m/z window and gives region spectra.
struct ViewImageSet: Sendable {
    var name: String
    var width: Int
    var height: Int
    var pixelSizeMicrometers: Double?
    /// Ion images by name, in display order.
    var images: [IonImage]
    /// Total-ion image.
    var total: ContiguousArray<Double>
    /// imzML only.
    var index: RetrospectiveIndex?

    /// Reads `source`; an imzML is indexed (`progress` follows the index build).
    init(source: ImageSetSource, peaks: [Peak], progress: ((RetrospectiveIndex.Phase, Int, Int) -> Void)? = nil) throws(SIMSError) {
        name = source.measurement
        switch source {
        case .imzML(let path):
            let file = try ImzML.open(path)
            let index = try RetrospectiveIndex(file, progress: progress)
            self.index = index
            width = file.width; height = file.height
            pixelSizeMicrometers = file.pixelSizeXMicrometers
            total = index.total
            if !file.channels.isEmpty {
                images = try file.storedImageSet().images
            } else {
                // The interval list's peaks that fall inside the file's m/z range, imaged from the index.
                images = peaks.filter { $0.interval.upper >= index.lowestMass && $0.interval.lower <= index.highestMass }.prefix(64).map { peak in
                    var image = IonImage(width: file.width, height: file.height, counts: index.image(lower: peak.interval.lower, upper: peak.interval.upper), ion: peak.label)
                    image.massInterval = peak.interval
                    return image
                }
            }
        default:
            let set = try source.load(peaks: peaks)
            width = set.width; height = set.height
            pixelSizeMicrometers = (set.images.first ?? set.total)?.pixelSizeMicrometers
            images = set.images
            if let t = set.total { total = t.counts } else {
                var sum = ContiguousArray<Double>(repeating: 0, count: set.width * set.height)
                for image in set.images { for i in 0..<sum.count { sum[i] += image.counts[i] } }
                total = sum
            }
            index = nil
        }
    }

    /// Counts of `ion` (`total` for the total-ion image) or, for imzML, of the m/z window `lower…upper`.
    func counts(ion: String?, lower: Double?, upper: Double?) throws(SIMSError) -> (name: String, counts: ContiguousArray<Double>) {
        if let lower, let upper {
            guard let index else {
                throw .invalidArgument("m/z windows can be imaged only from imzML files; \(name) holds fixed ion images", expected: "ion=<name>")
            }
            return (String(format: "m/z %.4g–%.4g", lower, upper), index.image(lower: lower, upper: upper))
        }
        let ion = ion ?? "total"
        if ion == "total" { return ("total", total) }
        guard let image = images.first(where: { $0.ion == ion }) else {
            throw .invalidArgument("no ion image \"\(ion)\" in \(name)", expected: (["total"] + images.map(\.ion)).joined(separator: ", "))
        }
        return (ion, image.counts)
    }
}
