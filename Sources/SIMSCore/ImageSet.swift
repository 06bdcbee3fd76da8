/// The ion images of one imaging measurement: one image per ion plus, usually, the `total` image.
///
/// All images share width, height and field of view.
public struct ImageSet: Sendable, Equatable {
    /// Measurement name (IONTOF: the part before ` (<id>) - <ion>.txt`).
    public var measurement: String
    /// Measurement id (IONTOF: the number in parentheses), when known.
    public var id: Int?
    /// The ion images, in a stable order (excluding `total`).
    public var images: [IonImage]
    /// The total-ion image, when exported.
    public var total: IonImage?

    /// Creates a set; throws ``SIMSError`` when the images differ in size.
    public init(measurement: String, id: Int? = nil, images: [IonImage], total: IonImage? = nil) throws(SIMSError) {
        let all = images + (total.map { [$0] } ?? [])
        if let first = all.first {
            for image in all where image.width != first.width || image.height != first.height {
                throw .inconsistent("measurement \(measurement): image of \(image.ion) is \(image.width)x\(image.height), expected \(first.width)x\(first.height) like \(first.ion)")
            }
        }
        self.measurement = measurement
        self.id = id
        self.images = images
        self.total = total
    }

    /// Width in pixels (0 when empty).
    public var width: Int { (images.first ?? total)?.width ?? 0 }
    /// Height in pixels (0 when empty).
    public var height: Int { (images.first ?? total)?.height ?? 0 }

    /// The image of `ion` (exact name), or the total image for `total`.
    public func image(of ion: String) -> IonImage? {
        if ion == "total" { return total }
        return images.first { $0.ion == ion }
    }

    /// The ions, in order.
    public var ions: [String] { images.map(\.ion) }
}
