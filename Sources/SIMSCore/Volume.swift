/// A 3-D stack of image sets: one ``ImageSet`` per sputter plane (3-D ToF-SIMS), plane 0 at the surface.
public struct Volume: Sendable, Equatable {
    /// The planes, from the surface down.
    public var planes: [ImageSet]
    /// Thickness of one plane in µm, when known (from a sputter rate).
    public var planeThicknessMicrometers: Double?

    /// Creates a volume; throws when planes differ in size or ions.
    public init(planes: [ImageSet], planeThicknessMicrometers: Double? = nil) throws(SIMSError) {
        if let first = planes.first {
            for (index, plane) in planes.enumerated() where plane.width != first.width || plane.height != first.height || plane.ions != first.ions {
                throw .inconsistent("plane \(index) differs from plane 0 in size or ions")
            }
        }
        self.planes = planes
        self.planeThicknessMicrometers = planeThicknessMicrometers
    }

    /// Number of planes (depth in voxels).
    public var depth: Int { planes.count }
}
