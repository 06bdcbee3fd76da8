import SIMSCore
import SIMSFormats
import SIMSReport

/// What one run did: the command, its settings, inputs read, outputs written, warnings and the inputs that
/// failed. Every workflow fills one; the report and `provenance.json` are written from it.
///
/// A batch keeps going past a corrupt file: the failure is recorded here and the run ends with
/// ``Outcome/completedWithErrors``.
public struct RunRecord: Sendable {
    /// How a run ended.
    public enum Outcome: Sendable, Equatable {
        /// Everything was processed.
        case success
        /// Some inputs failed and were skipped; results cover the rest.
        case completedWithErrors
    }

    /// One input that could not be processed.
    public struct Failure: Sendable, Equatable {
        /// The input (path).
        public var input: String
        /// The error, as a one-line message with file and line.
        public var message: String
    }

    /// The command name (`spectra`, `images`, …).
    public var command: String
    /// The command line as typed (arguments after `sims`).
    public var arguments: [String]
    /// Settings in effect, in a stable order (name, value as text).
    public var settings: [(name: String, value: String)] = []
    /// Input files read (paths), in order.
    public var inputs: [String] = []
    /// SHA-256 and size of inputs, taken from the bytes as they were read (``read(_:digest:)``), so the
    /// provenance needs no second pass over them; inputs missing here are hashed when the report is built.
    public var digests: [String: FileDigest] = [:]
    /// Output files written (paths relative to the output folder), in order.
    public var outputs: [String] = []
    /// Warnings for the user (saturation, low n, missing metadata, …), in order, without duplicates.
    public private(set) var warnings: [String] = []
    /// Inputs that failed.
    public private(set) var failures: [Failure] = []
    /// Acquisition parameters gathered from headers, config and command line. For the report (Table III
    /// sources) the values here count as coming from the export headers; put command-line values in
    /// ``commandLineAcquisition`` and the study's `sims.toml` in ``configuration``.
    public var acquisition = Acquisition()
    /// Acquisition parameters given on the command line (win over headers and config in Table III).
    public var commandLineAcquisition = Acquisition()
    /// Any Table III field given on the command line as text, by `sims.toml` key (`acquisition.polarity` …).
    public var commandLineValues: [String: String] = [:]
    /// The study's `sims.toml` `[acquisition]` table as read by `StudyManifest` (`Study.acquisition`).
    public var configAcquisition = Acquisition()
    /// The study's other `sims.toml` tables, flattened to `table.key` (`Study.metadata`).
    public var configuration = Metadata()
    /// Report sections added by the workflow (`add(_:)`), rendered into `report.html` by `writeReport(to:)`.
    public var sections: [ReportSection] = []

    /// Starts a record.
    public init(command: String, arguments: [String] = []) {
        self.command = command
        self.arguments = arguments
    }

    /// Records an input file that was read, with the digest of the bytes read.
    public mutating func read(_ path: String, digest: FileDigest) {
        inputs.append(path)
        digests[path] = digest
    }

    /// Records a setting.
    public mutating func set(_ name: String, _ value: String) { settings.append((name, value)) }

    /// Records a warning (once).
    public mutating func warn(_ message: String) {
        if !warnings.contains(message) { warnings.append(message) }
    }

    /// Records a failed input and keeps going.
    public mutating func fail(_ input: String, _ error: any Error) {
        failures.append(Failure(input: input, message: String(describing: error)))
    }

    /// How the run ended.
    public var outcome: Outcome { failures.isEmpty ? .success : .completedWithErrors }
}
