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
    /// Every finding, in order, without duplicates: the one-off warnings and each instance of a
    /// ``WarningKind`` (one isotope ratio of one spot, one saturated peak …). All go to `results/warnings.csv`.
    public private(set) var findings: [Finding] = []
    /// ``findings`` as a set, so recording stays O(1) with tens of thousands of findings.
    private var recorded = Set<Finding>()
    /// How many checks of each kind were made (``WarningKind/id`` → count), for "1,187 of 3,561 checks".
    public private(set) var checks: [String: Int] = [:]
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
    /// Table III fields derived from the inputs (`sims.toml` key → value), used when no header, config or
    /// command line gives them (e.g. `acquisition.polarity` of one polarity's sub-study).
    public var derivedValues: [String: String] = [:]
    /// The parent report (relative path, `../report.html`) when this run is one polarity of a split study.
    public var parentReport: String?
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

    /// Records a warning (once). With a `kind`, the warning is one instance of a repeated finding: stderr and
    /// the report show one line per kind (count and the instance with the largest `severity`).
    public mutating func warn(_ message: String, kind: WarningKind? = nil, severity: Double? = nil) {
        let finding = Finding(kind: kind, message: message, severity: severity)
        if recorded.insert(finding).inserted { findings.append(finding) }
    }

    /// Records that `count` checks of `kind` were made (the denominator of its summary line).
    public mutating func recordChecks(_ count: Int, of kind: WarningKind) { checks[kind.id, default: 0] += count }

    /// What a person reads: each one-off warning, and one line per ``WarningKind`` at the place of its first
    /// instance — its count (of the checks made), the worst instance and the file with all of them.
    public var warnings: [String] {
        var lines: [String] = []
        var done = Set<String>()
        let byKind = Dictionary(grouping: findings.filter { $0.kind != nil }, by: { $0.kind!.id })
        for finding in findings {
            guard let kind = finding.kind else { lines.append(finding.message); continue }
            guard done.insert(kind.id).inserted else { continue }
            let all = byKind[kind.id] ?? []
            let total = checks[kind.id]
            if all.count == 1 && total == nil { lines.append(finding.message); continue }
            let worst = all.max { ($0.severity ?? -.infinity) < ($1.severity ?? -.infinity) } ?? finding
            lines.append("\(kind.summary) in \(Self.grouped(all.count))" + (total.map { " of \(Self.grouped($0))" } ?? "") + " \(kind.unit); worst: \(worst.message)"
                         + " — see \(kind.file ?? "results/warnings.csv")")
        }
        return lines
    }

    /// `1187` → `1,187`.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(abs(value)))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// Records a failed input and keeps going.
    public mutating func fail(_ input: String, _ error: any Error) {
        failures.append(Failure(input: input, message: String(describing: error)))
    }

    /// Takes over `other`'s failures (a sub-study's), so this run's outcome reflects them.
    mutating func includeFailures(of other: RunRecord) { failures += other.failures }

    /// How the run ended.
    public var outcome: Outcome { failures.isEmpty ? .success : .completedWithErrors }
}
