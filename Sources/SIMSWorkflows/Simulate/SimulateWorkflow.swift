import SIMSCore
import SIMSSimulator

/// `sims simulate`: writes a simulated data set (preset) with its ground truth into an output folder.
public enum SimulateWorkflow {
    /// Simulates `preset` with `seed` into `folder` (an ``OutputFolder``: staged, then moved into place as a
    /// unit) and returns what was written.
    public static func run(preset: SimulationPreset, seed: UInt64, folder: String, designs: SimulationDesigns = SimulationDesigns(),
                           force: Bool = false, progress: any ProgressReporting = SilentProgress()) throws(SIMSError) -> SimulationWriter.Output {
        let output = try OutputFolder(folder, force: force)
        let written = try SimulationWriter(folder: output.path, seed: seed, designs: designs).write(preset, progress: progress)
        try output.commit()
        return written
    }
}
