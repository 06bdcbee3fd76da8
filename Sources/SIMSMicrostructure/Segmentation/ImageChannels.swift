/// Co-registered ion images of one 2-D measurement or one 3-D stack, ready for segmentation: counts per pixel
/// (voxel) for each ion plus a total-ion image, all in the storage order of ``PhaseLabels``.
public struct ImageChannels: Sendable, Equatable {
    /// Pixels along x.
    public let width: Int
    /// Pixels along y.
    public let height: Int
    /// Planes (1 for a 2-D image).
    public let depth: Int
    /// Ion names, in the order of ``counts``.
    public let ions: [String]
    /// Counts per voxel of each ion.
    public let counts: [ContiguousArray<Double>]
    /// Total-ion counts per voxel (the exported `total` image, or the sum of the ion images when none was exported).
    public let total: ContiguousArray<Double>
    /// Pixel edge in µm, when known.
    public var pixelSizeMicrometers: Double?

    /// Creates channels; throws when sizes disagree.
    public init(
        width: Int, height: Int, depth: Int = 1, ions: [String], counts: [ContiguousArray<Double>],
        total: ContiguousArray<Double>? = nil, pixelSizeMicrometers: Double? = nil
    ) throws(SIMSError) {
        let n = width * height * depth
        guard width > 0, height > 0, depth > 0 else {
            throw .invalidArgument("images need at least one pixel", found: "\(width)x\(height)x\(depth)", expected: "positive sizes")
        }
        guard ions.count == counts.count, !ions.isEmpty else {
            throw .inconsistent("\(ions.count) ion names for \(counts.count) images")
        }
        for (ion, values) in zip(ions, counts) where values.count != n {
            throw .inconsistent("image of \(ion) has \(values.count) pixels, expected \(width)x\(height)x\(depth) = \(n)")
        }
        if let total, total.count != n {
            throw .inconsistent("total image has \(total.count) pixels, expected \(n)")
        }
        for (ion, values) in zip(ions, counts) + [("total", total ?? [])] {
            if let bad = values.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw .invalidArgument("image of \(ion) has a negative or non-finite count at pixel \(bad)", found: "\(values[bad])", expected: "counts ≥ 0")
            }
        }
        self.width = width
        self.height = height
        self.depth = depth
        self.ions = ions
        self.counts = counts
        if let total {
            self.total = total
        } else {
            var sum = ContiguousArray<Double>(repeating: 0, count: n)
            for values in counts { for i in 0 ..< n { sum[i] += values[i] } }
            self.total = sum
        }
        self.pixelSizeMicrometers = pixelSizeMicrometers
    }

    /// The images of one measurement (2-D).
    public init(_ set: ImageSet) throws(SIMSError) {
        try self.init(
            width: set.width, height: set.height, depth: 1, ions: set.ions, counts: set.images.map(\.counts),
            total: set.total?.counts, pixelSizeMicrometers: (set.images.first ?? set.total)?.pixelSizeMicrometers)
    }

    /// The planes of a 3-D stack, stacked along z from the surface down.
    public init(_ volume: Volume) throws(SIMSError) {
        guard let first = volume.planes.first else {
            throw .invalidArgument("the volume has no planes", expected: "at least one plane")
        }
        var counts = [ContiguousArray<Double>](repeating: [], count: first.images.count)
        var total: ContiguousArray<Double>? = first.total == nil ? nil : []
        for plane in volume.planes {
            for (i, image) in plane.images.enumerated() { counts[i].append(contentsOf: image.counts) }
            if let planeTotal = plane.total { total?.append(contentsOf: planeTotal.counts) } else { total = nil }
        }
        try self.init(
            width: first.width, height: first.height, depth: volume.depth, ions: first.ions, counts: counts,
            total: total, pixelSizeMicrometers: (first.images.first ?? first.total)?.pixelSizeMicrometers)
    }

    /// Number of voxels.
    public var voxelCount: Int { width * height * depth }

    /// The counts of `ion`, or the total for `total`.
    public func channel(_ ion: String) -> ContiguousArray<Double>? {
        if ion == "total" { return total }
        return ions.firstIndex(of: ion).map { counts[$0] }
    }
}
