import SIMSAnalysis
import SIMSFormats

/// The depth-profile workflow behind `sims depth`: read IONTOF depth-profile exports, normalize per cycle,
/// convert time to depth, find interfaces and layers, check beam damage, average replicates, write tables,
/// plots and the report section.
public struct DepthWorkflow: Sendable {
    /// Settings of the run.
    public var settings: DepthSettings
    /// Reads one export; replaceable in tests.
    public var read: @Sendable (String) throws(SIMSError) -> DepthProfile

    /// Creates the workflow reading IONTOF depth-profile exports.
    public init(settings: DepthSettings) {
        self.settings = settings
        self.read = { path throws(SIMSError) in try IONTOFDepthProfileFormat.read(from: path) }
    }

    /// What a run produced.
    public struct Result: Sendable {
        /// One analysis per profile that could be read.
        public var analyses: [DepthAnalysis]
        /// Replicate averages per sample with ≥ 2 profiles.
        public var replicates: [(sample: String, average: ReplicateAverage)]
        /// The run record (warnings, failures, outputs).
        public var record: RunRecord
    }

    /// Runs on `inputs`, writing into `output`.
    public func run(inputs: DepthInputs, output: OutputFolder, arguments: [String] = [],
                    progress: any ProgressReporting = SilentProgress()) throws(SIMSError) -> Result {
        var record = RunRecord(command: "depth", arguments: arguments)
        if let first = inputs.files.first { try record.useManifest(describing: first.path) }  // sims.toml → Table III
        record.set("normalization", settings.normalization.description)
        record.set("smoothing", settings.smoothing.description)
        record.set("depth scale", String(describing: settings.scale))
        record.set("replicate grouping", settings.grouping.rawValue)
        if let summary = inputs.leftOutSummary { record.warn(summary) }
        record.set("dead-time correction", settings.primaryPulsesPerCycle.map { "N = \($0) primary pulses per cycle" } ?? "none")
        // A byte-identical copy of an export (one file in two data folders) is one crater, not two replicates.
        var inputs = inputs
        inputs.files = IdenticalInputs.firstOccurrences(inputs.files, files: { $0.isVolume ? [] : [$0.path] }, name: \.path,
                                                        record: &record)
        var analyses: [DepthAnalysis] = []
        for (index, file) in inputs.files.enumerated() {
            progress.report(task: "depth profiles", completed: index, total: inputs.files.count)
            record.inputs.append(file.path)
            do {
                let profile: DepthProfile
                if file.isVolume {
                    profile = try volumeProfile(file, output: output, record: &record)
                } else {
                    profile = try read(file.path)
                }
                analyses.append(try DepthAnalysis(name: file.name, profile: profile, settings: settings, record: &record))
            } catch {
                record.fail(file.path, error)
                progress.warn(error.description)
            }
        }
        progress.report(task: "depth profiles", completed: inputs.files.count, total: inputs.files.count)
        let distorted = analyses.filter { !($0.scale?.warnings(detectedLayers: $0.layers.layers.count).isEmpty ?? true) }
        if let example = distorted.first, let warning = example.scale?.warnings(detectedLayers: example.layers.layers.count).first {
            record.warn("\(distorted.count) of \(analyses.count) profile(s) have several layers: \(warning)")
        }

        var replicates: [(sample: String, average: ReplicateAverage)] = []
        if settings.grouping != .none {
            for group in inputs.groups where group.files.count > 1 {
                let members = analyses.filter { analysis in group.files.contains { $0.name == analysis.name } }
                guard members.count > 1 else { continue }
                do {
                    replicates.append((group.sample, try average(members)))
                } catch {
                    record.warn("replicates of \(group.sample) not averaged: \(error.message)")
                }
            }
        }
        var result = Result(analyses: analyses, replicates: replicates, record: record)
        try write(&result, to: output)
        return result
    }

    /// Reads a 3-D stack, exports it to VTK (ParaView) and to one multi-page TIFF z-stack per ion (Fiji),
    /// and returns its per-plane depth profile (time axis = plane index × ``DepthSettings/secondsPerPlane``).
    func volumeProfile(_ file: DepthInputs.File, output: OutputFolder, record: inout RunRecord) throws(SIMSError) -> DepthProfile {
        let volume = try VolumeLoader.load(from: file.path, planeThicknessMicrometers: settings.planeThicknessMicrometers)
        let base = OutputFolder.safeName(file.name)
        let name = "results/\(base).vtk"
        try VTKWriter.write(volume, to: output.file(name))
        record.outputs.append(name)
        for ion in volume.stackIons {
            let stack = "images/\(base)_\(OutputFolder.safeName(ion)).tiff"
            try volume.writeTIFFStack(of: ion, to: output.file(stack))
            record.outputs.append(stack)
        }
        var profile = try volume.depthProfile(secondsPerPlane: settings.secondsPerPlane)
        profile.source = file.path
        return profile
    }

    /// Aligns and averages the processed signals of replicate analyses.
    func average(_ members: [DepthAnalysis]) throws(SIMSError) -> ReplicateAverage {
        let common = members.dropFirst().reduce(Set(members[0].ions)) { $0.intersection($1.ions) }
        let ions = members[0].ions.filter { common.contains($0) }
        guard !ions.isEmpty else { throw .inconsistent("replicates share no ion") }
        let alignment: String
        if let chosen = settings.alignmentIon {
            alignment = chosen
        } else {
            // The ion with the strongest interface (largest relative plateau change) after the surface transient
            // in the first replicate that every other replicate also shows.
            func buried(_ member: DepthAnalysis) -> [Interface] {
                let end = member.profile.sputterTime.last ?? 0
                return member.interfaces.filter { common.contains($0.ion) && $0.time > ReplicateAverage.surfaceTransientFraction * end }
            }
            let ranked = buried(members[0]).sorted { contrast($0) > contrast($1) }
            let others = members.dropFirst().map { Set(buried($0).map(\.ion)) }
            guard let best = ranked.first(where: { candidate in others.allSatisfy { $0.contains(candidate.ion) } }) else {
                throw .inconsistent("no buried interface common to all replicates to align on")
            }
            alignment = best.ion
        }
        // Align on raw counts (where interfaces were detected), average the processed signals.
        let signals = members.map { member in
            let position = Dictionary(member.ions.indices.map { (member.ions[$0], $0) }, uniquingKeysWith: { first, _ in first })
            return Dictionary(uniqueKeysWithValues: ions.map { ion in (ion, member.processed[position[ion]!]) })
        }
        let alignmentSignals = try members.map { member throws(SIMSError) -> ContiguousArray<Double> in
            guard let column = member.profile.column(named: alignment) else {
                throw .inconsistent("\(member.name) has no column \(alignment) to align on")
            }
            return column.values
        }
        let average = try ReplicateAverage(times: members.map(\.profile.sputterTime), signals: signals,
                                           alignmentSignals: alignmentSignals, alignmentIon: alignment, detector: settings.detector)
        return average
    }

    private func contrast(_ interface: Interface) -> Double {
        let high = max(abs(interface.levelBefore), abs(interface.levelAfter))
        return high > 0 ? abs(interface.levelAfter - interface.levelBefore) / high : 0
    }
}
