import Foundation
import SIMSCore

extension Volume {
    /// The ion names of the volume's stacks: every ion image, then `total` when the planes have one.
    public var stackIons: [String] {
        guard let first = planes.first else { return [] }
        return first.ions + (first.total == nil ? [] : ["total"])
    }

    /// One multi-page TIFF z-stack of `ion` (plane 0, the surface, is page 0), written atomically.
    ///
    /// Counts are stored losslessly (16- or 32-bit integers, float32 when any value is fractional, as
    /// ``TIFF/countsType(for:)`` chooses over the whole stack). The first page carries an ImageJ-style
    /// description (`images=`, `slices=`, `unit=micron`, `spacing=` plane thickness) so that Fiji opens the file
    /// as a z-stack with its voxel size; the lateral pixel size is written as the TIFF resolution.
    ///
    /// - Throws: ``SIMSError`` when the volume has no planes or no such ion, or the file cannot be written.
    public func writeTIFFStack(of ion: String, to path: String) throws(SIMSError) {
        let images = planes.compactMap { $0.image(of: ion) }
        guard let first = images.first, images.count == planes.count else {
            throw SIMSError(.invalidArgument, "the volume has no \(ion) image in every plane", file: path,
                            found: "\(images.count) of \(planes.count) planes", expected: "one of \(stackIons.joined(separator: ", "))")
        }
        let pages = images.map(\.counts)
        let types = pages.map { TIFF.countsType(for: $0) }
        let type: TIFF.SampleType = types.contains(.float32) ? .float32 : types.contains(.uint32) ? .uint32 : .uint16
        var description = "ImageJ=1.54f\nimages=\(pages.count)\nslices=\(pages.count)\nunit=micron\n"
        if let dz = planeThicknessMicrometers { description += "spacing=\(dz)\n" }
        description += "SIMSKit 3-D stack: \(ion), plane 0 = surface\n"
        try TIFF.write(pages: pages, width: first.width, height: first.height, type: type, to: path,
                       pixelSizeMicrometers: first.pixelSizeMicrometers, description: description)
    }
}
