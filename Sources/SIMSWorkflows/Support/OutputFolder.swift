import Foundation
import SIMSCore
import SIMSFormats
import SIMSReport

/// The output folder of one run, laid out the same way by every command:
///
/// ```
/// DIR/results/*.csv        tables
/// DIR/plots/*.svg|png|pdf  figures (extra/ for the less important ones; formats from --figures)
/// DIR/images/…             ion images, label images
/// DIR/report.html          one self-contained page
/// DIR/provenance.json      inputs with SHA-256, settings, warnings
/// DIR/methods.md           the experimental-section paragraph
/// DIR/.sims-manifest.json  the files this run wrote (what the next run into DIR replaces)
/// ```
///
/// A run is written into a hidden staging folder beside `DIR` and swapped into place as a unit by ``commit()``
/// (``RunRecord/writeReport(to:title:)`` commits, so every workflow that writes a report does): a killed run
/// leaves the previous complete result, never a mix. The new run replaces exactly the files the previous run's
/// manifest lists; files sims did not write stay. A folder that holds files but no manifest, or a file sims did
/// not write where this run writes one, is refused unless `force` (see docs/reliability.md).
///
/// ``path`` is where to write: the staging folder during the run, `DIR` after the commit. A run that throws
/// before committing leaves `DIR` untouched; its staging folder is removed when the last copy of the
/// `OutputFolder` goes away (or by the next run, after a crash).
public struct OutputFolder: Sendable {
    let run: OutputRun
    /// `""` for the run's folder, `"/<name>…"` for a ``subfolder(_:)``.
    let relative: String
    /// The formats of the figures a report shows (`--figures`); default ``SIMSReport/FigureFormat/defaults``.
    public var figureFormats: Set<FigureFormat>
    /// The formats of the other figures, under `plots/extra/` (`--figures` when given); default
    /// ``SIMSReport/FigureFormat/extraDefaults`` (SVG only).
    public var extraFigureFormats: Set<FigureFormat>

    /// The name of the manifest file in an output folder.
    public static let manifestName = ".sims-manifest.json"

    /// Starts a run into `path` (`--out`).
    /// - Parameters:
    ///   - path: the output folder; created at the commit when it does not exist.
    ///   - figures: the formats every figure is written in; `nil` (no `--figures`) = PNG and SVG for the figures a
    ///     report shows, SVG for those under `plots/extra/`.
    ///   - force: write into a folder that holds files sims did not write, replacing those in the way.
    ///   - inputs: the run's inputs (files or folders, as given). The output folder may not be one of them or
    ///     contain one: inputs are never written over or removed.
    /// - Throws: ``SIMSError`` when `path` is a file, is or contains an input, holds files but no manifest (without
    ///   `force`), another sims run is writing into it, or the staging folder cannot be created.
    public init(_ path: String, figures: Set<FigureFormat>? = nil, force: Bool = false,
                reading inputs: [String] = []) throws(SIMSError) {
        run = try OutputRun(destination: path, force: force, inputs: inputs, updating: false)
        relative = ""
        if let figures, !figures.isEmpty {
            figureFormats = figures; extraFigureFormats = figures
        } else {
            figureFormats = FigureFormat.defaults; extraFigureFormats = FigureFormat.extraDefaults
        }
    }

    /// Opens the output folder of a finished run (`sims report DIR`) to replace some of its files: the commit
    /// keeps every file of the previous run that this one does not rewrite, and the manifest lists both.
    public init(updating path: String) throws(SIMSError) {
        run = try OutputRun(destination: path, force: false, inputs: [], updating: true)
        relative = ""
        figureFormats = FigureFormat.defaults
        extraFigureFormats = FigureFormat.extraDefaults
    }

    private init(run: OutputRun, relative: String, figureFormats: Set<FigureFormat>, extraFigureFormats: Set<FigureFormat>) {
        self.run = run
        self.relative = relative
        self.figureFormats = figureFormats
        self.extraFigureFormats = extraFigureFormats
    }

    /// Where files are written now: the staging folder until ``commit()``, the output folder afterwards.
    public var path: String { run.root + relative }

    /// The folder as the user named it (`--out`, plus the sub-folder's name); the results are here after
    /// ``commit()``.
    public var destination: String { run.destination + relative }

    /// A folder inside this one (e.g. `DIR/negative` for one polarity's sub-study) that belongs to the same run:
    /// it is staged, committed and listed in the manifest with it. ``RunRecord/writeReport(to:title:)`` on a
    /// sub-folder writes the report files there without committing; the run commits when its top folder does.
    public func subfolder(_ name: String) -> OutputFolder {
        OutputFolder(run: run, relative: relative + "/" + OutputFolder.safeName(name), figureFormats: figureFormats,
                     extraFigureFormats: extraFigureFormats)
    }

    /// Whether this folder is the run's top folder (not a ``subfolder(_:)``).
    public var isTopFolder: Bool { relative.isEmpty }

    /// Whether the run has been committed.
    public var isCommitted: Bool { run.isCommitted }

    /// `DIR/results/<name>`.
    public func results(_ name: String) -> String { path + "/results/" + name }
    /// `DIR/plots/<name>`.
    public func plots(_ name: String) -> String { path + "/plots/" + name }
    /// `DIR/images/<name>`.
    public func images(_ name: String) -> String { path + "/images/" + name }
    /// `DIR/<name>` for top-level files (`report.html`, `provenance.json`, `methods.md`).
    public func file(_ name: String) -> String { path + "/" + name }

    /// Moves the finished run into place as a unit (the whole run, also when called on a sub-folder): files
    /// of the previous run that this one did not write disappear, files sims did not write stay, and the
    /// manifest lists what this run wrote. Calling it again does nothing.
    /// - Parameter inputs: files the run read (e.g. ``RunRecord/inputs``); none of them may be replaced or
    ///   removed.
    /// - Throws: ``SIMSError`` naming the files in the way, or when the folder cannot be swapped.
    public func commit(protecting inputs: [String] = []) throws(SIMSError) {
        try run.commit(protecting: inputs)
    }

    /// Ends all writing for good and removes what unfinished runs wrote (called on SIGINT / SIGTERM, so an
    /// interrupted run leaves nothing behind): a commit in progress finishes first and no run commits afterwards,
    /// then ``WriteGate/close(timeout:)`` lets the writes in progress finish and blocks new ones, and the registered
    /// temporary files and the staging folders of the uncommitted runs are removed.
    public static func abandonAllRuns() {
        OutputRun.abandonAll()
    }

    /// A file-name-safe version of a label (ion names contain `^`, `/`, spaces, parentheses).
    public static func safeName(_ label: String) -> String {
        var out = ""
        for scalar in label.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", "+", ".": out.unicodeScalars.append(scalar)
            case "^": out += "i"
            case "/": out += "_per_"
            default: out += "_"
            }
        }
        if out == "." || out == ".." { out = out.replacingOccurrences(of: ".", with: "_") }
        return out.isEmpty ? "_" : out
    }
}
