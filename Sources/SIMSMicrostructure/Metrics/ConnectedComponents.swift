/// Connected components of one phase (breadth-first labelling with a stated ``Connectivity``).
///
/// ```swift
/// let components = try ConnectedComponents(connectivity: .face).fit(labels, phase: "NCM")
/// components.count; components.sizes; components.connectedFraction(along: .z)
/// ```
public struct ConnectedComponents: Sendable {
    /// Neighbourhood: `.face` (4/6) or `.full` (8/26).
    public var connectivity: Connectivity

    /// Configures the labelling.
    public init(connectivity: Connectivity = .face) { self.connectivity = connectivity }

    /// Labels the components of the phase named `phase`.
    public func fit(_ labels: PhaseLabels, phase: String) throws(SIMSError) -> ComponentLabeling {
        guard let label = labels.label(of: phase) else {
            throw .invalidArgument("unknown phase for connected components", found: phase, expected: labels.phases.joined(separator: ", "))
        }
        return fit(labels, label: label)
    }

    /// Labels the components of the voxels carrying `label`.
    public func fit(_ labels: PhaseLabels, label target: UInt8) -> ComponentLabeling {
        let width = labels.width, height = labels.height, depth = labels.depth
        let plane = width * height
        let count = labels.voxelCount
        let offsets = connectivity.offsets(threeDimensional: depth > 1)
        var component = ContiguousArray<Int32>(repeating: -1, count: count)
        var sizes: [Int] = []
        var faces: [ComponentLabeling.Faces] = []
        var queue = ContiguousArray<Int32>(repeating: 0, count: count)
        labels.labels.withUnsafeBufferPointer { label in
            component.withUnsafeMutableBufferPointer { component in
                queue.withUnsafeMutableBufferPointer { queue in
                    for seed in 0 ..< count where label[seed] == target && component[seed] < 0 {
                        let id = Int32(sizes.count)
                        var head = 0, tail = 1
                        queue[0] = Int32(seed)
                        component[seed] = id
                        var touched: ComponentLabeling.Faces = []
                        while head < tail {
                            let v = Int(queue[head])
                            head += 1
                            let x = v % width, y = (v / width) % height, z = v / plane
                            if x == 0 { touched.insert(.xLow) }
                            if x == width - 1 { touched.insert(.xHigh) }
                            if y == 0 { touched.insert(.yLow) }
                            if y == height - 1 { touched.insert(.yHigh) }
                            if depth > 1 && z == 0 { touched.insert(.zLow) }
                            if depth > 1 && z == depth - 1 { touched.insert(.zHigh) }
                            for (dx, dy, dz) in offsets {
                                let nx = x + dx, ny = y + dy, nz = z + dz
                                guard nx >= 0, nx < width, ny >= 0, ny < height, nz >= 0, nz < depth else { continue }
                                let u = (nz * height + ny) * width + nx
                                if label[u] == target && component[u] < 0 {
                                    component[u] = id
                                    queue[tail] = Int32(u)
                                    tail += 1
                                }
                            }
                        }
                        sizes.append(tail)
                        faces.append(touched)
                    }
                }
            }
        }
        return ComponentLabeling(
            width: width, height: height, depth: depth, connectivity: connectivity, component: component,
            sizes: sizes, faces: faces)
    }
}

/// The components of one phase: an id per voxel, and per component its size and the outer faces it touches.
public struct ComponentLabeling: Sendable {
    /// The outer faces of the image or volume.
    public struct Faces: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// x = 0.
        public static let xLow = Faces(rawValue: 1)
        /// x = width − 1.
        public static let xHigh = Faces(rawValue: 2)
        /// y = 0.
        public static let yLow = Faces(rawValue: 4)
        /// y = height − 1.
        public static let yHigh = Faces(rawValue: 8)
        /// z = 0 (surface).
        public static let zLow = Faces(rawValue: 16)
        /// z = depth − 1.
        public static let zHigh = Faces(rawValue: 32)

        /// The two faces normal to `axis` (inlet and outlet).
        public static func ends(of axis: Axis) -> (Faces, Faces) {
            switch axis {
            case .x: (.xLow, .xHigh)
            case .y: (.yLow, .yHigh)
            case .z: (.zLow, .zHigh)
            }
        }
    }

    /// Voxels along x, y, z.
    public let width: Int, height: Int, depth: Int
    /// The connectivity used.
    public let connectivity: Connectivity
    /// Component id per voxel (−1 outside the phase), ids in order of first voxel in storage order.
    public let component: ContiguousArray<Int32>
    /// Voxels per component, indexed by id.
    public let sizes: [Int]
    /// Outer faces each component touches, indexed by id (z faces only for volumes).
    public let faces: [Faces]

    /// Number of components.
    public var count: Int { sizes.count }

    /// Voxels of the phase.
    public var phaseVoxels: Int { sizes.reduce(0, +) }

    /// Fraction of the phase's voxels in components that touch both faces normal to `axis` (percolating part;
    /// 0 for an empty phase). For a 2-D image, z is not an axis and gives 0.
    public func connectedFraction(along axis: Axis) -> Double {
        let total = phaseVoxels
        guard total > 0, axis != .z || depth > 1 else { return 0 }
        let (low, high) = Faces.ends(of: axis)
        var connected = 0
        for (size, touched) in zip(sizes, faces) where touched.contains(low) && touched.contains(high) {
            connected += size
        }
        return Double(connected) / Double(total)
    }

    /// `true` when component `id` touches any outer face (its size is then a lower bound).
    public func touchesBorder(_ id: Int) -> Bool { !faces[id].isEmpty }
}
