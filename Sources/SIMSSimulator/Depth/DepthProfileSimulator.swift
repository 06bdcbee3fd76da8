/// Simulates a dynamic-SIMS depth profile (dual-beam: sputter, then analyse) through a ``LayeredHalfCell``.
///
/// Cycle k analyses at sputter time t_k = k·Δt and depth z(t_k), integrated from dz/dt = rate(z) with
/// Heun's method in sub-steps of Δt/20. The expected true counts of line l are
/// λ_lk = D_a · Σ_c x_c(z_k) · y_lc with D_a the analysis dose per cycle and x the phase composition; each
/// ion column is counted with the one-count-per-pulse law over the cycle's analysis pulses.
public struct DepthProfileSimulator: Sendable {
    /// The sample.
    public var stack: LayeredHalfCell
    /// Lines and yields (phases of the stack).
    public var lines: LineModel
    /// Analysis beam (scans per cycle, raster, shots per pixel, current, cycle time).
    public var analysisBeam: PrimaryBeam
    /// Sputter beam species, e.g. `Cs+`.
    public var sputterSpecies: String = "Cs+"
    /// Sputter energy in keV.
    public var sputterEnergyKeV: Double = 2
    /// Sputter current in nA.
    public var sputterCurrentNanoampere: Double = 100
    /// Sputter crater edge length in µm.
    public var craterMicrometers: Double = 300
    /// Sputter time per cycle in s.
    public var sputterTimePerCycleSeconds: Double = 2
    /// Number of cycles.
    public var cycles: Int = 400

    /// Creates a simulator with the defaults above.
    public init(stack: LayeredHalfCell, lines: LineModel, analysisBeam: PrimaryBeam) {
        self.stack = stack
        self.lines = lines
        self.analysisBeam = analysisBeam
    }

    /// A simulated profile and its truth.
    public struct Result: Sendable {
        /// The profile (ion columns in requested order, then `total`).
        public var profile: DepthProfile
        /// Depth at each cycle in nm.
        public var depthNanometers: [Double]
        /// Expected true counts of each requested ion at each cycle.
        public var trueCounts: [[Double]]
        /// Sputter time in s at which the erosion front reaches each interface depth (`nil` when the
        /// profile ends before it).
        public var interfaceTimesSeconds: [Double?]
        /// Sputter times in s at which the front reaches d_i − σ_i and d_i + σ_i (the 16 % and 84 % points
        /// of the erf step), `nil` when not reached.
        public var interfaceWidthTimesSeconds: [(Double?, Double?)]
    }

    /// Simulates the profile of `ions` (line names).
    public func simulate(ions: [String], random: inout SimulationRandom) throws(SIMSError) -> Result {
        try stack.validate()
        try analysisBeam.validate()
        guard cycles > 0, sputterTimePerCycleSeconds > 0, sputterCurrentNanoampere > 0, craterMicrometers > 0 else {
            throw .invalidArgument("depth profile needs positive cycles, sputter time, current and crater size")
        }
        var indices: [Int] = []
        for ion in ions {
            guard let i = lines.index(of: ion) else {
                throw .invalidArgument("no simulated line for depth-profile ion \(ion)", found: ion,
                                       expected: "one of " + lines.lines.map(\.ion).joined(separator: ", "))
            }
            indices.append(i)
        }
        let n = analysisBeam.primaryPulses
        let analysisDose = analysisBeam.dose
        let sputterIonsPerSecond = sputterCurrentNanoampere * 1e-9 / PrimaryBeam.elementaryCharge
        let craterArea = craterMicrometers * craterMicrometers * 1e-8
        let exported = Set(indices)

        // Depth versus time (Heun), and interface crossing times.
        let targets = stack.interfaceDepthsNanometers
        var crossings: [Double: Double] = [:]
        var wanted: [Double] = []
        for (d, s) in zip(targets, stack.interfaceSigmaNanometers) { wanted += [d - s, d, d + s] }
        var z = 0.0, t = 0.0
        let h = sputterTimePerCycleSeconds / 20
        var depths: [Double] = []
        for _ in 0..<cycles {
            depths.append(z)
            for _ in 0..<20 {
                let k1 = stack.sputterRate(atDepth: z)
                let k2 = stack.sputterRate(atDepth: z + h * k1)
                let next = z + h * (k1 + k2) / 2
                for w in wanted where crossings[w] == nil && z <= w && next > w {
                    crossings[w] = t + h * (w - z) / (next - z)
                }
                z = next
                t += h
            }
        }
        var columns = [ContiguousArray<Double>](repeating: ContiguousArray(repeating: 0, count: cycles), count: ions.count)
        var trueCounts = [[Double]](repeating: [Double](repeating: 0, count: cycles), count: ions.count)
        var total = ContiguousArray<Double>(repeating: 0, count: cycles)
        var time = ContiguousArray<Double>(repeating: 0, count: cycles)
        var dose = ContiguousArray<Double>(repeating: 0, count: cycles)
        var fluence = ContiguousArray<Double>(repeating: 0, count: cycles)
        var points = ContiguousArray<Double>(repeating: 0, count: cycles)
        for k in 0..<cycles {
            let rates = lines.rates(for: stack.composition(atDepth: depths[k]))
            var rest = 0.0
            for (l, r) in rates.enumerated() where !exported.contains(l) {
                rest += DeadTimeCounting.expectedMeasured(trueCounts: r * analysisDose, primaryPulses: n)
            }
            var sum = random.poisson(mean: rest)
            for (c, l) in indices.enumerated() {
                let lambda = rates[l] * analysisDose
                trueCounts[c][k] = lambda
                let value = DeadTimeCounting.measured(trueCounts: lambda, primaryPulses: n, random: &random)
                columns[c][k] = value
                sum += value
            }
            total[k] = sum
            points[k] = Double(k + 1)
            time[k] = Double(k) * sputterTimePerCycleSeconds
            dose[k] = time[k] * sputterIonsPerSecond + Double(k + 1) * analysisDose
            fluence[k] = dose[k] / craterArea
        }
        var profileColumns = ions.indices.map { c in
            DepthProfile.Column(name: ions[c], mass: lines.lines[indices[c]].mass, kind: .intensity, values: columns[c])
        }
        profileColumns.insert(DepthProfile.Column(name: "total", kind: .total, values: total), at: 0)
        let profile = try DepthProfile(dataPoint: points, sputterTime: time, dose: dose, fluence: fluence, columns: profileColumns)
        return Result(
            profile: profile, depthNanometers: depths, trueCounts: trueCounts,
            interfaceTimesSeconds: targets.map { crossings[$0] },
            interfaceWidthTimesSeconds: zip(targets, stack.interfaceSigmaNanometers).map { d, s in
                (crossings[d - s], crossings[d + s])
            })
    }
}
