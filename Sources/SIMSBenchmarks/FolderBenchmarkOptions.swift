/// Settings of the benchmarks that time a folder of real exports against NumPy (`sims bench parse`,
/// `sims bench spectra`, `sims bench depth`).
public struct FolderBenchmarkOptions: Sendable {
    /// Folder with the exports (files of another kind are skipped).
    public var folder: String
    /// Timed repetitions (the minimum is reported).
    public var repetitions = 5
    /// Whether to run the NumPy comparison (needs python3 with numpy).
    public var numpy = true
    /// Creates options.
    public init(folder: String) { self.folder = folder }
}
