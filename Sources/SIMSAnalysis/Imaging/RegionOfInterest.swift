import SIMSCore

/// A region of interest in an image: a rectangle or an arbitrary pixel mask.
public struct RegionOfInterest: Sendable, Equatable {
    /// Name used in tables.
    public var name: String
    /// `true` for pixels inside, row-major, x fastest.
    public var mask: ContiguousArray<Bool>
    /// Pixels along x of the image the mask belongs to.
    public var width: Int
    /// Pixels along y.
    public var height: Int

    /// A mask ROI.
    /// - Throws: ``SIMSError`` when the mask does not hold width × height pixels.
    public init(name: String, mask: ContiguousArray<Bool>, width: Int, height: Int) throws(SIMSError) {
        guard mask.count == width * height else {
            throw .inconsistent("ROI \(name): mask has \(mask.count) pixels, expected \(width)x\(height)")
        }
        self.name = name
        self.mask = mask
        self.width = width
        self.height = height
    }

    /// A rectangle [x, x + w) × [y, y + h) in pixels (0-based) of a `width` × `height` image.
    /// - Throws: ``SIMSError`` `invalidArgument` when the rectangle is empty or leaves the image.
    public init(name: String, x: Int, y: Int, w: Int, h: Int, width: Int, height: Int) throws(SIMSError) {
        // Compared without adding, so values near Int.max from the command line cannot overflow.
        guard w > 0, h > 0, x >= 0, y >= 0, x < width, y < height, w <= width - x, h <= height - y else {
            throw .invalidArgument("ROI \(name) does not fit the \(width)x\(height) image", found: "x=\(x) y=\(y) w=\(w) h=\(h)", expected: "a non-empty rectangle inside the image")
        }
        var mask = ContiguousArray<Bool>(repeating: false, count: width * height)
        for yy in y..<(y + h) { for xx in x..<(x + w) { mask[yy * width + xx] = true } }
        try self.init(name: name, mask: mask, width: width, height: height)
    }

    /// A mask from an image: pixels with a value > 0 are inside (e.g. a white-on-black mask PNG/TIFF).
    public init(name: String, maskImage: IonImage) throws(SIMSError) {
        try self.init(name: name, mask: ContiguousArray(maskImage.counts.map { $0 > 0 }), width: maskImage.width, height: maskImage.height)
    }

    /// Number of pixels inside.
    public var pixelCount: Int { mask.reduce(0) { $0 + ($1 ? 1 : 0) } }
}

/// Statistics of a ratio map inside one ROI.
public struct RegionStatistics: Sendable, Equatable {
    /// The ROI's name.
    public var region: String
    /// Pixels inside the ROI.
    public var pixels: Int
    /// Pixels inside that are valid (not excluded).
    public var validPixels: Int
    /// Σ I_ion inside the ROI (all pixels).
    public var ionCounts: Double
    /// Σ I_ref inside the ROI (all pixels).
    public var referenceCounts: Double
    /// Σ I_ion / Σ I_ref inside, `nil` when the reference is empty there.
    public var ratioOfSums: Double?
    /// Mean of per-pixel ratios over valid pixels inside, `nil` when none is valid.
    public var meanOfRatios: Double?
}

extension RegionOfInterest {
    /// Statistics of `map` (with the images it was fitted on) inside this ROI.
    /// - Throws: ``SIMSError`` when sizes differ.
    public func statistics(of map: PixelRatioMap, ion: IonImage, reference: IonImage) throws(SIMSError) -> RegionStatistics {
        guard map.width == width, map.height == height, ion.pixelCount == mask.count, reference.pixelCount == mask.count else {
            throw .inconsistent("ROI \(name) is \(width)x\(height) but image \(map.ion) is \(map.width)x\(map.height)")
        }
        var pixels = 0, valid = 0
        var ionSum = 0.0, refSum = 0.0, ratioSum = 0.0
        for p in 0..<mask.count where mask[p] {
            pixels += 1
            ionSum += ion.counts[p]
            refSum += reference.counts[p]
            if !map.excluded[p] { valid += 1; ratioSum += map.ratios[p] }
        }
        return RegionStatistics(region: name, pixels: pixels, validPixels: valid, ionCounts: ionSum, referenceCounts: refSum,
                                ratioOfSums: refSum > 0 ? ionSum / refSum : nil, meanOfRatios: valid > 0 ? ratioSum / Double(valid) : nil)
    }
}
