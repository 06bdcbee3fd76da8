import Foundation
import SIMSCore
import SIMSFormats
import SIMSReport
import SIMSSimulator

/// `sims demo`: simulates battery ToF-SIMS data with known truth (`DIR/data`), runs every workflow of SIMSKit on
/// it (one sub-folder each) and writes `DIR/report.html` linking everything, with the truth next to the results.
public enum DemoWorkflow {
    /// What the demo did.
    public struct Result: Sendable {
        /// The demo's run record (steps as sections, failures of steps).
        public var record: RunRecord
        /// Titles of the steps that ran successfully.
        public var completed: [String]
        /// The simulation output (files, truth).
        public var simulation: SimulationWriter.Output
    }

    /// Runs the demo into `folder` with `seed`, using `steps` (default ``standardSteps``); `force` as in
    /// ``OutputFolder/init(_:figures:force:reading:)``.
    /// A failing step is recorded (the demo then ends with ``RunRecord/Outcome/completedWithErrors``); the
    /// simulation failing stops the demo.
    public static func run(folder: String, seed: UInt64 = 1, designs: SimulationDesigns = demoDesigns,
                           steps: [DemoStep] = standardSteps, arguments: [String] = [], force: Bool = false,
                           progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> Result {
        let output = try OutputFolder(folder, force: force)
        var record = RunRecord(command: "demo", arguments: arguments)
        record.set("seed", String(seed))
        let data = output.path + "/data"
        progress.report(task: "simulating battery ToF-SIMS data (study, images, depth profile, 3-D)", completed: 0, total: 0)
        let simulation = try SimulationWriter(folder: data, seed: seed, designs: designs).write(.all)
        record.inputs.append(data + "/truth.json")
        record.add(simulationSection(simulation, seed: seed))
        if let study = simulation.study { record.acquisition = study.design.beam.acquisition(polarity: .negative) }

        let context = DemoContext(output: output, data: data, simulation: simulation, progress: progress)
        var completed: [String] = []
        for (index, step) in steps.enumerated() {
            progress.report(task: "demo: \(step.title)", completed: index, total: steps.count)
            do {
                record.add(try step.run(context))
                completed.append(step.title)
            } catch {
                record.fail(step.title, error)
                var section = ReportSection(title: step.title, workflow: "demo")
                section.warning("This step failed: \(error.description)")
                record.add(section)
                progress.warn("demo step \(step.title) failed: \(error)")
            }
        }
        progress.report(task: "demo", completed: steps.count, total: steps.count)
        try ReportFiles.linkSubreports(under: output, to: "report.html")
        try record.writeReport(to: output, title: "SIMSKit demo — simulated battery ToF-SIMS data with known truth")
        return Result(record: record, completed: completed, simulation: simulation)
    }

    /// The demo's data: the presets' designs (study 3 × 5 spots in both polarities, 256 × 256 images,
    /// 400-cycle depth profile, 24-plane stack).
    public static var demoDesigns: SimulationDesigns { SimulationDesigns() }

    /// The section describing the simulated data and the truth.
    static func simulationSection(_ simulation: SimulationWriter.Output, seed: UInt64) -> ReportSection {
        var section = ReportSection(title: "Simulated data and ground truth", workflow: "simulate")
        section.paragraph("""
        No public battery ToF-SIMS data exist, so this demo simulates them (seed \(seed)): a composite cathode of \
        NCM811 particles in argyrodite Li6PS5Cl with carbon, pores and a cathode–electrolyte interphase (CEI), \
        measured with Poisson counting noise, detector dead time (one count per pulse: intense peaks such as Li+ \
        saturate) and topography. Files are IONTOF SurfaceLab exports (spectra, mass interval list, ion images, \
        depth profile) and BIF6; data/truth.json holds what every analysis should find. See docs/simulator.md.
        """)
        if let study = simulation.truth.study {
            var rows: [[String]] = []
            for sample in study.samples {
                let spots = study.spots.filter { $0.sample == sample.name && $0.polarity == "negative" }
                let cei = spots.map { $0.phaseFractions["CEI"] ?? 0 }.reduce(0, +) / Double(max(1, spots.count))
                let ncm = spots.map { $0.phaseFractions["NCM811"] ?? 0 }.reduce(0, +) / Double(max(1, spots.count))
                rows.append([sample.name, format(sample.ceiThicknessMicrometers), format(100 * cei), format(100 * ncm), String(spots.count)])
            }
            section.table("Ground truth of the spectra study (mean over spots)",
                          header: ["sample", "CEI thickness (µm)", "CEI area (%)", "NCM811 area (%)", "spots"], rows: rows)
            if let li = study.spots.first(where: { $0.polarity == "positive" })?.lines.first(where: { $0.ion == "Li+" }) {
                section.paragraph("Detector saturation built in: ⁷Li⁺ arrives with \(format(li.countsPerPulse)) ions per primary pulse at the first positive spot, so only \(format(100 * li.expectedMeasuredCounts / li.trueCounts)) % of its ions are counted (N·(1 − e^(−true/N))).")
            }
        }
        section.file("data/truth.json", label: "ground truth (truth.json)")
        return section
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return CSVTable.format(rounded)
    }
}
