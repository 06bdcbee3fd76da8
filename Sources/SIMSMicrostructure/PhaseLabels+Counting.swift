extension PhaseLabels {
    /// Number of voxels carrying each label, indexed by label.
    public var voxelCounts: [Int] {
        var counts = [Int](repeating: 0, count: phases.count)
        labels.withUnsafeBufferPointer { buffer in
            for label in buffer { counts[Int(label)] += 1 }
        }
        return counts
    }

    /// Volume (area in 2-D) fraction of each phase, indexed by label: voxels of the phase ÷ all voxels.
    public var phaseFractions: [Double] {
        let total = Double(voxelCount)
        return voxelCounts.map { Double($0) / total }
    }
}
