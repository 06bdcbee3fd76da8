extension Volume {
    /// The depth profile of a 3-D measurement: per plane, the summed counts of every ion (and of the total
    /// image), plane index as data point. Sputter time is the plane index × `secondsPerPlane` (1 s when
    /// unknown, i.e. the axis is in planes).
    public func depthProfile(secondsPerPlane: Double = 1) throws(SIMSError) -> DepthProfile {
        guard let first = planes.first else { throw .invalidArgument("the volume has no planes") }
        var columns = first.ions.map { ion in
            DepthProfile.Column(name: ion, kind: .intensity, values: ContiguousArray(planes.map { $0.image(of: ion)?.totalCounts ?? 0 }))
        }
        if first.total != nil {
            columns.insert(DepthProfile.Column(name: "total", kind: .total, values: ContiguousArray(planes.map { $0.total?.totalCounts ?? 0 })), at: 0)
        }
        return try DepthProfile(
            dataPoint: ContiguousArray((0..<depth).map { Double($0 + 1) }),
            sputterTime: ContiguousArray((0..<depth).map { Double($0) * secondsPerPlane }),
            columns: columns, metadata: ["Source": "3-D volume, \(depth) planes"])
    }
}
