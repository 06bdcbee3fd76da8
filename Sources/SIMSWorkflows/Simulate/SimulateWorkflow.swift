import SIMSCore
import SIMSSimulator

/// `sims simulate`: writes a simulated data set (preset) with its ground truth into an output folder.
public enum SimulateWorkflow {
    /// Simulates `preset` with `seed` into `folder` and returns what was written.
    public static func run(preset: SimulationPreset, seed: UInt64, folder: String, designs: SimulationDesigns = SimulationDesigns(),
                           progress: any ProgressReporting = SilentProgress()) throws(SIMSError) -> SimulationWriter.Output {
        _ = try OutputFolder(folder)
        return try SimulationWriter(folder: folder, seed: seed, designs: designs).write(preset, progress: progress)
    }
}
