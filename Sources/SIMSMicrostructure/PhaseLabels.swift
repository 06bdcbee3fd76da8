/// A segmented image or volume: one phase label per pixel (2-D, `depth == 1`) or voxel (3-D).
///
/// Storage is row-major with x fastest, then y, then z: voxel (x, y, z) is at
/// `labels[(z * height + y) * width + x]`, the same layout as ``IonImage`` with planes stacked from the
/// surface down like ``Volume``. Label `k` names the phase `phases[k]`; voxels are cubic (square pixels in 2-D)
/// with edge ``voxelSizeMicrometers``.
public struct PhaseLabels: Sendable, Equatable {
    /// Voxels along x.
    public let width: Int
    /// Voxels along y.
    public let height: Int
    /// Voxels along z (1 for a 2-D image).
    public let depth: Int
    /// One label per voxel, `0 ..< phases.count`.
    public var labels: ContiguousArray<UInt8>
    /// Phase names; label `k` is `phases[k]`.
    public var phases: [String]
    /// Edge length of one (cubic) voxel or (square) pixel in µm; `nil` leaves metrics in voxel units.
    public var voxelSizeMicrometers: Double?

    /// Creates a labelled image (`depth == 1`) or volume.
    ///
    /// Throws ``SIMSError`` when sizes do not match, a label has no phase name, or the voxel size is not positive.
    public init(
        width: Int, height: Int, depth: Int = 1, labels: ContiguousArray<UInt8>, phases: [String],
        voxelSizeMicrometers: Double? = nil
    ) throws(SIMSError) {
        guard width > 0, height > 0, depth > 0 else {
            throw .invalidArgument("phase labels need at least one voxel", found: "\(width)x\(height)x\(depth)", expected: "positive width, height and depth")
        }
        guard labels.count == width * height * depth else {
            throw .inconsistent("phase labels hold \(labels.count) values for \(width)x\(height)x\(depth) = \(width * height * depth) voxels")
        }
        guard !phases.isEmpty, phases.count <= 255 else {
            throw .invalidArgument("phase labels need 1 to 255 phase names", found: "\(phases.count)", expected: "1...255")
        }
        if let maximum = labels.max(), Int(maximum) >= phases.count {
            throw .inconsistent("label \(maximum) has no phase name (\(phases.count) phases: \(phases.joined(separator: ", ")))")
        }
        if let size = voxelSizeMicrometers, !(size > 0 && size.isFinite) {
            throw .invalidArgument("voxel size must be a positive number of µm", found: "\(size)", expected: "> 0")
        }
        self.width = width
        self.height = height
        self.depth = depth
        self.labels = labels
        self.phases = phases
        self.voxelSizeMicrometers = voxelSizeMicrometers
    }

    /// Number of voxels (pixels in 2-D).
    public var voxelCount: Int { width * height * depth }

    /// `true` for a single plane (2-D image).
    public var isTwoDimensional: Bool { depth == 1 }

    /// The label of `name`, if it is one of ``phases``.
    public func label(of name: String) -> UInt8? {
        phases.firstIndex(of: name).map { UInt8($0) }
    }

    /// The label at (x, y, z).
    @inlinable public subscript(x: Int, y: Int, z: Int) -> UInt8 {
        labels[(z * height + y) * width + x]
    }

    /// Number of voxels along `axis`.
    public func extent(along axis: Axis) -> Int {
        switch axis {
        case .x: width
        case .y: height
        case .z: depth
        }
    }

    /// The axes a transport or percolation computation can use (x, y, and z for volumes).
    public var axes: [Axis] { isTwoDimensional ? [.x, .y] : [.x, .y, .z] }
}

/// A lattice axis of an image or volume: x along a row, y down the rows, z into the depth (sputter direction).
public enum Axis: String, Sendable, Equatable, CaseIterable, Codable {
    /// Along a row (fastest index).
    case x
    /// Across rows.
    case y
    /// Across planes (depth; only for volumes).
    case z
}
