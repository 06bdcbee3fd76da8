import SIMSAnalysis

/// Everything the depth workflow computed for one profile.
public struct DepthAnalysis: Sendable {
    /// Display name (file name without extension).
    public var name: String
    /// The profile as read.
    public var profile: DepthProfile
    /// The analysed ions (column names), in order.
    public var ions: [String]
    /// Processed (normalized, optionally smoothed) signal per analysed ion, same order as ``ions``.
    public var processed: [ContiguousArray<Double>]
    /// Cycles excluded by normalization (zero reference).
    public var excludedCycles: Int
    /// Interfaces of every analysed ion after its surface transient, in time order per ion.
    public var interfaces: [Interface]
    /// The surface transients (pre-equilibrium first cycles) of the analysed ions that have one.
    public var transients: [SurfaceTransient]
    /// The detected layer sequence.
    public var layers: LayerSequence
    /// Depth (nm) at each cycle, when a depth scale was given.
    public var depth: ContiguousArray<Double>?
    /// Depth scale in use, when given.
    public var scale: DepthScale?
    /// Results of the beam-damage checks.
    public var damage: [(pair: String, result: DamageCheck.Result)]

    /// Analyses one profile with `settings`, adding warnings to `record`.
    public init(name: String, profile: DepthProfile, settings: DepthSettings, record: inout RunRecord) throws(SIMSError) {
        self.name = name
        var profile = profile
        for (old, new) in profile.makeColumnNamesDistinct() {
            record.warn("\(name): two columns are labelled \(old); the repeat is analysed as \(new)")
        }
        if let pulses = settings.primaryPulsesPerCycle {
            if Acquisition(iontofHeader: profile.metadata).deadTimeCorrected == true {
                record.warn("\(name): the export is already dead-time corrected; --primary-pulses ignored")
            } else {
                let law = try DeadTimeLaw(primaryPulses: pulses)
                for index in profile.columns.indices where profile.columns[index].kind == .intensity {
                    do {
                        try law.correct(&profile.columns[index].values)
                    } catch {
                        throw SIMSError(.inconsistent, "\(profile.columns[index].name): \(error.message)", file: profile.source)
                    }
                }
                record.warn("\(name): ion counts dead-time corrected with N = \(Int(pulses)) primary pulses per cycle; the total column is not (it sums many peaks)")
            }
        }
        self.profile = profile
        // Columns are found through name → index tables: linear in the column count (#25: 10⁵ columns).
        let available = profile.ionColumns.map(\.name)
        let availableSet = Set(available)
        let wanted = settings.ions.isEmpty ? available : settings.ions
        for ion in wanted where !availableSet.contains(ion) {
            throw .invalidArgument("\(name): no ion column \(ion)", found: ion, expected: "one of " + available.joined(separator: ", "))
        }
        ions = wanted
        let normalized = try profile.normalized(by: settings.normalization)
        excludedCycles = normalized.excludedCount
        if excludedCycles > 0 {
            record.warn("\(name): \(excludedCycles) cycle(s) with zero \(settings.normalization) intensity were excluded from normalization")
        }
        var processed: [ContiguousArray<Double>] = []
        let normalizedIndex = Dictionary(normalized.columns.indices.map { (normalized.columns[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
        for ion in wanted {
            processed.append(try settings.smoothing.apply(to: normalized.columns[normalizedIndex[ion]!].values))
        }
        self.processed = processed
        let time = profile.sputterTime
        // Interfaces are found on the raw counts of each ion (normalization can create artificial steps where
        // the total changes at an interface), then reported in time.
        let index = profile.columnIndexByName
        let columns = wanted.map { profile.columns[index[$0]!] }
        let raw = columns.map(\.values)
        transients = zip(wanted, raw).compactMap { settings.detector.surfaceTransient(time: time, signal: $1, ion: $0) }
        interfaces = zip(wanted, raw).flatMap { settings.detector.detect(time: time, signal: $1, ion: $0) }
        layers = LayerSequence(interfaces: interfaces, time: time,
                               columns: columns)
        switch settings.scale {
        case .none:
            scale = nil
        case .rate(let rate):
            scale = try DepthScale(rateNanometersPerSecond: rate)
        case .craterDepth(let depth):
            scale = try DepthScale(craterDepthNanometers: depth, totalTime: time.last ?? 0)
        case .layerRates(let rates):
            guard rates.count == layers.layers.count else {
                throw .invalidArgument("\(name): \(layers.layers.count) layers detected but \(rates.count) layer rates given",
                                       found: "\(rates.count) rates", expected: "\(layers.layers.count) rates (surface first)")
            }
            scale = try DepthScale(interfaceTimes: layers.interfaceTimes, rates: rates)
        }
        depth = scale.map { $0.depths(for: time) }
        damage = []
        for pair in settings.damagePairs {
            let result = try DamageCheck(longFragment: pair.long, shortFragment: pair.short).evaluate(profile)
            if let warning = result.warning { record.warn("\(name): \(warning)") }
            damage.append(("\(pair.long)/\(pair.short)", result))
        }
    }
}
