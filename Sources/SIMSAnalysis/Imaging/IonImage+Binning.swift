import SIMSCore

extension IonImage {
    /// Sums counts in `factor` × `factor` blocks (Poisson counts stay Poisson, totals are conserved).
    ///
    /// The result is ⌈width/factor⌉ × ⌈height/factor⌉; blocks at the right and bottom edges that extend
    /// past the image sum the pixels they cover. The field of view is unchanged (pixel size × factor).
    /// - Throws: ``SIMSError`` `invalidArgument` when `factor < 1`.
    public func binned(by factor: Int) throws(SIMSError) -> IonImage {
        guard factor >= 1 else { throw .invalidArgument("binning factor must be ≥ 1", found: "\(factor)") }
        // A factor beyond the image gives one block; clamping keeps `w * factor` below from overflowing.
        let factor = min(factor, max(width, height, 1))
        if factor == 1 { return self }
        let w = (width + factor - 1) / factor, h = (height + factor - 1) / factor
        var out = ContiguousArray<Double>(repeating: 0, count: w * h)
        counts.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let row = (y / factor) * w
                    for x in 0..<width { target[row + x / factor] += source[y * width + x] }
                }
            }
        }
        var result = IonImage(width: w, height: h, counts: out, ion: ion, fieldOfViewMicrometers: fieldOfViewMicrometers, metadata: metadata)
        if let fov = fieldOfViewMicrometers, width % factor != 0 {
            // Partial edge blocks extend the covered field a little.
            result.fieldOfViewMicrometers = fov / Double(width) * Double(w * factor)
        }
        return result
    }
}
