import SIMSCore
import SIMSReport
import SIMSSimulator

/// What a demo step gets: where the simulated data are, their ground truth, and where to write.
public struct DemoContext: Sendable {
    /// The demo's output folder (each step writes into its own sub-folder).
    public var output: OutputFolder
    /// The simulated data (`DIR/data`).
    public var data: String
    /// What the simulator wrote, with the ground truth.
    public var simulation: SimulationWriter.Output
    /// Progress and warnings.
    public var progress: any ProgressReporting

    /// A sub-folder of the output for a step (`DIR/<name>`).
    public func folder(_ name: String) -> String { output.path + "/" + name }
}

/// One workflow run by `sims demo` on the simulated data: a title and a function that runs it and returns the
/// section it contributes to the demo's `report.html`.
///
/// Adding a workflow to the demo is one call: `DemoWorkflow.steps.append(DemoStep(...))`, or one entry in
/// ``DemoWorkflow/standardSteps``.
public struct DemoStep: Sendable {
    /// Short title, e.g. `Spectra (negative polarity)`.
    public var title: String
    /// Runs the step. Throwing marks the step failed in the demo report; the demo continues.
    public var run: @Sendable (DemoContext) throws(SIMSError) -> ReportSection

    /// Creates a step.
    public init(_ title: String, run: @escaping @Sendable (DemoContext) throws(SIMSError) -> ReportSection) {
        self.title = title
        self.run = run
    }
}
