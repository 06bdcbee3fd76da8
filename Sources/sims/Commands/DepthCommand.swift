import ArgumentParser
import SIMSWorkflows

/// `sims depth`: depth-profile normalization, depth scale, interfaces, damage check and replicates.
struct DepthCommand: AsyncParsableCommand, OutputFolderCommand {
    static let configuration = CommandConfiguration(
        commandName: "depth",
        abstract: "Depth profiles: normalization, depth scale, interfaces, layers, damage check, replicates.",
        discussion: """
        Reads IONTOF depth-profile exports (files, or folders of them), and 3-D stacks stored as a folder of \
        plane folders (plane_01/, plane_02/, … each one image set): their per-plane sums become a depth profile \
        and the volume is exported to results/<name>.vtk for ParaView and images/<name>_<ion>.tiff z-stacks for \
        Fiji. Replicate craters of one sample are \
        averaged after aligning them on an interface: by default files are grouped by name \
        (I231115t_D_MeO-2PACz_1f_neg-C1 and I231115v_D_MeO-2PACz_1f_neg-D1 are sample D_MeO-2PACz_1f_neg); \
        --group-by folder uses sub-folders as samples.

        Example:
          sims depth ../shared/data/perovskite-depth-profiles/MAPI-stack --normalize total --rate 0.8 --out depth-out
        """
    )

    static let defaultOutputFolder: String? = "sims-depth"

    @Argument(help: "Depth-profile exports or folders of them.")
    var inputs: [String]

    @Option(name: .long, parsing: .upToNextOption, help: "Ions to analyse (column names as exported); default all.")
    var ions: [String] = []

    @Option(name: .long, help: "Per-cycle normalization: total, none, or an ion name (matrix ion).")
    var normalize: String = "total"

    @Option(name: .long, parsing: .unconditional, help: "Constant sputter rate in nm/s.", transform: OptionRange.number(0...1e6, "nm/s", excludingLower: true))
    var rate: Double?

    @Option(name: .customLong("crater-depth"), parsing: .unconditional, help: "Measured crater depth in nm at the end of the profile.", transform: OptionRange.number(0...1e9, "nm", excludingLower: true))
    var craterDepth: Double?

    @Option(name: .customLong("layer-rates"), help: "Comma-separated sputter rates in nm/s, one per detected layer, surface first.")
    var layerRates: String?

    @Option(name: .long, help: "Smoothing: none, ma:<window>, sg:<window>:<order> (off by default).")
    var smooth: String = "none"

    @Option(name: .long, parsing: .upToNextOption, help: "Beam-damage check pairs LONG/SHORT (fragments of one molecule).")
    var damage: [String] = []

    @Option(name: .customLong("group-by"), help: "Replicate grouping: name, folder, none, or a regular expression on the file name with a named group `sample` (e.g. '^I\\d+_(?<sample>.+)-C\\d')")
    var groupBy: String = "name"

    @Option(name: .long, help: ArgumentHelp("Analyse only this polarity (pos|neg, from the file names)", valueName: "pos|neg"))
    var polarity: String?

    @Option(name: .customLong("align-on"), help: "Ion whose first interface aligns replicates (default: strongest).")
    var alignOn: String?

    @Option(name: .customLong("primary-pulses"), parsing: .unconditional, help: "Primary pulses per analysis cycle (scans × shots per pixel × pixels): dead-time correct the ion counts.", transform: OptionRange.number(1...1e15, "pulses"))
    var primaryPulses: Double?

    @Option(name: .customLong("seconds-per-plane"), parsing: .unconditional, help: "3-D stacks: sputter time per plane in s (default 1: the axis counts planes).", transform: OptionRange.number(0...1e6, "s", excludingLower: true))
    var secondsPerPlane: Double = 1

    @Option(name: .customLong("plane-thickness"), parsing: .unconditional, help: "3-D stacks: thickness of one plane in µm (VTK voxel size along z).", transform: OptionRange.number(0...1e4, "µm", excludingLower: true))
    var planeThickness: Double?

    @OptionGroup(title: "Output") var output: OutputArguments<DepthCommand>

    @OptionGroup(title: "Output") var figureArguments: FigureArguments

    func run() async throws {
        var settings = DepthSettings()
        settings.ions = ions
        settings.normalization = ProfileNormalization(parsing: normalize)
        settings.smoothing = try DepthCommand.parseSmoothing(smooth)
        let scales = [rate != nil, craterDepth != nil, layerRates != nil].filter { $0 }.count
        guard scales <= 1 else { throw ValidationError("give only one of --rate, --crater-depth, --layer-rates") }
        if let rate { settings.scale = .rate(rate) }
        if let craterDepth { settings.scale = .craterDepth(craterDepth) }
        if let layerRates {
            let values = layerRates.split(separator: ",").map { Double(String($0).trimmingSpaces()) }
            guard values.allSatisfy({ $0 != nil }) else { throw ValidationError("--layer-rates expects numbers in nm/s, e.g. 0.5,1.2,0.8") }
            settings.scale = .layerRates(values.map { $0! })
        }
        settings.damagePairs = try damage.map { pair in
            let parts = pair.split(separator: "/", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--damage expects LONG/SHORT, found \(pair)")
            }
            return (parts[0], parts[1])
        }
        let grouping = DepthSettings.Grouping(rawValue: groupBy) ?? .name
        var selection = StudySelection(groupBy: DepthSettings.Grouping(rawValue: groupBy) == nil ? groupBy : nil)
        if let polarity {
            guard let parsed = Polarity(parsing: polarity) else { throw ValidationError("--polarity must be pos or neg, not \(polarity)") }
            selection.polarity = parsed
        }
        settings.grouping = grouping
        settings.alignmentIon = alignOn
        settings.primaryPulsesPerCycle = primaryPulses
        settings.secondsPerPlane = secondsPerPlane
        settings.planeThicknessMicrometers = planeThickness

        let progress = StderrProgress()
        let result = try DepthWorkflow(settings: settings).run(
            inputs: try DepthInputs(paths: inputs, grouping: grouping, selection: selection), output: try OutputFolder(output.out, figures: try figureArguments.formats(), force: output.force, reading: inputs),
            arguments: CommandLine.arguments.dropFirst().map { $0 }, progress: progress)
        try progress.finish(result.record, summary: "\(result.analyses.count) profile(s) analysed, \(result.replicates.count) replicate group(s) averaged → \(output.out)/report.html")
    }

    /// Parses `none`, `ma:<window>` or `sg:<window>:<order>`.
    static func parseSmoothing(_ text: String) throws -> ProfileSmoothing {
        let parts = text.split(separator: ":").map(String.init)
        switch (parts.first, parts.count) {
        case ("none", 1): return .none
        case ("ma", 2): if let w = Int(parts[1]) { return .movingAverage(window: w) }
        case ("sg", 3): if let w = Int(parts[1]), let o = Int(parts[2]) { return .savitzkyGolay(window: w, order: o) }
        default: break
        }
        throw ValidationError("--smooth expects none, ma:<window> or sg:<window>:<order>, found \(text)")
    }
}
