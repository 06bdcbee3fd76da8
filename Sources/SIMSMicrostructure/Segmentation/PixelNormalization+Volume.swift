import SIMSAnalysis
import SIMSCore

extension PixelNormalization {
    /// Per-voxel ratios `values ÷ reference` of a `width × height × depth` grid (storage order of ``PhaseLabels``),
    /// computed plane by plane with ``fit(_:reference:exclude:)``: voxels whose reference is excluded (≤ 0 or below
    /// ``minimumReference``) get ratio 0 — for segmentation, where every voxel needs a value, "no signal" reads as
    /// "none of this ion".
    /// - Throws: ``SIMSError`` for negative or non-finite values, as ``fit(_:reference:exclude:)``.
    public func ratios(
        _ values: ContiguousArray<Double>, reference: ContiguousArray<Double>, width: Int, height: Int, depth: Int = 1,
        ion: String = "ion", referenceName: String = "total"
    ) throws(SIMSError) -> ContiguousArray<Double> {
        let plane = width * height
        guard values.count == plane * depth, reference.count == plane * depth else {
            throw .inconsistent("\(ion) has \(values.count) voxels and \(referenceName) \(reference.count), expected \(width)x\(height)x\(depth)")
        }
        var result = ContiguousArray<Double>()
        result.reserveCapacity(values.count)
        for z in 0 ..< depth {
            let range = z * plane ..< (z + 1) * plane
            let map = try fit(IonImage(width: width, height: height, counts: ContiguousArray(values[range]), ion: ion),
                              reference: IonImage(width: width, height: height, counts: ContiguousArray(reference[range]), ion: referenceName))
            result.append(contentsOf: map.ratios)
        }
        return result
    }
}
