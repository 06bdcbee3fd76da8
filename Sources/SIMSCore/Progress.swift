/// Receives progress of long work (reading a study, fitting a model) so a front end can show it.
///
/// The CLI prints to stderr; libraries and tests pass ``SilentProgress``.
public protocol ProgressReporting: Sendable {
    /// `completed` of `total` steps of `task` are done.
    func report(task: String, completed: Int, total: Int)
    /// A warning that does not stop the work (it is also collected in results where relevant).
    func warn(_ message: String)
}

/// Discards all progress.
public struct SilentProgress: ProgressReporting {
    /// Creates a silent reporter.
    public init() {}
    /// Does nothing.
    public func report(task: String, completed: Int, total: Int) {}
    /// Does nothing.
    public func warn(_ message: String) {}
}
