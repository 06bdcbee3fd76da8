/// A 2-D ion image: counts per pixel for one ion (or the total), row-major with x fastest.
///
/// Pixel (x, y) is at `counts[y * width + x]`, x and y 0-based, y = 0 the first row of the export.
public struct IonImage: Sendable, Equatable {
    /// Pixels along x.
    public var width: Int
    /// Pixels along y.
    public var height: Int
    /// Counts per pixel (may be fractional after dead-time correction or binning).
    public var counts: ContiguousArray<Double>
    /// The ion (IONTOF notation, e.g. `Li-`), or `total` for the total-ion image.
    public var ion: String
    /// Field of view along x in µm, when known (pixel size = fieldOfView / width).
    public var fieldOfViewMicrometers: Double?
    /// Header metadata.
    public var metadata: Metadata

    /// Creates an image.
    /// - Precondition: `counts.count == width * height`.
    public init(
        width: Int, height: Int, counts: ContiguousArray<Double>, ion: String,
        fieldOfViewMicrometers: Double? = nil, metadata: Metadata = Metadata()
    ) {
        precondition(width >= 0 && height >= 0 && counts.count == width * height, "IonImage: counts must hold width*height pixels")
        self.width = width
        self.height = height
        self.counts = counts
        self.ion = ion
        self.fieldOfViewMicrometers = fieldOfViewMicrometers
        self.metadata = metadata
    }

    /// An image of zeros.
    public init(width: Int, height: Int, ion: String, fieldOfViewMicrometers: Double? = nil) {
        self.init(width: width, height: height, counts: ContiguousArray(repeating: 0, count: width * height),
                  ion: ion, fieldOfViewMicrometers: fieldOfViewMicrometers)
    }

    /// Number of pixels.
    public var pixelCount: Int { width * height }

    /// Pixel size in µm (square pixels), when the field of view is known.
    public var pixelSizeMicrometers: Double? { fieldOfViewMicrometers.map { $0 / Double(max(width, 1)) } }

    /// Counts at (x, y).
    @inlinable public subscript(x: Int, y: Int) -> Double {
        get { counts[y * width + x] }
        set { counts[y * width + x] = newValue }
    }

    /// Sum of all pixel counts.
    public var totalCounts: Double { counts.reduce(0, +) }
}
